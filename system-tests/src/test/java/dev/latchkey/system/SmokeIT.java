package dev.latchkey.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar, run as an operator would: production mode refuses to start without its
 * settings; dev mode starts on an embedded PostgreSQL and issues verifiable tokens.
 */
class SmokeIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void jarWhenProductionWithoutSettingsThenExitsNamingEachSetting() {
		try (ServerProcess server = ServerProcess.start("latchkey.auth-server.jar", "production-refusal",
				ServerProcess.freePort(), List.of())) {
			assertThat(server.awaitExit(Duration.ofSeconds(60))).isNotZero();
			assertThat(server.output()).contains("refuses to start in production mode")
				.contains("SPRING_DATASOURCE_URL")
				.contains("LATCHKEY_KEK")
				.contains("LATCHKEY_ISSUER")
				.doesNotContain("\tat org.springframework");
		}
	}

	@Test
	void jarWhenDevModeThenServesDiscoveryAndVerifiableTokens() throws Exception {
		String dataDir = ServerProcess.workDir().resolve("smoke-dev-data").toAbsolutePath().toString();
		try (ServerProcess server = ServerProcess.start("latchkey.auth-server.jar", "smoke-dev",
				ServerProcess.freePort(),
				List.of("--spring.profiles.active=dev", "--latchkey.dev.data-dir=" + dataDir, "--latchkey.issuer="))) {
			server.awaitReady(Duration.ofMinutes(2));
			assertThat(server.output()).contains("DEV MODE").contains("admin@example.com");

			Map<String, Object> discovery = JSONObjectUtils
				.parse(get(server.baseUrl() + "/.well-known/openid-configuration").body());
			assertThat(discovery).containsEntry("issuer", server.baseUrl())
				.containsEntry("code_challenge_methods_supported", List.of("S256"));
			assertThat(get(server.baseUrl() + "/.well-known/oauth-authorization-server").statusCode()).isEqualTo(200);

			String credentials = Base64.getEncoder()
				.encodeToString("demo-service:demo-service-secret".getBytes(StandardCharsets.UTF_8));
			HttpResponse<String> token = this.http
				.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/oauth2/token"))
					.header("Authorization", "Basic " + credentials)
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=documents.read"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
			SignedJWT jwt = SignedJWT.parse((String) JSONObjectUtils.parse(token.body()).get("access_token"));
			JWKSet keys = JWKSet.parse(get(server.baseUrl() + "/oauth2/jwks").body());
			assertThat(jwt.verify(new ECDSAVerifier(keys.getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey())))
				.isTrue();
		}
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
