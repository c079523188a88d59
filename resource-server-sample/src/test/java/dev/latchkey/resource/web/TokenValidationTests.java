package dev.latchkey.resource.web;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.resource.ResourceServerTest;
import dev.latchkey.resource.TestApi;
import dev.latchkey.resource.TestClock;
import dev.latchkey.resource.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forged and misused tokens, each answered 401 with {@code error="invalid_token"}, and
 * the valid ones that must still pass. Every token is really signed (or really forged);
 * no decoder is mocked.
 */
@ResourceServerTest
class TokenValidationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestClock clock;

	private final TestIssuer issuer = TestIssuer.shared();

	private TestApi api;

	@BeforeEach
	void setUp() {
		this.api = new TestApi(this.port);
	}

	@Test
	void tokenWhenValidEs256ThenAccepted() {
		assertThat(me(this.issuer.token(this.clock).sign()).statusCode()).isEqualTo(200);
	}

	@Test
	void tokenWhenValidRs256ThenAccepted() {
		assertThat(me(this.issuer.token(this.clock).signedWith(this.issuer.rsaKey()).sign()).statusCode())
			.isEqualTo(200);
	}

	@Test
	void tokenWhenMissingThenUnauthorizedWithMetadataButNoErrorCode() {
		HttpResponse<String> response = this.api.get("/api/documents", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(
				"Bearer resource_metadata=\"http://localhost:" + this.port + "/.well-known/oauth-protected-resource\"");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
		assertThat(TestApi.json(response)).containsEntry("status", 401L)
			.containsEntry("title", "Unauthorized")
			.containsEntry("instance", "/api/documents");
	}

	@Test
	void tokenWhenAlgNoneThenRefused() {
		String unsigned = new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType("at+jwt")).build(),
				validClaims())
			.serialize();
		assertRefused(unsigned);
	}

	@Test
	void tokenWhenHs256WithRsaPublicKeyAsSecretThenRefused() throws Exception {
		byte[] publicKey = this.issuer.rsaKey().toRSAPublicKey().getEncoded();
		SignedJWT forged = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).keyID("rsa-1").build(),
				validClaims());
		forged.sign(new MACSigner(publicKey));
		assertRefused(forged.serialize());
	}

	@Test
	void tokenWhenHs256WithAnySecretThenRefused() throws Exception {
		SignedJWT forged = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build(), validClaims());
		forged.sign(new MACSigner("a-secret-of-at-least-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8)));
		assertRefused(forged.serialize());
	}

	@Test
	void tokenWhenPayloadEditedAfterSigningThenRefused() {
		String[] parts = this.issuer.token(this.clock).claim("scope", "documents.read").sign().split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String widened = payload.replace("\"documents.read\"", "\"documents.read documents.write\"");
		assertThat(widened).isNotEqualTo(payload);
		assertRefused(parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(widened.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2]);
	}

	@Test
	void tokenWhenSignatureStrippedThenRefused() {
		String[] parts = this.issuer.token(this.clock).sign().split("\\.");
		assertRefused(parts[0] + "." + parts[1] + ".");
		assertRefused(parts[0] + "." + parts[1]);
	}

	@Test
	void tokenWhenSignedWithKeyNotInJwksThenRefused() {
		ECKey stranger = TestIssuer.newEcKey("stranger-" + UUID.randomUUID());
		assertRefused(this.issuer.token(this.clock).signedWith(stranger).sign());
		// The same, claiming the key id of a published key.
		assertRefused(this.issuer.token(this.clock)
			.signedWith(stranger)
			.header((header) -> new JWSHeader.Builder(header.build()).keyID("ec-1"))
			.sign());
	}

	@Test
	void tokenWhenExpiredBeyondLeewayThenRefusedAndWithinLeewayAccepted() {
		Instant now = this.clock.instant();
		assertRefused(lifetime(now.minus(Duration.ofMinutes(11)), now.minusSeconds(61)));
		assertThat(me(lifetime(now.minus(Duration.ofMinutes(10)), now.minusSeconds(30))).statusCode()).isEqualTo(200);
	}

	@Test
	void tokenWhenNotYetValidBeyondLeewayThenRefusedAndWithinLeewayAccepted() {
		Instant now = this.clock.instant();
		assertRefused(this.issuer.token(this.clock).claim("nbf", now.plusSeconds(61).getEpochSecond()).sign());
		assertThat(me(this.issuer.token(this.clock).claim("nbf", now.plusSeconds(30).getEpochSecond()).sign())
			.statusCode()).isEqualTo(200);
	}

	@Test
	void tokenWhenIssuedInTheFutureThenRefused() {
		assertRefused(this.issuer.token(this.clock)
			.claim("iat", this.clock.instant().plusSeconds(120).getEpochSecond())
			.sign());
	}

	@Test
	void tokenWhenCachedAndThenExpiredThenRefused() {
		String token = this.issuer.token(this.clock).sign();
		assertThat(me(token).statusCode()).isEqualTo(200);
		assertThat(me(token).statusCode()).as("served from the verified-token cache").isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(10).plusSeconds(61));
		assertRefused(token);
	}

	@Test
	void tokenWhenWrongIssuerThenRefused() {
		assertRefused(this.issuer.token(this.clock).claim("iss", "http://evil.example").sign());
		assertRefused(this.issuer.token(this.clock).claim("iss", this.issuer.url() + "/").sign());
		assertRefused(this.issuer.token(this.clock).claim("iss", null).sign());
	}

	@Test
	void tokenWhenWrongAudienceThenRefused() {
		assertRefused(this.issuer.token(this.clock).claim("aud", "demo-service").sign());
		assertRefused(this.issuer.token(this.clock).claim("aud", List.of("http://localhost:8082")).sign());
		assertRefused(this.issuer.token(this.clock).claim("aud", null).sign());
	}

	@Test
	void tokenWhenTypeIsNotAtJwtThenRefused() {
		assertRefused(this.issuer.token(this.clock)
			.header((header) -> new JWSHeader.Builder(header.build()).type(JOSEObjectType.JWT))
			.sign());
		assertRefused(this.issuer.token(this.clock)
			.header((header) -> new JWSHeader.Builder(header.build()).type(null))
			.sign());
	}

	@Test
	void tokenWhenIdTokenUsedAsAccessTokenThenRefused() {
		// What Latchkey issues as an ID token: RS256, typ JWT, audience the client, no
		// scope.
		Instant now = this.clock.instant();
		String idToken = this.issuer.token(this.clock)
			.signedWith(this.issuer.rsaKey())
			.header((header) -> new JWSHeader.Builder(header.build()).type(JOSEObjectType.JWT))
			.claim("sub", "account-1")
			.claim("aud", "demo-web")
			.claim("azp", "demo-web")
			.claim("client_id", null)
			.claim("scope", null)
			.claim("nonce", "n-1")
			.claim("auth_time", now.getEpochSecond())
			.sign();
		assertRefused(idToken);
	}

	@Test
	void tokenWhenGarbageThenRefused() {
		assertRefused("garbage");
		assertRefused("a.b.c");
		assertRefused("eyJhbGciOiJFUzI1NiJ9.e30.AAAA");
		HttpResponse<String> badCharacters = this.api
			.send(this.api.request("/api/me", null).header("Authorization", "Bearer !!not a token!!").build());
		assertThat(badCharacters.statusCode()).isEqualTo(401);
	}

	@Test
	void tokenWhenClaimsHaveTheWrongShapeThenRefused() {
		assertRefused(this.issuer.token(this.clock).claim("roles", "ADMIN").sign());
		assertRefused(this.issuer.token(this.clock).claim("scope", List.of("documents.read")).sign());
		assertRefused(this.issuer.token(this.clock).claim("client_id", null).sign());
		assertRefused(this.issuer.token(this.clock).claim("jti", null).sign());
		assertRefused(this.issuer.token(this.clock).claim("exp", null).sign());
	}

	@Test
	void tokenWhenLargerThanLimitThenRefusedBeforeParsing() {
		String padded = this.issuer.token(this.clock).claim("padding", "x".repeat(17 * 1024)).sign();
		assertRefused(padded);
	}

	@Test
	void tokenWhenHeaderOf100KilobytesThenNeverAServerError() {
		// Over Tomcat's request header limit (32 KB): the container answers before the
		// API
		// sees it. MockMvcTokenTests shows the API's own answer (401) to the same token.
		HttpResponse<String> response = me(hugeHeaderToken(this.issuer, this.clock));
		assertThat(response.statusCode()).isBetween(400, 499);
	}

	@Test
	void tokenWhenKeyRotatedThenNewKeyFetchedOnce() {
		warmUp();
		int before = this.issuer.jwksRequests();
		ECKey next = TestIssuer.newEcKey("rotated-" + UUID.randomUUID());
		this.issuer.publish(next);

		assertThat(me(this.issuer.token(this.clock).signedWith(next).sign()).statusCode()).isEqualTo(200);
		assertThat(me(this.issuer.token(this.clock).signedWith(next).sign()).statusCode()).isEqualTo(200);
		assertThat(this.issuer.jwksRequests()).isEqualTo(before + 1);
	}

	@Test
	void tokenWhenUnknownKeyIdsFloodThenAtMostOneFetchPerInterval() {
		warmUp();
		int before = this.issuer.jwksRequests();

		assertRefused(withUnknownKey());
		assertThat(this.issuer.jwksRequests()).isEqualTo(before + 1);
		for (int i = 0; i < 5; i++) {
			assertRefused(withUnknownKey());
		}
		this.clock.advance(Duration.ofSeconds(4));
		assertRefused(withUnknownKey());
		assertThat(this.issuer.jwksRequests()).as("within 5 s of the last fetch").isEqualTo(before + 1);

		this.clock.advance(Duration.ofSeconds(2));
		assertRefused(withUnknownKey());
		assertThat(this.issuer.jwksRequests()).isEqualTo(before + 2);
	}

	static String hugeHeaderToken(TestIssuer issuer, TestClock clock) {
		return issuer.token(clock).header((header) -> header.customParam("padding", "x".repeat(100 * 1024))).sign();
	}

	/**
	 * Moves past the refresh interval and the re-fetch window other tests may have used,
	 * and lets the API refresh its keys, so that fetch counts start from a quiet state.
	 */
	private void warmUp() {
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(me(this.issuer.token(this.clock).sign()).statusCode()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(6));
	}

	private String withUnknownKey() {
		return this.issuer.token(this.clock).signedWith(TestIssuer.newEcKey("unknown-" + UUID.randomUUID())).sign();
	}

	private String lifetime(Instant issuedAt, Instant expiresAt) {
		return this.issuer.token(this.clock)
			.claim("iat", issuedAt.getEpochSecond())
			.claim("nbf", issuedAt.getEpochSecond())
			.claim("exp", expiresAt.getEpochSecond())
			.sign();
	}

	private JWTClaimsSet validClaims() {
		Instant now = this.clock.instant();
		return new JWTClaimsSet.Builder().issuer(this.issuer.url())
			.subject("demo-service")
			.audience(TestIssuer.AUDIENCE)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
			.jwtID(UUID.randomUUID().toString())
			.claim("client_id", "demo-service")
			.claim("scope", "documents.read documents.write")
			.build();
	}

	private HttpResponse<String> me(String token) {
		return this.api.get("/api/me", token);
	}

	private void assertRefused(String token) {
		HttpResponse<String> response = me(token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\"")
				.contains("resource_metadata=\"http://localhost:" + this.port
						+ "/.well-known/oauth-protected-resource\""));
		assertThat(TestApi.json(response)).containsEntry("status", 401L).containsEntry("instance", "/api/me");
	}

}
