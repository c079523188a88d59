package dev.latchkey.auth.authorization;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.latchkey.auth.TestOAuthClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The discovery documents advertise exactly what works: the grants, client authentication
 * methods and features Latchkey's clients can use, and endpoints that answer.
 */
@LatchkeyIntegrationTest
class ServerMetadataTests {

	@LocalServerPort
	int port;

	TestBrowser browser;

	@BeforeEach
	void setUp() {
		this.browser = new TestBrowser("http://localhost:" + this.port);
	}

	@Test
	void openidConfigurationWhenFetchedThenAdvertisesExactlyWhatWorks() {
		Map<String, Object> metadata = json(this.browser.get("/.well-known/openid-configuration"));

		assertCommon(metadata);
		assertThat(metadata).containsEntry("backchannel_logout_supported", true)
			.containsEntry("backchannel_logout_session_supported", true)
			.containsEntry("request_uri_parameter_supported", false)
			.containsEntry("end_session_endpoint", this.browser.baseUrl() + "/connect/logout")
			.containsEntry("userinfo_endpoint", this.browser.baseUrl() + "/userinfo");
		assertThat(strings(metadata, "id_token_signing_alg_values_supported")).containsExactly("RS256");
		assertThat(strings(metadata, "subject_types_supported")).containsExactly("public");
		assertThat(strings(metadata, "scopes_supported")).containsExactly("openid", "profile", "email",
				"documents.read", "documents.write");
	}

	@Test
	void authorizationServerMetadataWhenFetchedThenAdvertisesExactlyWhatWorks() {
		assertCommon(json(this.browser.get("/.well-known/oauth-authorization-server")));
	}

	@Test
	void advertisedEndpointsWhenCalledThenAnswer() {
		Map<String, Object> metadata = json(this.browser.get("/.well-known/openid-configuration"));

		assertThat(this.browser.get((String) metadata.get("jwks_uri")).statusCode()).isEqualTo(200);
		assertThat(this.browser.get((String) metadata.get("authorization_endpoint")).statusCode()).isEqualTo(400);
		for (String endpoint : List.of("token_endpoint", "introspection_endpoint", "revocation_endpoint")) {
			HttpResponse<String> response = this.browser
				.send(HttpRequest.newBuilder(URI.create((String) metadata.get(endpoint)))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("token=x&grant_type=client_credentials"))
					.build());
			assertThat(response.statusCode()).as(endpoint).isEqualTo(401);
		}
		HttpResponse<String> userInfo = this.browser
			.send(HttpRequest.newBuilder(URI.create((String) metadata.get("userinfo_endpoint"))).GET().build());
		assertThat(userInfo.statusCode()).isEqualTo(401);
		assertThat(this.browser.get((String) metadata.get("end_session_endpoint")).statusCode()).isEqualTo(400);
	}

	private void assertCommon(Map<String, Object> metadata) {
		assertThat(metadata).containsEntry("issuer", this.browser.baseUrl())
			.doesNotContainKeys("tls_client_certificate_bound_access_tokens", "mtls_endpoint_aliases",
					"device_authorization_endpoint", "registration_endpoint", "pushed_authorization_request_endpoint");
		assertThat(strings(metadata, "grant_types_supported")).containsExactlyInAnyOrder("authorization_code",
				"refresh_token", "client_credentials");
		assertThat(strings(metadata, "response_types_supported")).containsExactly("code");
		assertThat(strings(metadata, "code_challenge_methods_supported")).containsExactly("S256");
		assertThat(strings(metadata, "token_endpoint_auth_methods_supported"))
			.containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "none");
		assertThat(strings(metadata, "introspection_endpoint_auth_methods_supported"))
			.containsExactlyInAnyOrder("client_secret_basic", "client_secret_post");
		assertThat(strings(metadata, "revocation_endpoint_auth_methods_supported"))
			.containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "none");
		assertThat(strings(metadata, "dpop_signing_alg_values_supported")).contains("ES256");
	}

	@SuppressWarnings("unchecked")
	private static List<String> strings(Map<String, Object> metadata, String name) {
		return (List<String>) metadata.get(name);
	}

}
