package dev.latchkey.auth.keys;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.auth.TestBrowser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated year of rotations with the default settings on an injected clock. Time
 * moves in 6-hour steps, and by the minute for a quarter of an hour after every change,
 * which is when keys leave the JWKS. The JWKS only changes when rotations are applied, so
 * checking the served JWKS right after each application, with tokens signed right before
 * it and by a node whose key cache is 29 seconds old, checks every instant.
 */
@Tag("integration")
class KeyRotationSimulationTests {

	private static final String SCHEMA = "keys_simulation";

	private static final Duration STEP = Duration.ofHours(12);

	private static final Duration FINE_STEP = Duration.ofMinutes(1);

	private static final int FINE_STEPS_AFTER_CHANGE = 15;

	private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	private static final Duration PUBLISH_AHEAD = Duration.ofHours(24);

	private static final Duration ROTATION_PERIOD = Duration.ofDays(30);

	private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));

	private final Map<String, Instant> firstPublished = new HashMap<>();

	private final Set<String> initialKids = new HashSet<>();

	private final Deque<Token> liveTokens = new ArrayDeque<>();

	private int tokensSigned;

	private int tokensVerified;

	private int tokensChecked;

	private int checks;

	@Test
	void yearWhenSimulatedThenJwksHoldsEveryKeyInUseAndNoKeySignsBeforePublishAhead() {
		TestNode.resetSchema(SCHEMA);
		try (TestNode node = TestNode.start(SCHEMA, this.clock)) {
			KeyLifecycle lifecycle = node.bean(KeyLifecycle.class);
			JwtEncoder encoder = node.bean(JwtEncoder.class);
			JwtEncoder laggingNode = laggingEncoder(node);
			TestBrowser browser = node.browser();
			node.forgetEvents();
			this.initialKids.addAll(check(browser, node).getKeys().stream().map(JWK::getKeyID).toList());

			long started = System.nanoTime();
			Instant end = this.clock.instant().plus(Duration.ofDays(365));
			int fineSteps = 0;
			while (this.clock.instant().isBefore(end)) {
				// Tokens signed just before rotations are applied: the last ones of the
				// old keys.
				sign(encoder, SignatureAlgorithm.ES256);
				sign(encoder, SignatureAlgorithm.RS256);
				sign(laggingNode, SignatureAlgorithm.ES256);
				int retirements = node.events(SigningKeyRetired.class).size();
				lifecycle.advanceIfDue();
				sign(encoder, SignatureAlgorithm.ES256);
				check(browser, node);
				if (node.events(SigningKeyRetired.class).size() > retirements) {
					// Another node still works from its cache of the keys before the
					// change.
					this.clock.advance(SigningKeySource.CACHE_PERIOD.minusSeconds(1));
					sign(laggingNode, SignatureAlgorithm.ES256);
					check(browser, node);
					fineSteps = FINE_STEPS_AFTER_CHANGE;
				}
				this.clock.advance((fineSteps-- > 0) ? FINE_STEP : STEP);
			}
			long millis = (System.nanoTime() - started) / 1_000_000;

			List<SigningKeyActivated> activations = node.events(SigningKeyActivated.class);
			List<SigningKeyRemoved> removals = node.events(SigningKeyRemoved.class);
			for (String algorithm : List.of("ES256", "RS256")) {
				assertThat(activations).filteredOn((event) -> event.algorithm().equals(algorithm))
					.as("%s rotations in a year of %s periods", algorithm, ROTATION_PERIOD)
					.hasSize(12);
				assertThat(removals).filteredOn((event) -> event.algorithm().equals(algorithm)).hasSize(12);
			}
			for (SigningKeyDetails key : node.bean(SigningKeys.class).list()) {
				if (key.state() == SigningKeyState.REMOVED) {
					assertThat(Duration.between(key.activatesAt(), key.retiresAt()))
						.as("%s signed for the rotation period", key.kid())
						.isBetween(ROTATION_PERIOD, ROTATION_PERIOD.plus(STEP));
					assertThat(Duration.between(key.retiresAt(), key.removesAt()))
						.isGreaterThanOrEqualTo(SigningKeySource.CACHE_PERIOD.plus(TOKEN_LIFETIME).plus(CLOCK_SKEW));
				}
			}
			assertThat(this.tokensVerified).isEqualTo(this.tokensSigned);
			assertThat(this.tokensChecked).isGreaterThan(2 * this.tokensSigned);
			System.out.printf(
					"Simulated a year: %d checks of the served JWKS, %d tokens signed and verified, "
							+ "%d checks that a valid token's key is served, %d activations, %d removals, in %d ms%n",
					this.checks, this.tokensSigned, this.tokensChecked, activations.size(), removals.size(), millis);
		}
	}

	/**
	 * The JWKS as served holds every active key and every key that signed a token that is
	 * still valid (allowing for clock skew), and every such token verifies against it.
	 */
	private JWKSet check(TestBrowser browser, TestNode node) {
		Instant now = this.clock.instant();
		this.checks++;
		HttpResponse<String> response = browser.get("/oauth2/jwks");
		assertThat(response.statusCode()).isEqualTo(200);
		JWKSet jwks = parse(response.body());
		for (JWK key : jwks.getKeys()) {
			assertThat(key.isPrivate()).isFalse();
			this.firstPublished.putIfAbsent(key.getKeyID(), now);
		}
		for (SigningKey key : node.bean(JdbcSigningKeys.class).findPublished()) {
			if (key.is(SigningKeyState.ACTIVE)) {
				assertThat(jwks.getKeyByKeyId(key.kid())).as("active key %s in the JWKS at %s", key.kid(), now)
					.isNotNull();
			}
		}
		this.liveTokens.removeIf((token) -> !token.expiresAt().plus(CLOCK_SKEW).isAfter(now));
		for (Token token : this.liveTokens) {
			JWK key = jwks.getKeyByKeyId(token.kid());
			assertThat(key)
				.as("key %s of a token signed at %s, valid until %s, in the JWKS at %s", token.kid(), token.signedAt(),
						token.expiresAt(), now)
				.isNotNull();
			this.tokensChecked++;
			// The same key verifies the same signature the same way: verify once per key.
			if (!key.equals(token.verifiedWith)) {
				assertThat(verify(token.value(), key)).as("token signed at %s verifies at %s", token.signedAt(), now)
					.isTrue();
				token.verifiedWith = key;
				this.tokensVerified++;
			}
		}
		return jwks;
	}

	private void sign(JwtEncoder encoder, SignatureAlgorithm algorithm) {
		Instant now = this.clock.instant();
		Jwt jwt = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(algorithm).build(),
				JwtClaimsSet.builder().subject("simulated").issuedAt(now).expiresAt(now.plus(TOKEN_LIFETIME)).build()));
		String kid = (String) jwt.getHeaders().get("kid");
		if (!this.initialKids.contains(kid)) {
			assertThat(this.firstPublished).as("key %s signing at %s was published before", kid, now).containsKey(kid);
			assertThat(Duration.between(this.firstPublished.get(kid), now))
				.as("key %s signs at %s, published at %s", kid, now, this.firstPublished.get(kid))
				.isGreaterThanOrEqualTo(PUBLISH_AHEAD);
		}
		this.liveTokens.add(new Token(jwt.getTokenValue(), kid, now, jwt.getExpiresAt()));
		this.tokensSigned++;
	}

	/**
	 * A second node's signer, whose key cache is refreshed only when it expires (no
	 * change notification reaches it).
	 */
	private JwtEncoder laggingEncoder(TestNode node) {
		SigningKeySource cache = new SigningKeySource(node.bean(JdbcSigningKeys.class),
				node.bean(KeyEncryptionKeys.class), this.clock, (event) -> {
				});
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(cache);
		encoder.setJwkSelector((candidates) -> candidates.stream().filter(JWK::isPrivate).findFirst().orElseThrow());
		return encoder;
	}

	private static JWKSet parse(String json) {
		try {
			return JWKSet.parse(json);
		}
		catch (ParseException ex) {
			throw new AssertionError(ex);
		}
	}

	private static boolean verify(String token, JWK key) {
		try {
			JWSVerifier verifier = (key.getKeyType().getValue().equals("RSA")) ? new RSASSAVerifier(key.toRSAKey())
					: new ECDSAVerifier(key.toECKey());
			return SignedJWT.parse(token).verify(verifier);
		}
		catch (ParseException | JOSEException ex) {
			throw new AssertionError(ex);
		}
	}

	private static final class Token {

		private final String value;

		private final String kid;

		private final Instant signedAt;

		private final Instant expiresAt;

		private JWK verifiedWith;

		Token(String value, String kid, Instant signedAt, Instant expiresAt) {
			this.value = value;
			this.kid = kid;
			this.signedAt = signedAt;
			this.expiresAt = expiresAt;
		}

		String value() {
			return this.value;
		}

		String kid() {
			return this.kid;
		}

		Instant signedAt() {
			return this.signedAt;
		}

		Instant expiresAt() {
			return this.expiresAt;
		}

	}

}
