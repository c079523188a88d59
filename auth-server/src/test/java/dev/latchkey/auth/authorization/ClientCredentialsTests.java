package dev.latchkey.auth.authorization;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@LatchkeyIntegrationTest
class ClientCredentialsTests {

	@LocalServerPort
	int port;

	TestBrowser browser;

	@BeforeEach
	void setUp() {
		this.browser = new TestBrowser("http://localhost:" + this.port);
	}

	@Test
	void clientCredentialsWhenServiceAuthenticatesThenSignedServiceToken() throws ParseException {
		TestOAuthClient service = new TestOAuthClient(this.browser, "demo-service", "demo-service-secret");
		HttpResponse<String> response = service.clientCredentials("documents.read documents.write");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Map<String, Object> tokens = TestOAuthClient.json(response);
		assertThat(tokens).doesNotContainKey("refresh_token").containsEntry("token_type", "Bearer");

		JWTClaimsSet claims = service.verifiedWithJwks((String) tokens.get("access_token")).getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo("demo-service");
		assertThat(claims.getStringClaim("client_id")).isEqualTo("demo-service");
		assertThat(claims.getStringClaim("scope")).isEqualTo("documents.read documents.write");
		assertThat(claims.getAudience()).containsExactly("http://localhost:8081");
		assertThat(claims.getClaim("roles")).as("service tokens carry no user roles").isNull();
	}

	@Test
	void clientCredentialsWhenWrongSecretThenInvalidClient() {
		TestOAuthClient impostor = new TestOAuthClient(this.browser, "demo-service", "not-the-secret");
		HttpResponse<String> response = impostor.clientCredentials("documents.read");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(TestOAuthClient.json(response)).containsEntry("error", "invalid_client");
	}

	@Test
	void clientCredentialsWhenScopeNotRegisteredThenInvalidScope() {
		TestOAuthClient service = new TestOAuthClient(this.browser, "demo-service", "demo-service-secret");
		HttpResponse<String> response = service.clientCredentials("admin.write");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TestOAuthClient.json(response)).containsEntry("error", "invalid_scope");
	}

	@Test
	void clientCredentialsWhenClientNotAllowedTheGrantThenUnauthorizedClient() {
		TestOAuthClient web = TestOAuthClient.demoWeb(this.browser);
		HttpResponse<String> response = web.clientCredentials("documents.read");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TestOAuthClient.json(response)).containsEntry("error", "unauthorized_client");
	}

}
