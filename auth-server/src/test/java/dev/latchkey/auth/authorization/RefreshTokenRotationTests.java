package dev.latchkey.auth.authorization;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import dev.latchkey.auth.account.AccountSummary;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.NewAccount;
import dev.latchkey.auth.account.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh token rotation with families (DESIGN.md section 4), over real HTTP: rotation,
 * reuse detection, the retry window, the absolute lifetime and the checks on the user at
 * every refresh. Time moves through the server's clock
 * ({@link TokenLifecycleTestSupport}), never by sleeping.
 */
@TokenLifecycleIntegrationTest
class RefreshTokenRotationTests {

	private static final String SCOPE = "openid profile documents.read";

	@LocalServerPort
	int port;

	@Autowired
	TokenLifecycleTestSupport.MovableClock clock;

	@Autowired
	TokenLifecycleTestSupport.TestLocks locks;

	@Autowired
	TokenLifecycleTestSupport.ReuseEvents reuseEvents;

	@Autowired
	Accounts accounts;

	@Autowired
	OAuth2AuthorizationConsentService consents;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	JdbcClient jdbc;

	TestOAuthClient client;

	AccountSummary account;

	@BeforeEach
	void setUp() {
		this.client = TestOAuthClient.demoWeb(new TestBrowser("http://localhost:" + this.port));
		this.account = this.accounts.register(new NewAccount("refresh-" + UUID.randomUUID() + "@example.com",
				"Rita Refresh", TestOAuthClient.PASSWORD, Set.of(Role.USER)));
	}

	@AfterEach
	void tearDown() {
		this.clock.reset();
		this.locks.unlockAll();
	}

	@Test
	void refreshWhenTokenValidThenNewPairAndPresentedTokenSpent() {
		Map<String, Object> first = signIn(this.client);

		Map<String, Object> second = refreshed(this.client, first);

		assertThat(second.get("refresh_token")).isNotEqualTo(first.get("refresh_token"));
		assertThat(second.get("access_token")).isNotEqualTo(first.get("access_token"));
		assertThat(second).containsKey("id_token");
		this.client.verifiedWithJwks((String) second.get("access_token"));
		Map<String, Object> third = refreshed(this.client, second);
		assertThat(third.get("refresh_token")).isNotIn(first.get("refresh_token"), second.get("refresh_token"));
	}

	@Test
	void refreshWhenSpentTokenReusedAfterRetryWindowThenWholeFamilyRevokedAndAudited() {
		Map<String, Object> first = signIn(this.client);
		Map<String, Object> second = refreshed(this.client, first);
		String secondAccessToken = (String) second.get("access_token");
		assertThat(TestOAuthClient.json(this.client.introspect(secondAccessToken))).containsEntry("active", true);

		this.clock.advance(Duration.ofSeconds(11));
		HttpResponse<String> reuse = this.client.refresh((String) first.get("refresh_token"));

		assertInvalidGrant(reuse);
		assertThat(TestOAuthClient.json(this.client.introspect(secondAccessToken))).as("the family's access token")
			.containsEntry("active", false);
		assertInvalidGrant(this.client.refresh((String) second.get("refresh_token")));
		assertThat(this.reuseEvents.received).anySatisfy((event) -> {
			assertThat(event.clientId()).isEqualTo("demo-web");
			assertThat(event.principalName()).isEqualTo(this.account.id().toString());
		});
	}

	@Test
	void refreshWhenPreviousTokenRetriedWithinWindowThenSameSuccessorAndFamilyStays() {
		Map<String, Object> first = signIn(this.client);
		Map<String, Object> second = refreshed(this.client, first);

		this.clock.advance(Duration.ofSeconds(9));
		Map<String, Object> retried = refreshed(this.client, first);

		assertThat(retried.get("access_token")).isEqualTo(second.get("access_token"));
		assertThat(retried.get("refresh_token")).isEqualTo(second.get("refresh_token"));
		assertThat(retried.get("id_token")).isEqualTo(second.get("id_token"));
		assertThat(this.reuseEvents.received)
			.noneSatisfy((event) -> assertThat(event.principalName()).isEqualTo(this.account.id().toString()));
		assertThat(TestOAuthClient.json(this.client.introspect((String) second.get("access_token"))))
			.containsEntry("active", true);
		refreshed(this.client, second);
	}

	@Test
	void refreshWhenOlderThanPreviousTokenRetriedWithinWindowThenFamilyRevoked() {
		Map<String, Object> first = signIn(this.client);
		Map<String, Object> second = refreshed(this.client, first);
		Map<String, Object> third = refreshed(this.client, second);

		assertInvalidGrant(this.client.refresh((String) first.get("refresh_token")));

		assertInvalidGrant(this.client.refresh((String) third.get("refresh_token")));
	}

	@Test
	void refreshWhenSameTokenSentTwiceAtOnceThenBothGetTheSamePair() {
		Map<String, Object> first = signIn(this.client);
		String refreshToken = (String) first.get("refresh_token");

		CompletableFuture<HttpResponse<String>> one = CompletableFuture
			.supplyAsync(() -> this.client.refresh(refreshToken));
		CompletableFuture<HttpResponse<String>> other = CompletableFuture
			.supplyAsync(() -> this.client.refresh(refreshToken));

		Map<String, Object> a = TestOAuthClient.json(ok(one.join()));
		Map<String, Object> b = TestOAuthClient.json(ok(other.join()));
		assertThat(a.get("refresh_token")).isEqualTo(b.get("refresh_token"));
		assertThat(a.get("access_token")).isEqualTo(b.get("access_token"));
	}

	@Test
	void refreshWhenFamilyOlderThanAbsoluteLifetimeThenInvalidGrant() {
		Map<String, Object> first = signIn(this.client);
		Map<String, Object> second = refreshed(this.client, first);
		OffsetDateTime started = this.jdbc
			.sql("SELECT created_at FROM stored_authorization WHERE refresh_token_hash = sha256(convert_to(?, 'UTF8'))")
			.param(second.get("refresh_token"))
			.query(OffsetDateTime.class)
			.single();
		OffsetDateTime expires = this.jdbc
			.sql("SELECT refresh_token_expires_at FROM stored_authorization WHERE id = "
					+ "(SELECT authorization_id FROM refresh_token WHERE token_hash = sha256(convert_to(?, 'UTF8')))")
			.param(second.get("refresh_token"))
			.query(OffsetDateTime.class)
			.single();
		assertThat(expires.toInstant()).as("no refresh token outlives its family")
			.isBeforeOrEqualTo(started.toInstant().plus(Duration.ofDays(30)));

		this.clock.advance(Duration.ofDays(30).plusSeconds(1));

		assertInvalidGrant(this.client.refresh((String) second.get("refresh_token")));
	}

	@Test
	void refreshWhenFamilyJustYoungerThanAbsoluteLifetimeThenStillRefreshes() {
		Map<String, Object> first = signIn(this.client);

		this.clock.advance(Duration.ofDays(29));

		refreshed(this.client, first);
	}

	@Test
	void refreshWhenAccountDisabledThenInvalidGrant() {
		Map<String, Object> first = signIn(this.client);
		this.jdbc.sql("UPDATE account SET enabled = false WHERE id = ?").param(this.account.id()).update();

		assertInvalidGrant(this.client.refresh((String) first.get("refresh_token")));
	}

	@Test
	void refreshWhenAccountLockedThenInvalidGrantUntilUnlocked() {
		Map<String, Object> first = signIn(this.client);
		this.locks.lock(this.account.id());

		assertInvalidGrant(this.client.refresh((String) first.get("refresh_token")));

		this.locks.unlockAll();
		refreshed(this.client, first);
	}

	@Test
	void refreshWhenConsentRevokedThenInvalidGrant() {
		Map<String, Object> first = signIn(this.client);
		String clientId = this.clients.findByClientId("demo-web").getId();
		OAuth2AuthorizationConsent consent = this.consents.findById(clientId, this.account.id().toString());
		assertThat(consent).isNotNull();
		this.consents.remove(consent);

		assertInvalidGrant(this.client.refresh((String) first.get("refresh_token")));
	}

	@Test
	void refreshWhenPublicClientThenRotatedAndFamilyProtectedTheSameWay() {
		TestOAuthClient spa = TestOAuthClient.demoSpa(new TestBrowser("http://localhost:" + this.port));
		Map<String, Object> first = signIn(spa);
		assertThat(first).containsKey("refresh_token");

		Map<String, Object> second = refreshed(spa, first);
		assertThat(second.get("refresh_token")).isNotEqualTo(first.get("refresh_token"));

		this.clock.advance(Duration.ofSeconds(11));
		assertInvalidGrant(spa.refresh((String) first.get("refresh_token")));
		assertInvalidGrant(spa.refresh((String) second.get("refresh_token")));
	}

	@Test
	void refreshWhenPublicClientPresentsConfidentialClientsTokenThenInvalidGrant() {
		Map<String, Object> webTokens = signIn(this.client);
		TestOAuthClient spa = TestOAuthClient.demoSpa(new TestBrowser("http://localhost:" + this.port));

		assertInvalidGrant(spa.refresh((String) webTokens.get("refresh_token")));

		refreshed(this.client, webTokens);
	}

	@Test
	void refreshWhenUnknownPublicClientThenInvalidClient() {
		TestOAuthClient nobody = new TestOAuthClient(new TestBrowser("http://localhost:" + this.port), "nobody", null,
				TestOAuthClient.SPA_REDIRECT_URI);

		HttpResponse<String> response = nobody.refresh("not-a-token");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(TestOAuthClient.json(response)).containsEntry("error", "invalid_client");
	}

	@Test
	void refreshWhenConfidentialClientOmitsSecretThenInvalidClient() {
		Map<String, Object> tokens = signIn(this.client);
		TestOAuthClient withoutSecret = new TestOAuthClient(new TestBrowser("http://localhost:" + this.port),
				"demo-web", null, TestOAuthClient.REDIRECT_URI);

		HttpResponse<String> response = withoutSecret.refresh((String) tokens.get("refresh_token"));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(TestOAuthClient.json(response)).containsEntry("error", "invalid_client");
		refreshed(this.client, tokens);
	}

	private Map<String, Object> signIn(TestOAuthClient oauthClient) {
		TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
		String code = oauthClient.authorize(this.account.email(), SCOPE, pkce);
		return TestOAuthClient.json(ok(oauthClient.exchangeCode(code, pkce.verifier())));
	}

	private static Map<String, Object> refreshed(TestOAuthClient oauthClient, Map<String, Object> tokens) {
		return TestOAuthClient.json(ok(oauthClient.refresh((String) tokens.get("refresh_token"))));
	}

	private static HttpResponse<String> ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response;
	}

	private static void assertInvalidGrant(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(TestOAuthClient.json(response)).containsEntry("error", "invalid_grant");
	}

}
