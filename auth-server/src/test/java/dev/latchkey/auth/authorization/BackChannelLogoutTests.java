package dev.latchkey.auth.authorization;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import dev.latchkey.auth.client.ClientDefinition;
import dev.latchkey.auth.client.ClientRegistrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect back-channel logout reaches a client that registered a logout URI: a
 * real HTTP server plays the client, is down for the first attempt, and gets the signed
 * logout token on the retry.
 */
@TokenLifecycleIntegrationTest
class BackChannelLogoutTests {

	private static final String CLIENT_ID = "backchannel-rp";

	private static final String CLIENT_SECRET = "backchannel-rp-secret";

	@LocalServerPort
	int port;

	@Autowired
	ClientRegistrations registrations;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	BackChannelLogoutDelivery delivery;

	@Autowired
	TokenLifecycleTestSupport.MovableClock clock;

	@Autowired
	JdbcClient jdbc;

	HttpServer relyingParty;

	final Deque<Integer> answers = new ArrayDeque<>();

	final List<String> received = new CopyOnWriteArrayList<>();

	TestBrowser browser;

	TestOAuthClient client;

	@BeforeEach
	void setUp() throws IOException {
		this.relyingParty = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.relyingParty.createContext("/backchannel-logout", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				this.received.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
			}
			Integer status = this.answers.poll();
			exchange.sendResponseHeaders((status != null) ? status : 200, -1);
			exchange.close();
		});
		this.relyingParty.start();
		this.registrations.ensure(new ClientDefinition(CLIENT_ID, "Back-Channel RP", CLIENT_SECRET,
				Set.of("authorization_code", "refresh_token"), List.of(TestOAuthClient.REDIRECT_URI),
				List.of("http://127.0.0.1:8080/"), Set.of("openid", "profile"), false));
		RegisteredClient registered = this.clients.findByClientId(CLIENT_ID);
		this.clients.save(RegisteredClient.from(registered)
			.clientSettings(ClientSettings.withSettings(registered.getClientSettings().getSettings())
				.setting(BackChannelLogout.LOGOUT_URI_SETTING,
						"http://127.0.0.1:" + this.relyingParty.getAddress().getPort() + "/backchannel-logout")
				.build())
			.build());
		this.browser = new TestBrowser("http://localhost:" + this.port);
		this.client = new TestOAuthClient(this.browser, CLIENT_ID, CLIENT_SECRET);
	}

	@AfterEach
	void tearDown() {
		this.relyingParty.stop(0);
		this.clock.reset();
	}

	@Test
	void signOutWhenClientDownAtFirstThenLogoutTokenDeliveredOnRetry() throws ParseException {
		SignedJWT idToken = signIn();
		signOut();
		assertThat(queued()).isEqualTo(1);

		this.answers.add(503);
		assertThat(this.delivery.deliverDue()).isZero();
		assertThat(this.received).hasSize(1);
		assertThat(queued()).as("kept for a retry").isEqualTo(1);
		assertThat(this.delivery.deliverDue()).as("not due again yet").isZero();
		assertThat(this.received).hasSize(1);

		this.clock.advance(Duration.ofSeconds(11));
		assertThat(this.delivery.deliverDue()).isEqualTo(1);

		assertThat(this.received).hasSize(2);
		assertThat(queued()).isZero();
		assertValidLogoutToken(logoutToken(this.received.get(1)), idToken.getJWTClaimsSet());
	}

	@Test
	void rpInitiatedLogoutWhenClientRegisteredLogoutUriThenNotified() throws ParseException {
		SignedJWT idToken = signIn();

		HttpResponse<String> logout = this.browser.get("/connect/logout?id_token_hint=" + idToken.serialize());
		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(this.delivery.deliverDue()).isEqualTo(1);

		assertThat(this.received).hasSize(1);
		assertValidLogoutToken(logoutToken(this.received.get(0)), idToken.getJWTClaimsSet());
	}

	@Test
	void signOutWhenClientNeverAnswersThenGivenUpAfterMaxAttempts() {
		signIn();
		signOut();
		for (int attempt = 0; attempt < 12; attempt++) {
			this.answers.add(500);
			this.delivery.deliverDue();
			this.clock.advance(Duration.ofHours(2));
		}

		assertThat(this.received).hasSize(12);
		assertThat(queued()).isZero();
	}

	@Test
	void signOutWhenLogoutUriIsMetadataAddressThenNeverCalledAndErrorRecorded() {
		RegisteredClient registered = this.clients.findByClientId(CLIENT_ID);
		this.clients.save(RegisteredClient.from(registered)
			.clientSettings(ClientSettings.withSettings(registered.getClientSettings().getSettings())
				.setting(BackChannelLogout.LOGOUT_URI_SETTING, "http://169.254.169.254/latest/meta-data/")
				.build())
			.build());
		signIn();
		signOut();

		assertThat(this.delivery.deliverDue()).isZero();

		assertThat(this.received).isEmpty();
		assertThat(this.jdbc.sql("SELECT last_error FROM backchannel_logout WHERE registered_client_id = ?")
			.param(registered.getId())
			.query(String.class)
			.single()).contains("SSRF guard").contains("cloud metadata");
	}

	private SignedJWT signIn() {
		TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
		String code = this.client.authorize("user@example.com", "openid profile", pkce);
		Map<String, Object> tokens = TestOAuthClient.json(this.client.exchangeCode(code, pkce.verifier()));
		return this.client.verifiedWithJwks((String) tokens.get("id_token"));
	}

	private void signOut() {
		HttpResponse<String> page = this.browser.get("/logout");
		HttpResponse<String> signedOut = this.browser.post("/logout",
				Map.of("_csrf", TestBrowser.csrfToken(page.body())));
		assertThat(signedOut.statusCode()).isEqualTo(302);
	}

	private int queued() {
		return this.jdbc.sql("SELECT count(*) FROM backchannel_logout WHERE registered_client_id = ?")
			.param(this.clients.findByClientId(CLIENT_ID).getId())
			.query(Integer.class)
			.single();
	}

	private static String logoutToken(String form) {
		assertThat(form).startsWith("logout_token=");
		return TestBrowser.queryParameters("http://x/?" + form).get("logout_token");
	}

	private void assertValidLogoutToken(String token, JWTClaimsSet idClaims) throws ParseException {
		SignedJWT jwt = this.client.verifiedWithJwks(token);
		assertThat(jwt.getHeader().getType().getType()).isEqualTo("logout+jwt");
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(idClaims.getIssuer());
		assertThat(claims.getAudience()).containsExactly(CLIENT_ID);
		assertThat(claims.getSubject()).isEqualTo(idClaims.getSubject());
		assertThat(claims.getStringClaim("sid")).isNotBlank().isEqualTo(idClaims.getStringClaim("sid"));
		assertThat(claims.getJSONObjectClaim("events")).containsKey(BackChannelLogoutDelivery.EVENT);
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getIssueTime()).isNotNull();
		assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
		assertThat(claims.getClaim("nonce")).as("a logout token never carries a nonce").isNull();
	}

}
