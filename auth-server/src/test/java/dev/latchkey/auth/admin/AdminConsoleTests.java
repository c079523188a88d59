package dev.latchkey.auth.admin;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console over real HTTP, as a browser uses it: forms with CSRF tokens, redirects
 * after changes, form errors linked to their fields, markup shown as text, and nothing a
 * manager may not do on a manager's page.
 */
@LatchkeyIntegrationTest
class AdminConsoleTests {

	private static final String MARKUP = "<script>alert('x')</script>";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	private TestBrowser signedIn(String email) {
		TestBrowser browser = new TestBrowser("http://localhost:" + this.port);
		assertThat(browser.signIn(email, TestOAuthClient.PASSWORD).statusCode()).isEqualTo(302);
		return browser;
	}

	private static String csrf(TestBrowser browser, String page) {
		return TestBrowser.csrfToken(browser.get(page).body());
	}

	@Test
	void usersWhenCreatedChangedDisabledThenShownWithMarkupEscaped() {
		TestBrowser admin = signedIn("admin@example.com");
		String email = "console-" + System.nanoTime() + "@example.com";
		HttpResponse<String> form = admin.get("/admin/users/new");
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.body()).contains("<label for=\"email\"").contains("<label for=\"displayName\"");
		HttpResponse<String> created = admin.post("/admin/users",
				List.of(Map.entry("_csrf", TestBrowser.csrfToken(form.body())), Map.entry("email", email),
						Map.entry("displayName", MARKUP), Map.entry("roles", "USER"),
						Map.entry("sendResetLink", "true")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
		String detail = TestBrowser.location(created);
		assertThat(detail).contains("/admin/users/").endsWith("?done=created");
		HttpResponse<String> page = admin.get(detail);
		assertThat(page.body()).contains("The user was created.")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
			.doesNotContain(MARKUP);
		assertThat(admin.get("/admin/users?q=" + TestBrowser.encode(email)).body()).contains(email)
			.doesNotContain(MARKUP);

		String path = detail.substring(detail.indexOf("/admin/users/"), detail.indexOf('?'));
		HttpResponse<String> roles = admin.post(path + "/roles", List.of(Map.entry("_csrf", csrf(admin, path)),
				Map.entry("roles", "MANAGER"), Map.entry("roles", "USER")));
		assertThat(roles.statusCode()).isEqualTo(302);
		assertThat(admin.get(path).body()).contains("MANAGER, USER").contains("Disable account");
		HttpResponse<String> disabled = admin.post(path + "/enabled",
				Map.of("_csrf", csrf(admin, path), "enabled", "false"));
		assertThat(disabled.statusCode()).isEqualTo(302);
		assertThat(admin.get(path).body()).contains("Enable account").doesNotContain("Mail a password reset link");
		assertThat(this.jdbc.queryForObject("SELECT enabled FROM account WHERE email = ?", Boolean.class, email))
			.isFalse();
	}

	@Test
	void createWhenInputInvalidThenFormErrorsLinkedToFieldsAndNothingStored() {
		TestBrowser admin = signedIn("admin@example.com");
		String email = "x".repeat(260) + "@example.com";
		HttpResponse<String> refused = admin.post("/admin/users",
				List.of(Map.entry("_csrf", csrf(admin, "/admin/users/new")), Map.entry("email", email),
						Map.entry("displayName", "y".repeat(101))));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("class=\"error-summary\"")
			.contains("href=\"#email\"")
			.contains("href=\"#displayName\"")
			.contains("href=\"#roles\"")
			.contains("aria-describedby=\"email-error\"")
			.contains("aria-invalid=\"true\"");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM account WHERE email = ?", Long.class, email))
			.isZero();
		HttpResponse<String> german = admin.post("/admin/users?lang=de",
				List.of(Map.entry("_csrf", csrf(admin, "/admin/users/new")), Map.entry("email", "")));
		assertThat(german.body()).contains("Geben Sie eine E-Mail-Adresse ein.");
	}

	@Test
	void adminWhenRemovingOwnAdminRoleThenRefused() {
		TestBrowser admin = signedIn("admin@example.com");
		String id = this.jdbc.queryForObject("SELECT id::text FROM account WHERE email = 'admin@example.com'",
				String.class);
		String path = "/admin/users/" + id;
		HttpResponse<String> refused = admin.post(path + "/roles",
				List.of(Map.entry("_csrf", csrf(admin, path)), Map.entry("roles", "USER")));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("cannot take away your own administrator role");
		assertThat(this.jdbc.queryForList(
				"SELECT role FROM account_role r JOIN account a ON a.id = r.account_id WHERE a.email = 'admin@example.com'",
				String.class))
			.contains("ADMIN");
	}

	@Test
	void managerWhenBrowsingThenSeesNoActionAndCannotAct() {
		TestBrowser manager = signedIn("manager@example.com");
		assertThat(manager.get("/admin/users").body()).contains("admin@example.com").doesNotContain("Create a user");
		String id = this.jdbc.queryForObject("SELECT id::text FROM account WHERE email = 'user@example.com'",
				String.class);
		HttpResponse<String> detail = manager.get("/admin/users/" + id);
		assertThat(detail.statusCode()).isEqualTo(200);
		assertThat(detail.body()).doesNotContain("<form method=\"post\"").doesNotContain("Disable account");
		assertThat(manager.get("/admin/keys").body()).contains("ES256").doesNotContain("Revoke key");
		assertThat(manager.get("/admin/audit").statusCode()).isEqualTo(200);
		String token = csrf(manager, "/account");
		assertThat(manager.post("/admin/users/" + id + "/enabled", Map.of("_csrf", token, "enabled", "false"))
			.statusCode()).isEqualTo(403);
		assertThat(manager.post("/admin/keys/rotate", Map.of("_csrf", token)).statusCode()).isEqualTo(403);
		assertThat(this.jdbc.queryForObject("SELECT enabled FROM account WHERE id = ?::uuid", Boolean.class, id))
			.isTrue();
	}

	@Test
	void keysWhenRotatedAndRevokedThroughFormsThenShownAndAuditedWithEscapedReason() {
		TestBrowser admin = signedIn("admin@example.com");
		HttpResponse<String> rotated = admin.post("/admin/keys/rotate", Map.of("_csrf", csrf(admin, "/admin/keys")));
		assertThat(rotated.statusCode()).isEqualTo(302);
		assertThat(admin.get(TestBrowser.location(rotated)).body()).contains("The rotation started.")
			.contains("PENDING");
		String pending = this.jdbc.queryForObject(
				"SELECT kid FROM signing_key WHERE state = 'PENDING' AND algorithm = 'RS256' LIMIT 1", String.class);
		HttpResponse<String> noReason = admin.post("/admin/keys/revoke",
				Map.of("_csrf", csrf(admin, "/admin/keys"), "kid", pending, "reason", ""));
		assertThat(noReason.statusCode()).isEqualTo(400);
		assertThat(noReason.body()).contains("href=\"#reason\"").contains("Give the reason");
		HttpResponse<String> revoked = admin.post("/admin/keys/revoke",
				Map.of("_csrf", csrf(admin, "/admin/keys"), "kid", pending, "reason", MARKUP));
		assertThat(revoked.statusCode()).isEqualTo(302);
		assertThat(admin.get(TestBrowser.location(revoked)).body()).contains("The key was revoked")
			.doesNotContain(MARKUP);
		HttpResponse<String> audit = admin.get("/admin/audit?type=admin.key.revoked&subject=key:" + pending);
		assertThat(audit.body()).contains("admin.key.revoked")
			.contains("&lt;script&gt;")
			.doesNotContain(MARKUP)
			.contains("127.0.0.1");
	}

	@Test
	void auditWhenFilteredPagedAndVerifiedThenShown() {
		TestBrowser admin = signedIn("admin@example.com");
		HttpResponse<String> page = admin.get("/admin/audit?type=signin&from=2000-01-01T00:00");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("signin.succeeded").contains("<caption>");
		HttpResponse<String> bad = admin.get("/admin/audit?from=nonsense");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("href=\"#from\"").contains("aria-describedby=\"from-error\"");
		HttpResponse<String> verify = admin.get("/admin/audit/verify");
		assertThat(verify.body()).contains("The chain is intact")
			.containsPattern("<code class=\"anchor\">[1-9][0-9]*:[0-9a-f]{64}</code>");
	}

}
