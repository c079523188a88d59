package dev.latchkey.auth.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.auth.TestBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code private_key_jwt} client authenticates with a signed assertion; its key set is
 * fetched through the SSRF guard (a loopback server, allow-listed in dev mode), and a key
 * set URL that points at a metadata address is never fetched.
 */
@ClientIntegrationTest
class PrivateKeyJwtTests {

	@LocalServerPort
	int port;

	@Autowired
	ClientAdministration administration;

	@Autowired
	RegisteredClientRepository clients;

	HttpServer keys;

	RSAKey key;

	final AtomicInteger fetches = new AtomicInteger();

	@BeforeEach
	void startKeyServer() throws IOException, JOSEException {
		this.key = new RSAKeyGenerator(2048).keyID("k1").generate();
		byte[] jwks = new JWKSet(this.key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		this.keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.keys.createContext("/jwks", (exchange) -> {
			this.fetches.incrementAndGet();
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, jwks.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(jwks);
			}
		});
		this.keys.start();
	}

	@AfterEach
	void stopKeyServer() {
		this.keys.stop(0);
	}

	@Test
	void tokenWhenSignedAssertionThenKeysFetchedThroughGuardAndTokenIssued() throws JOSEException {
		String jwksUri = "http://127.0.0.1:" + this.keys.getAddress().getPort() + "/jwks";
		IssuedSecret issued = this.administration.register(new ClientRegistrationRequest(null, "Key Client",
				"private_key_jwt", List.of("client_credentials"), List.of(), List.of(), List.of("documents.read"),
				false, true, Duration.ofMinutes(10), Duration.ofDays(30), jwksUri, null), Actor.commandLine("test"));
		assertThat(issued.secret()).isNull();

		HttpResponse<String> token = token(issued.client().clientId());

		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		assertThat(this.fetches).hasPositiveValue();
	}

	@Test
	void tokenWhenKeySetUrlIsMetadataAddressThenRefusedWithoutFetching() throws JOSEException {
		IssuedSecret issued = this.administration.register(
				new ClientRegistrationRequest(null, "Sneaky Key Client", "private_key_jwt",
						List.of("client_credentials"), List.of(), List.of(), List.of("documents.read"), false, true,
						Duration.ofMinutes(10), Duration.ofDays(30),
						"http://127.0.0.1:" + this.keys.getAddress().getPort() + "/jwks", null),
				Actor.commandLine("test"));
		// Changed behind the rules' back (e.g. an old import): the guard still refuses.
		RegisteredClient stored = this.clients.findByClientId(issued.client().clientId());
		this.clients.save(RegisteredClient.from(stored)
			.clientSettings(ClientSettings.withSettings(stored.getClientSettings().getSettings())
				.jwkSetUrl("http://169.254.169.254/latest/meta-data/jwks")
				.build())
			.build());

		HttpResponse<String> token = token(issued.client().clientId());

		assertThat(token.statusCode()).isEqualTo(401);
		assertThat(token.body()).contains("invalid_client");
		assertThat(this.fetches).hasValue(0);
	}

	private HttpResponse<String> token(String clientId) throws JOSEException {
		String tokenEndpoint = "http://localhost:" + this.port + "/oauth2/token";
		SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
				new JWTClaimsSet.Builder().issuer(clientId)
					.subject(clientId)
					.audience(tokenEndpoint)
					.jwtID(UUID.randomUUID().toString())
					.issueTime(new Date())
					.expirationTime(new Date(System.currentTimeMillis() + 60_000))
					.build());
		assertion.sign(new RSASSASigner(this.key));
		String form = TestBrowser.formBody(Map.of("grant_type", "client_credentials", "scope", "documents.read",
				"client_id", clientId, "client_assertion_type",
				"urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", assertion.serialize()));
		return new TestBrowser("http://localhost:" + this.port).send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
	}

}
