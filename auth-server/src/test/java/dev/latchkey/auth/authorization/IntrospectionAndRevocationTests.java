package dev.latchkey.auth.authorization;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Introspection and revocation work for every token type, each client authenticated, and
 * a client never learns anything about another client's tokens.
 */
@LatchkeyIntegrationTest
class IntrospectionAndRevocationTests {

	@LocalServerPort
	int port;

	TestBrowser browser;

	TestOAuthClient web;

	TestOAuthClient service;

	@BeforeEach
	void setUp() {
		this.browser = new TestBrowser("http://localhost:" + this.port);
		this.web = TestOAuthClient.demoWeb(this.browser);
		this.service = new TestOAuthClient(this.browser, "demo-service", "demo-service-secret");
	}

	@Test
	void introspectWhenOwnTokensThenActiveForEveryType() {
		Map<String, Object> tokens = signIn(this.web);

		for (String type : new String[] { "access_token", "refresh_token", "id_token" }) {
			Map<String, Object> answer = TestOAuthClient.json(this.web.introspect((String) tokens.get(type)));
			assertThat(answer).as(type).containsEntry("active", true).containsEntry("client_id", "demo-web");
		}
	}

	@Test
	void introspectWhenAnotherClientsTokensThenOnlyInactive() {
		Map<String, Object> tokens = signIn(this.web);

		for (String type : new String[] { "access_token", "refresh_token", "id_token" }) {
			HttpResponse<String> response = this.service.introspect((String) tokens.get(type));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(TestOAuthClient.json(response)).as(type).containsExactly(Map.entry("active", false));
		}
	}

	@Test
	void introspectWhenClientNotAuthenticatedThenUnauthorized() {
		Map<String, Object> tokens = signIn(this.web);
		TestOAuthClient spa = TestOAuthClient.demoSpa(this.browser);

		HttpResponse<String> publicClient = spa.introspect((String) tokens.get("access_token"));
		// RFC 6749, section 5.2: 401 only where the client tried the Authorization
		// header.
		assertThat(publicClient.statusCode()).isEqualTo(400);
		assertThat(TestOAuthClient.json(publicClient)).containsExactly(Map.entry("error", "invalid_client"));
		HttpResponse<String> wrongSecret = new TestOAuthClient(this.browser, "demo-web", "wrong-secret")
			.introspect((String) tokens.get("access_token"));
		assertThat(wrongSecret.statusCode()).isEqualTo(401);
		assertThat(TestOAuthClient.json(wrongSecret)).containsEntry("error", "invalid_client");
	}

	@Test
	void revokeWhenAnotherClientsRefreshTokenThenOkButNothingRevoked() {
		Map<String, Object> tokens = signIn(this.web);

		HttpResponse<String> response = this.service.revoke((String) tokens.get("refresh_token"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(TestOAuthClient.json(this.web.introspect((String) tokens.get("access_token"))))
			.containsEntry("active", true);
		assertThat(this.web.refresh((String) tokens.get("refresh_token")).statusCode()).isEqualTo(200);
	}

	@Test
	void revokeWhenOwnRefreshTokenThenRefreshAndAccessTokenStop() {
		Map<String, Object> tokens = signIn(this.web);

		assertThat(this.web.revoke((String) tokens.get("refresh_token")).statusCode()).isEqualTo(200);

		assertThat(TestOAuthClient.json(this.web.introspect((String) tokens.get("refresh_token"))))
			.containsEntry("active", false);
		assertThat(TestOAuthClient.json(this.web.introspect((String) tokens.get("access_token"))))
			.containsEntry("active", false);
		HttpResponse<String> refresh = this.web.refresh((String) tokens.get("refresh_token"));
		assertThat(refresh.statusCode()).isEqualTo(400);
		assertThat(TestOAuthClient.json(refresh)).containsEntry("error", "invalid_grant");
	}

	@Test
	void revokeWhenOwnAccessTokenThenOnlyItStops() {
		Map<String, Object> tokens = signIn(this.web);

		assertThat(this.web.revoke((String) tokens.get("access_token")).statusCode()).isEqualTo(200);

		assertThat(TestOAuthClient.json(this.web.introspect((String) tokens.get("access_token"))))
			.containsEntry("active", false);
		assertThat(this.web.refresh((String) tokens.get("refresh_token")).statusCode()).isEqualTo(200);
	}

	@Test
	void revokeWhenUnknownTokenThenOk() {
		assertThat(this.web.revoke("no-such-token").statusCode()).isEqualTo(200);
	}

	@Test
	void revokeWhenPublicClientRevokesItsOwnRefreshTokenThenItStops() {
		TestOAuthClient spa = TestOAuthClient.demoSpa(this.browser);
		Map<String, Object> tokens = signIn(spa);

		assertThat(spa.revoke((String) tokens.get("refresh_token")).statusCode()).isEqualTo(200);

		assertThat(spa.refresh((String) tokens.get("refresh_token")).statusCode()).isEqualTo(400);
	}

	@Test
	void revokeWhenPublicClientRevokesConfidentialClientsTokenThenNothingRevoked() {
		Map<String, Object> tokens = signIn(this.web);
		TestOAuthClient spa = TestOAuthClient.demoSpa(this.browser);

		assertThat(spa.revoke((String) tokens.get("refresh_token")).statusCode()).isEqualTo(200);

		assertThat(this.web.refresh((String) tokens.get("refresh_token")).statusCode()).isEqualTo(200);
	}

	@Test
	void revokeWhenNoClientAuthenticationThenUnauthorized() {
		HttpResponse<String> response = this.browser
			.send(HttpRequest.newBuilder(URI.create(this.browser.baseUrl() + "/oauth2/revoke"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("token=abc"))
				.build());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	private static Map<String, Object> signIn(TestOAuthClient client) {
		TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
		String code = client.authorize("user@example.com", "openid profile", pkce);
		HttpResponse<String> response = client.exchangeCode(code, pkce.verifier());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return TestOAuthClient.json(response);
	}

}
