package dev.latchkey.auth.authorization;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to the protocol endpoints gets the right OAuth error, never a 500 and never a
 * redirect to an address the client did not register.
 */
@LatchkeyIntegrationTest
class AuthorizationRequestErrorsTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	TestBrowser browser;

	TestOAuthClient client;

	@BeforeEach
	void setUp() {
		this.browser = new TestBrowser("http://localhost:" + this.port);
		this.client = TestOAuthClient.demoWeb(this.browser);
	}

	@Test
	void authorizeWhenUnknownClientThenErrorPageAndNoRedirect() {
		HttpResponse<String> response = this.browser
			.get("/oauth2/authorize?response_type=code&client_id=nobody&redirect_uri=https%3A%2F%2Fevil.example%2F"
					+ "&scope=openid&state=x&code_challenge=" + TestBrowser.Pkce.create().challenge()
					+ "&code_challenge_method=S256");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.body()).contains("The request is not valid")
			.contains("invalid_request")
			.doesNotContain("Exception");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:8080/callback/", "http://127.0.0.1:8080/Callback",
			"http://127.0.0.1:8080/callback/extra", "http://127.0.0.1:8080/callback?x=1",
			"http://127.0.0.1:9999/callback", "https://127.0.0.1:8080/callback", "http://localhost:8080/callback",
			"http://127.0.0.1:8080/callback#fragment" })
	void authorizeWhenRedirectUriDiffersFromRegisteredThenErrorPageAndNoRedirect(String redirectUri) {
		HttpResponse<String> response = this.browser
			.get("/oauth2/authorize?response_type=code&client_id=demo-web&redirect_uri="
					+ TestBrowser.encode(redirectUri) + "&scope=openid&state=x&code_challenge="
					+ TestBrowser.Pkce.create().challenge() + "&code_challenge_method=S256");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.body()).contains("invalid_request");
	}

	@Test
	void authorizeWhenPkceMissingThenInvalidRequestAtClient() {
		HttpResponse<String> response = this.browser
			.get("/oauth2/authorize?response_type=code&client_id=demo-web&redirect_uri="
					+ TestBrowser.encode(TestOAuthClient.REDIRECT_URI) + "&scope=openid&state=abc");
		assertThat(response.statusCode()).isEqualTo(302);
		Map<String, String> parameters = TestBrowser.queryParameters(TestBrowser.location(response));
		assertThat(TestBrowser.location(response)).startsWith(TestOAuthClient.REDIRECT_URI);
		assertThat(parameters).containsEntry("error", "invalid_request").containsEntry("state", "abc");
		assertThat(parameters.get("error_description")).contains("code_challenge");
	}

	@Test
	void authorizeWhenPkcePlainThenInvalidRequestAtClient() {
		HttpResponse<String> response = this.browser
			.get("/oauth2/authorize?response_type=code&client_id=demo-web&redirect_uri="
					+ TestBrowser.encode(TestOAuthClient.REDIRECT_URI)
					+ "&scope=openid&state=abc&code_challenge=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq"
					+ "&code_challenge_method=plain");
		assertThat(response.statusCode()).isEqualTo(302);
		Map<String, String> parameters = TestBrowser.queryParameters(TestBrowser.location(response));
		assertThat(parameters).containsEntry("error", "invalid_request");
		assertThat(parameters.get("error_description")).contains("code_challenge_method");
	}

	@Test
	void authorizeWhenUnsupportedResponseTypeThenErrorAtClient() {
		HttpResponse<String> response = this.browser
			.get("/oauth2/authorize?response_type=token&client_id=demo-web&redirect_uri="
					+ TestBrowser.encode(TestOAuthClient.REDIRECT_URI) + "&scope=openid&state=abc");
		assertThat(response.statusCode()).isIn(302, 400);
		String outcome = (response.statusCode() == 302)
				? TestBrowser.queryParameters(TestBrowser.location(response)).get("error") : response.body();
		assertThat(outcome).contains("unsupported_response_type");
	}

	@Test
	void tokenWhenCodeUsedTwiceThenSecondFailsAndFirstTokensAreRevoked() {
		TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
		String code = this.client.authorize("user@example.com", "openid documents.read", pkce);
		Map<String, Object> tokens = TestOAuthClient.json(this.client.exchangeCode(code, pkce.verifier()));
		String accessToken = (String) tokens.get("access_token");
		assertThat(TestOAuthClient.json(this.client.introspect(accessToken))).containsEntry("active", true);

		HttpResponse<String> replay = this.client.exchangeCode(code, pkce.verifier());
		assertThat(replay.statusCode()).isEqualTo(400);
		assertThat(TestOAuthClient.json(replay)).containsEntry("error", "invalid_grant");
		assertThat(TestOAuthClient.json(this.client.introspect(accessToken))).containsEntry("active", false);
		assertThat(this.client.refresh((String) tokens.get("refresh_token")).statusCode()).isEqualTo(400);
	}

	@Test
	void tokenWhenCodeExpiredThenInvalidGrant() {
		TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
		String code = this.client.authorize("user@example.com", "openid", pkce);
		// Five minutes pass (the code's lifetime), without sleeping. The store keeps only
		// the code's SHA-256.
		int moved = this.jdbc.sql("""
				UPDATE stored_authorization
				SET code_issued_at = code_issued_at - interval '6 minutes',
				    code_expires_at = code_expires_at - interval '6 minutes'
				WHERE code_hash = sha256(convert_to(?, 'UTF8'))""").param(code).update();
		assertThat(moved).isEqualTo(1);

		HttpResponse<String> response = this.client.exchangeCode(code, pkce.verifier());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TestOAuthClient.json(response)).containsEntry("error", "invalid_grant");
	}

	@Test
	void tokenWhenVerifierWrongThenInvalidGrant() {
		TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
		String code = this.client.authorize("user@example.com", "openid", pkce);
		HttpResponse<String> response = this.client.exchangeCode(code, TestBrowser.Pkce.create().verifier());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TestOAuthClient.json(response)).containsEntry("error", "invalid_grant");
	}

	@Test
	void tokenWhenUnsupportedGrantTypeThenUnsupportedGrantType() {
		HttpResponse<String> response = this.client.postAuthenticated("/oauth2/token",
				Map.of("grant_type", "password", "username", "user@example.com", "password", "x"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TestOAuthClient.json(response)).containsEntry("error", "unsupported_grant_type");
	}

	@Test
	void tokenWhenUnknownClientThenInvalidClient() {
		TestOAuthClient nobody = new TestOAuthClient(this.browser, "nobody", "secret");
		HttpResponse<String> response = nobody.clientCredentials("documents.read");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(TestOAuthClient.json(response)).containsEntry("error", "invalid_client");
	}

	@Test
	void tokenWhenParameterIs100KilobytesThenInvalidRequestNot500() {
		String huge = "a".repeat(100 * 1024);
		HttpResponse<String> response = this.client.postAuthenticated("/oauth2/token",
				Map.of("grant_type", "authorization_code", "code", huge, "redirect_uri", TestOAuthClient.REDIRECT_URI,
						"code_verifier", huge));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TestOAuthClient.json(response)).containsEntry("error", "invalid_request");
	}

	@Test
	void authorizeWhenParameterIs100KilobytesThenBadRequestNot500() {
		HttpResponse<String> response = this.browser.post("/oauth2/authorize",
				Map.of("response_type", "code", "client_id", "demo-web", "state", "a".repeat(100 * 1024)));
		assertThat(response.statusCode()).isEqualTo(400);
		HttpResponse<String> viaQuery = this.browser
			.get("/oauth2/authorize?response_type=code&client_id=demo-web&state=" + "a".repeat(100 * 1024));
		assertThat(viaQuery.statusCode()).isEqualTo(400);
	}

}
