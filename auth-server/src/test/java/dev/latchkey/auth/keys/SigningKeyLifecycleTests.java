package dev.latchkey.auth.keys;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Rotation on one node, over real HTTP, with time moved by a test clock: tokens signed
 * before a rotation keep verifying until they expire, new keys wait out publish-ahead,
 * retired keys leave the JWKS only after every token they signed has expired, and the
 * JWKS can be cached by resource servers.
 */
@Tag("integration")
class SigningKeyLifecycleTests {

	private static final String SCHEMA = "keys_rotation";

	private static final Duration RETENTION = Duration.ofSeconds(30 + 600 + 60);

	private static final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

	private static TestNode node;

	private final TestBrowser browser = node.browser();

	private final TestOAuthClient service = new TestOAuthClient(this.browser, "demo-service", "demo-service-secret");

	@BeforeAll
	static void startNode() {
		TestNode.resetSchema(SCHEMA);
		node = TestNode.start(SCHEMA, clock);
	}

	@AfterAll
	static void stopNode() {
		node.close();
	}

	@Test
	void startWhenFreshDatabaseThenOneActiveKeyPerAlgorithmOpenedAndOnRecord() {
		List<SigningKeyUnwrapped> unwraps = node.events(SigningKeyUnwrapped.class);
		assertThat(unwraps).extracting(SigningKeyUnwrapped::algorithm).contains("ES256", "RS256");
		assertThat(unwraps).extracting(SigningKeyUnwrapped::kekId)
			.containsOnly(node.bean(KeyEncryptionKeys.class).currentId());
		assertThat(node.bean(SigningKeys.class).list()).filteredOn((key) -> key.state() == SigningKeyState.ACTIVE)
			.extracting(SigningKeyDetails::algorithm)
			.containsExactlyInAnyOrder("ES256", "RS256");
	}

	@Test
	void tokenWhenSignedJustBeforeRotationThenVerifiesUntilItExpiresAndKeyLeavesAfter() {
		String accessToken = accessToken();
		String oldKid = kid(accessToken);

		List<KeyRotationResult> rotation = node.bean(SigningKeys.class).rotate(true, "test");
		assertThat(rotation).extracting(KeyRotationResult::outcome).containsOnly(KeyRotationResult.Outcome.ACTIVATED);
		String newToken = accessToken();
		assertThat(kid(newToken)).isNotEqualTo(oldKid);
		assertThat(node.events(SigningKeyUnwrapped.class)).extracting(SigningKeyUnwrapped::kid)
			.as("the new key was opened for signing, on record")
			.contains(kid(newToken));

		this.service.verifiedWithJwks(accessToken);
		clock.advance(RETENTION.minusSeconds(1));
		node.bean(KeyLifecycle.class).advanceIfDue();
		assertThat(jwks().getKeyByKeyId(oldKid)).as("the old key while a token it signed may be valid").isNotNull();
		this.service.verifiedWithJwks(accessToken);
		this.service.verifiedWithJwks(newToken);

		clock.advance(Duration.ofSeconds(1));
		assertThat(node.bean(KeyLifecycle.class).advanceIfDue()).isTrue();
		assertThat(jwks().getKeyByKeyId(oldKid)).as("the old key once every token it signed expired").isNull();
		assertThat(node.events(SigningKeyRemoved.class)).extracting(SigningKeyRemoved::kid).contains(oldKid);
		assertThat(node.bean(JdbcSigningKeys.class).findByKid(oldKid).orElseThrow().state())
			.isEqualTo(SigningKeyState.REMOVED);
	}

	@Test
	void rotateWhenNotForcedThenNewKeyPublishedAtOnceButSignsOnlyAfterPublishAhead() {
		SigningKeys keys = node.bean(SigningKeys.class);
		KeyLifecycle lifecycle = node.bean(KeyLifecycle.class);
		String signing = kid(accessToken());
		List<KeyRotationResult> rotation = keys.rotate(false, "test");
		KeyRotationResult es256 = rotation.stream().filter((r) -> r.algorithm().equals("ES256")).findFirst().get();
		assertThat(es256.outcome()).isEqualTo(KeyRotationResult.Outcome.PUBLISHED);
		assertThat(es256.activatesAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
		assertThat(jwks().getKeyByKeyId(es256.kid())).as("published at once").isNotNull();
		assertThat(kid(accessToken())).as("but not signing").isEqualTo(signing);
		assertThat(keys.rotate(false, "test")).extracting(KeyRotationResult::outcome)
			.containsOnly(KeyRotationResult.Outcome.ALREADY_PUBLISHED);

		clock.advance(Duration.ofHours(24).minusSeconds(1));
		lifecycle.advanceIfDue();
		assertThat(kid(accessToken())).isEqualTo(signing);

		clock.advance(Duration.ofSeconds(1));
		assertThat(lifecycle.advanceIfDue()).isTrue();
		assertThat(kid(accessToken())).isEqualTo(es256.kid());
		assertThat(node.events(SigningKeyActivated.class)).filteredOn((event) -> event.kid().equals(es256.kid()))
			.singleElement()
			.satisfies((event) -> assertThat(event.publishedAt()).isEqualTo(event.at().minus(Duration.ofHours(24))));
	}

	@Test
	void jwksWhenFetchedThenCacheableWithEtagAndNotModifiedUntilKeysChange() {
		HttpResponse<String> first = this.browser.get("/oauth2/jwks");
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).matches("public, max-age=\\d+"));
		assertThat(maxAge(first)).isBetween(0L, 300L);
		String etag = first.headers().firstValue("ETag").orElseThrow();
		assertThat(first.headers().firstValue("Pragma")).isEmpty();

		HttpResponse<String> again = conditionalGet(etag);
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();

		node.bean(SigningKeys.class).rotate(true, "test");
		HttpResponse<String> changed = conditionalGet(etag);
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(changed.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));

		// A retired key leaves the JWKS after the retention period: caches may not hold
		// the JWKS past that.
		clock.advance(RETENTION.minus(Duration.ofMinutes(2)));
		assertThat(maxAge(this.browser.get("/oauth2/jwks"))).isEqualTo(120);
	}

	@Test
	void metricsWhenScrapedThenKeyAgeAndNextRotationPerAlgorithm() {
		MeterRegistry registry = node.bean(MeterRegistry.class);
		SigningKey active = node.bean(SigningKeySource.class).current().active("ES256").orElseThrow();
		double age = registry.get("latchkey.signing.key.age").tag("algorithm", "ES256").gauge().value();
		assertThat(age).isEqualTo(Duration.between(active.activatesAt(), clock.instant()).toSeconds());
		double next = registry.get("latchkey.signing.key.next.rotation").tag("algorithm", "RS256").gauge().value();
		SigningKeySource.Snapshot snapshot = node.bean(SigningKeySource.class).current();
		Instant expected = snapshot.pending("RS256")
			.map(SigningKey::activatesAt)
			.orElseGet(() -> snapshot.active("RS256").orElseThrow().retiresAt());
		assertThat(next).isEqualTo(expected.getEpochSecond());
	}

	@Test
	void revokeWhenActiveKeyCompromisedThenOutOfJwksAtOnceReplacedAndOnRecord() {
		TestOAuthClient web = TestOAuthClient.demoWeb(this.browser);
		TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
		String code = web.authorize("user@example.com", "openid documents.read", pkce);
		Map<String, Object> tokens = TestOAuthClient.json(web.exchangeCode(code, pkce.verifier()));
		String accessToken = (String) tokens.get("access_token");
		String compromised = kid(accessToken);
		// Verified against the JWKS rather than at /userinfo: the framework's userinfo
		// check
		// reads the system time, while this node's tokens follow the advanced test clock.
		web.verifiedWithJwks(accessToken);

		SigningKeys keys = node.bean(SigningKeys.class);
		SigningKeyDetails revoked = keys.revoke(compromised, "alice", "private key found in a log file");
		assertThat(revoked.state()).isEqualTo(SigningKeyState.REVOKED);
		assertThat(revoked.revokedBy()).isEqualTo("alice");
		assertThat(jwks().getKeyByKeyId(compromised)).as("out of the JWKS at once").isNull();
		assertThat(node.bean(JdbcSigningKeys.class).findByKid(compromised).orElseThrow().privateKey())
			.as("private half destroyed")
			.isNull();
		assertThat(node.events(SigningKeyRevoked.class)).last()
			.isEqualTo(new SigningKeyRevoked(compromised, "ES256", SigningKeyState.ACTIVE, "alice",
					"private key found in a log file", revoked.revokedAt()));
		assertThat(jwks().getKeyByKeyId(kid(accessToken))).as("its tokens no longer verify").isNull();

		String replacement = kid(accessToken());
		assertThat(replacement).isNotEqualTo(compromised);
		assertThat(node.events(SigningKeyActivated.class)).last()
			.satisfies((event) -> assertThat(event.kid()).isEqualTo(replacement))
			.satisfies((event) -> assertThat(event.actor()).isEqualTo("alice"));

		HttpResponse<String> refreshed = web.refresh((String) tokens.get("refresh_token"));
		assertThat(refreshed.statusCode()).as("refresh tokens are unaffected: %s", refreshed.body()).isEqualTo(200);
		String newAccessToken = (String) TestOAuthClient.json(refreshed).get("access_token");
		assertThat(kid(newAccessToken)).isEqualTo(replacement);
		web.verifiedWithJwks(newAccessToken);
	}

	@Test
	void revokeWhenRetiredKeyThenOutOfJwksAndSigningKeyUnchanged() {
		SigningKeys keys = node.bean(SigningKeys.class);
		String retired = kid(accessToken());
		keys.rotate(true, "test");
		String active = kid(accessToken());
		assertThat(jwks().getKeyByKeyId(retired)).isNotNull();

		keys.revoke(retired, "bob", "retired key leaked from a backup");
		assertThat(jwks().getKeyByKeyId(retired)).isNull();
		assertThat(kid(accessToken())).isEqualTo(active);
		assertThat(keys.list()).filteredOn((key) -> key.kid().equals(retired))
			.singleElement()
			.satisfies((key) -> assertThat(key.revokeReason()).isEqualTo("retired key leaked from a backup"));
	}

	@Test
	void revokeWhenUnknownRepeatedOrWithoutReasonThenRefusedWithReason() {
		SigningKeys keys = node.bean(SigningKeys.class);
		assertThatExceptionOfType(SigningKeyOperationException.class)
			.isThrownBy(() -> keys.revoke("no-such-kid", "alice", "test"))
			.withMessage("No signing key has the id no-such-kid");
		String active = kid(accessToken());
		assertThatExceptionOfType(SigningKeyOperationException.class)
			.isThrownBy(() -> keys.revoke(active, "alice", "  "))
			.withMessage("The reason is required");
		assertThatExceptionOfType(SigningKeyOperationException.class)
			.isThrownBy(() -> keys.revoke(active, "alice", "two\nlines"))
			.withMessage("The reason must be a single line of text");
		assertThatExceptionOfType(SigningKeyOperationException.class)
			.isThrownBy(() -> keys.revoke(active, "alice", "x".repeat(501)))
			.withMessage("The reason is longer than 500 characters");
		assertThat(kid(accessToken())).as("nothing was revoked").isEqualTo(active);

		keys.revoke(active, "alice", "test");
		assertThatExceptionOfType(SigningKeyOperationException.class)
			.isThrownBy(() -> keys.revoke(active, "alice", "again"))
			.withMessageStartingWith("Signing key " + active + " was already revoked at ")
			.withMessageEndingWith(" by alice");
	}

	private HttpResponse<String> conditionalGet(String etag) {
		return this.browser.send(HttpRequest.newBuilder(URI.create(this.browser.baseUrl() + "/oauth2/jwks"))
			.header("If-None-Match", etag)
			.GET()
			.build());
	}

	private static long maxAge(HttpResponse<String> response) {
		String value = response.headers().firstValue("Cache-Control").orElseThrow();
		return Long.parseLong(value.substring(value.indexOf("max-age=") + "max-age=".length()));
	}

	private String accessToken() {
		HttpResponse<String> response = this.service.clientCredentials("documents.read");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Map<String, Object> json = TestOAuthClient.json(response);
		return (String) json.get("access_token");
	}

	private JWKSet jwks() {
		try {
			return JWKSet.parse(this.browser.get("/oauth2/jwks").body());
		}
		catch (ParseException ex) {
			throw new AssertionError(ex);
		}
	}

	static String kid(String token) {
		try {
			return SignedJWT.parse(token).getHeader().getKeyID();
		}
		catch (ParseException ex) {
			throw new AssertionError(ex);
		}
	}

}
