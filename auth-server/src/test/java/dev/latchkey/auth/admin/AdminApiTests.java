package dev.latchkey.auth.admin;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.NewAccount;
import dev.latchkey.auth.account.Role;
import dev.latchkey.auth.audit.AuditEntry;
import dev.latchkey.auth.audit.AuditLog;
import dev.latchkey.auth.audit.AuditQuery;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API over real HTTP, with tokens from client credentials and with a signed-in
 * session: each operation on users, keys and the audit log, who may do it, and bad input
 * refused with problem details and nothing stored.
 */
@LatchkeyIntegrationTest
class AdminApiTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditLog audit;

	@Autowired
	Accounts accounts;

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

	private TestAdminApi writer() {
		return TestAdminApi.withToken(baseUrl(), "admin.write");
	}

	private TestAdminApi reader() {
		return TestAdminApi.withToken(baseUrl(), "admin.read");
	}

	private static String unique(String prefix) {
		return prefix + "-" + System.nanoTime() + "@example.com";
	}

	private long accounts(String email) {
		return this.jdbc.queryForObject("SELECT count(*) FROM account WHERE email = ?", Long.class, email);
	}

	@Test
	void userWhenDisabledWhileSignedInThenSessionsEndAndRefreshRefusedAndOthersUntouched() {
		String email = unique("disabled-while-signed-in");
		String id = this.accounts
			.register(new NewAccount(email, "Dora Disabled", TestOAuthClient.PASSWORD, Set.of(Role.USER)))
			.id()
			.toString();
		TestBrowser browser = new TestBrowser(baseUrl());
		assertThat(TestBrowser.location(browser.signIn(email, TestOAuthClient.PASSWORD))).doesNotContain("error");
		TestBrowser appBrowser = new TestBrowser(baseUrl());
		TestOAuthClient client = TestOAuthClient.demoWeb(appBrowser);
		TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
		String refreshToken = (String) TestOAuthClient
			.json(client.exchangeCode(client.authorize(email, "openid documents.read", pkce), pkce.verifier()))
			.get("refresh_token");
		String otherEmail = unique("still-signed-in");
		this.accounts.register(new NewAccount(otherEmail, "Otto Other", TestOAuthClient.PASSWORD, Set.of(Role.USER)));
		TestBrowser other = new TestBrowser(baseUrl());
		other.signIn(otherEmail, TestOAuthClient.PASSWORD);
		assertThat(browser.get("/account").statusCode()).isEqualTo(200);

		assertThat(writer().post("/admin/api/users/" + id + "/disable", null).statusCode()).isEqualTo(200);

		assertThat(TestBrowser.location(browser.get("/account"))).endsWith("/login");
		assertThat(TestBrowser.location(appBrowser.get("/account"))).endsWith("/login");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM spring_session WHERE principal_name = ?",
				Integer.class, id))
			.isZero();
		HttpResponse<String> refreshed = client.refresh(refreshToken);
		assertThat(refreshed.statusCode()).isEqualTo(400);
		assertThat(TestOAuthClient.json(refreshed)).containsEntry("error", "invalid_grant");
		assertThat(other.get("/account").statusCode()).as("another account's session").isEqualTo(200);
		assertThat(TestBrowser.location(new TestBrowser(baseUrl()).signIn(email, TestOAuthClient.PASSWORD)))
			.endsWith("/login?error");
	}

	@Test
	void usersWhenCreatedSearchedChangedThenEachStepStoredAndAudited() {
		TestAdminApi api = writer();
		String email = unique("api-user");
		HttpResponse<String> created = api.post("/admin/api/users",
				"{\"email\":\"" + email + "\",\"displayName\":\"Api User\",\"roles\":[\"USER\"]}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = (String) TestAdminApi.json(created).get("id");
		assertThat(created.headers().firstValue("Location")).hasValue("/admin/api/users/" + id);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM outbound_mail WHERE account_id = ?::uuid AND kind = 'PASSWORD_RESET'", Long.class,
				id))
			.isEqualTo(1);

		HttpResponse<String> found = reader().get("/admin/api/users?q=" + TestBrowser.encode(email));
		assertThat(found.statusCode()).isEqualTo(200);
		assertThat(found.body()).contains(email).contains("\"hasNext\":false");

		HttpResponse<String> roles = api.put("/admin/api/users/" + id + "/roles", "{\"roles\":[\"MANAGER\",\"USER\"]}");
		assertThat(roles.statusCode()).as(roles.body()).isEqualTo(200);
		assertThat(roles.body()).contains("\"roles\":[\"MANAGER\",\"USER\"]");

		assertThat(TestAdminApi.json(api.post("/admin/api/users/" + id + "/disable", null))).containsEntry("enabled",
				false);
		assertThat(api.post("/admin/api/users/" + id + "/reset-link", null).statusCode()).isEqualTo(400);
		assertThat(TestAdminApi.json(api.post("/admin/api/users/" + id + "/enable", null))).containsEntry("enabled",
				true);
		assertThat(api.post("/admin/api/users/" + id + "/reset-link", null).statusCode()).isEqualTo(202);
		assertThat(reader().get("/admin/api/users/" + id).body()).contains("\"enabled\":true");

		List<String> types = this.audit.find(new AuditQuery(null, null, "admin.user", null, "account:" + id, 0, 20))
			.entries()
			.stream()
			.map(AuditEntry::type)
			.toList();
		assertThat(types).containsExactly("admin.user.reset_link_sent", "admin.user.enabled", "admin.user.disabled",
				"admin.user.roles_changed", "admin.user.reset_link_sent", "admin.user.created");
		AuditEntry first = this.audit
			.find(new AuditQuery(null, null, "admin.user.created", null, "account:" + id, 0, 1))
			.entries()
			.get(0);
		assertThat(first.actor()).isEqualTo("client:demo-admin");
		assertThat(first.address()).isEqualTo("127.0.0.1");
	}

	@Test
	void usersWhenInputInvalidThenProblemWithFieldsAndNothingStored() {
		TestAdminApi api = writer();
		String email = unique("bad");
		Map<String, String> bodies = Map.of("email",
				"{\"email\":\"not-an-email\",\"displayName\":\"X\",\"roles\":[\"USER\"]}", "displayName",
				"{\"email\":\"" + email + "\",\"displayName\":\"" + "x".repeat(101) + "\",\"roles\":[\"USER\"]}",
				"roles", "{\"email\":\"" + email + "\",\"displayName\":\"X\",\"roles\":[\"ROOT\"]}", "body",
				"{\"email\":");
		bodies.forEach((field, body) -> {
			HttpResponse<String> response = api.post("/admin/api/users", body);
			assertThat(response.statusCode()).as(field + ": " + response.body()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type").orElseThrow())
				.startsWith("application/problem+json");
			assertThat(response.body()).contains("\"field\":\"" + field + "\"");
		});
		HttpResponse<String> markup = api.post("/admin/api/users",
				"{\"email\":\"<script>@example.com\",\"displayName\":\"X\",\"roles\":[\"USER\"]}");
		assertThat(markup.statusCode()).isEqualTo(400);
		assertThat(markup.body()).doesNotContain("<script>");
		assertThat(accounts(email)).isZero();
		HttpResponse<String> duplicate = api.post("/admin/api/users",
				"{\"email\":\"User@Example.com\",\"displayName\":\"Again\",\"roles\":[\"USER\"]}");
		assertThat(duplicate.statusCode()).isEqualTo(400);
		assertThat(duplicate.body()).contains("already exists");
		assertThat(api.get("/admin/api/users/not-a-uuid").statusCode()).isEqualTo(404);
		assertThat(api.get("/admin/api/users/00000000-0000-0000-0000-000000000000").statusCode()).isEqualTo(404);
	}

	@Test
	void writesWhenReadTokenOrManagerThenForbiddenAndNothingStored() {
		String email = unique("forbidden");
		String body = "{\"email\":\"" + email + "\",\"displayName\":\"No\",\"roles\":[\"ADMIN\"]}";
		HttpResponse<String> byReader = reader().post("/admin/api/users", body);
		assertThat(byReader.statusCode()).isEqualTo(403);
		assertThat(byReader.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("insufficient_scope");
		assertThat(reader().post("/admin/api/keys/rotate", "{}").statusCode()).isEqualTo(403);

		TestBrowser manager = new TestBrowser(baseUrl());
		manager.signIn("manager@example.com", TestOAuthClient.PASSWORD);
		TestAdminApi session = TestAdminApi.withSession(manager);
		assertThat(session.get("/admin/api/users?q=manager").statusCode()).isEqualTo(200);
		assertThat(session.post("/admin/api/users", body).statusCode()).isEqualTo(403);
		assertThat(accounts(email)).isZero();

		TestBrowser user = new TestBrowser(baseUrl());
		user.signIn("user@example.com", TestOAuthClient.PASSWORD);
		assertThat(TestAdminApi.withSession(user).get("/admin/api/users").statusCode()).isEqualTo(403);
	}

	@Test
	void sessionWhenAdminThenWritesNeedTheCsrfToken() {
		TestBrowser admin = new TestBrowser(baseUrl());
		admin.signIn("admin@example.com", TestOAuthClient.PASSWORD);
		String email = unique("session");
		String body = "{\"email\":\"" + email
				+ "\",\"displayName\":\"Session\",\"roles\":[\"USER\"],\"sendResetLink\":false}";
		HttpResponse<String> withoutCsrf = admin
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/admin/api/users"))
				.header("Content-Type", "application/json")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
				.build());
		assertThat(withoutCsrf.statusCode()).isEqualTo(403);
		assertThat(accounts(email)).isZero();
		assertThat(TestAdminApi.withSession(admin).post("/admin/api/users", body).statusCode()).isEqualTo(201);
		assertThat(accounts(email)).isEqualTo(1);
	}

	@Test
	void keysWhenListedRotatedRevokedThenDoneAndAudited() {
		TestAdminApi api = writer();
		HttpResponse<String> list = reader().get("/admin/api/keys");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("\"state\":\"ACTIVE\"").doesNotContain("\"d\"");
		HttpResponse<String> rotated = api.post("/admin/api/keys/rotate", "{\"force\":false}");
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
		assertThat(rotated.body()).contains("ES256").contains("RS256");
		String pending = this.jdbc.queryForObject(
				"SELECT kid FROM signing_key WHERE state = 'PENDING' AND algorithm = 'ES256' LIMIT 1", String.class);
		HttpResponse<String> noReason = api.post("/admin/api/keys/" + pending + "/revoke", "{\"reason\":\" \"}");
		assertThat(noReason.statusCode()).isEqualTo(400);
		assertThat(noReason.body()).contains("\"field\":\"reason\"");
		HttpResponse<String> revoked = api.post("/admin/api/keys/" + pending + "/revoke",
				"{\"reason\":\"test <b>compromise</b>\"}");
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
		assertThat(TestAdminApi.json(revoked)).containsEntry("state", "REVOKED");
		assertThat(api.post("/admin/api/keys/" + pending + "/revoke", "{\"reason\":\"again\"}").statusCode())
			.isEqualTo(400);
		assertThat(api.post("/admin/api/keys/no-such-key/revoke", "{\"reason\":\"x\"}").statusCode()).isEqualTo(404);
		AuditEntry entry = this.audit
			.find(new AuditQuery(null, null, "admin.key.revoked", null, "key:" + pending, 0, 1))
			.entries()
			.get(0);
		assertThat(entry.actor()).isEqualTo("client:demo-admin");
		assertThat(entry.details()).containsEntry("reason", "test <b>compromise</b>");
		assertThat(
				this.audit.find(new AuditQuery(null, null, "key.revoked", "client:demo-admin", null, 0, 1)).entries())
			.isNotEmpty();
	}

	@Test
	void auditWhenFilteredAndVerifiedThenPagesAndIntactChain() {
		writer().post("/admin/api/keys/rotate", "{}");
		HttpResponse<String> page = reader().get("/admin/api/audit?type=admin.key&actor=client:demo-admin&size=1");
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		Map<String, Object> json = TestAdminApi.json(page);
		assertThat((List<?>) json.get("entries")).hasSize(1);
		assertThat(page.body()).contains("admin.key.");
		HttpResponse<String> verify = reader().get("/admin/api/audit/verify");
		assertThat(verify.statusCode()).isEqualTo(200);
		assertThat(TestAdminApi.json(verify)).containsEntry("intact", true);
		String head = (String) TestAdminApi.json(verify).get("head");
		assertThat(head).matches("[1-9][0-9]*:[0-9a-f]{64}");
		HttpResponse<String> anchored = reader().get("/admin/api/audit/verify?anchor=" + head);
		assertThat(TestAdminApi.json(anchored)).as(anchored.body()).containsEntry("intact", true);
		String forged = head.substring(0, head.indexOf(':') + 1) + "0".repeat(64);
		Map<String, Object> mismatch = TestAdminApi.json(reader().get("/admin/api/audit/verify?anchor=" + forged));
		assertThat(mismatch).containsEntry("intact", false);
		assertThat(String.valueOf(mismatch.get("firstBrokenId"))).isEqualTo(head.substring(0, head.indexOf(':')));
		HttpResponse<String> malformed = reader().get("/admin/api/audit/verify?anchor=42:abc");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.body()).contains("\"anchor\"");
		for (String bad : List.of("from=yesterday", "size=0", "size=101", "page=-1",
				"from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "type=" + "t".repeat(201))) {
			HttpResponse<String> refused = reader().get("/admin/api/audit?" + bad);
			assertThat(refused.statusCode()).as(bad).isEqualTo(400);
			assertThat(refused.body()).contains("\"errors\"");
		}
	}

	@Test
	void unlockWhenAccountLockedByFailedSignInsThenItSignsInAgainAndBothSidesAreAudited() {
		String email = unique("locked");
		String password = "Granite-Owl-Lantern-58";
		this.accounts.register(new NewAccount(email, "Locked Out", password, Set.of(Role.USER)));
		TestBrowser browser = new TestBrowser(baseUrl());
		for (int i = 0; i < 5; i++) {
			browser.signIn(email, "Wrong-Password-" + i + "!");
		}
		String id = this.jdbc.queryForObject("SELECT id::text FROM account WHERE email = ?", String.class, email);
		assertThat(TestBrowser.location(browser.signIn(email, password))).contains("error");

		TestBrowser admin = new TestBrowser(baseUrl());
		admin.signIn("admin@example.com", TestOAuthClient.PASSWORD);
		HttpResponse<String> page = admin.get("/admin/users/" + id);
		assertThat(page.body()).contains("Locked until").contains("Unlock account");
		assertThat(reader().post("/admin/api/users/" + id + "/unlock", null).statusCode()).isEqualTo(403);
		HttpResponse<String> unlocked = writer().post("/admin/api/users/" + id + "/unlock", null);
		assertThat(unlocked.statusCode()).isEqualTo(200);
		assertThat(TestAdminApi.json(unlocked)).containsEntry("wasLocked", true);
		assertThat(admin.get("/admin/users/" + id).body()).contains("Not locked.").doesNotContain("Unlock account");
		assertThat(TestBrowser.location(new TestBrowser(baseUrl()).signIn(email, password))).doesNotContain("error");

		List<String> types = this.audit.find(new AuditQuery(null, null, null, null, "account:" + id, 0, 20))
			.entries()
			.stream()
			.map(AuditEntry::type)
			.toList();
		assertThat(types).contains("account.locked", "account.unlocked", "admin.user.unlocked", "signin.succeeded",
				"signin.failed");
		AuditEntry unlock = this.audit.find(new AuditQuery(null, null, "account.unlocked", null, "account:" + id, 0, 1))
			.entries()
			.get(0);
		assertThat(unlock.actor()).isEqualTo("client:demo-admin");
		assertThat(unlock.details()).containsEntry("reason", "cleared");
	}

}
