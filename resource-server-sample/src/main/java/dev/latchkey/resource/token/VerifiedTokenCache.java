package dev.latchkey.resource.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Verifies each distinct token once per instance: a token that passed every check is
 * kept, keyed by the SHA-256 of its text, until it expires, in a cache of bounded size.
 * Only valid tokens are kept, so garbage cannot push them out faster than the bound
 * allows. Tokens longer than the limit are refused before anything parses them.
 * <p>
 * A cached token is accepted only while the issuer still publishes its signing key: a key
 * revoked after a compromise (withdrawn from the JWKS) stops its tokens at the next key
 * set refresh, cached or not.
 */
final class VerifiedTokenCache implements JwtDecoder {

	private final JwtDecoder verifier;

	private final Clock clock;

	private final Duration clockSkew;

	private final long maxTokenLength;

	private final Cache<String, Jwt> verified;

	private final boolean enabled;

	private final Predicate<String> keyPublished;

	VerifiedTokenCache(JwtDecoder verifier, TokenProperties properties, Clock clock) {
		this(verifier, properties, clock, (kid) -> true);
	}

	VerifiedTokenCache(JwtDecoder verifier, TokenProperties properties, Clock clock, Predicate<String> keyPublished) {
		this.verifier = verifier;
		this.keyPublished = keyPublished;
		this.clock = clock;
		this.clockSkew = properties.clockSkew();
		this.maxTokenLength = properties.maxTokenSize().toBytes();
		this.enabled = properties.tokenCache().maxEntries() > 0;
		this.verified = Caffeine.newBuilder()
			.maximumSize(properties.tokenCache().maxEntries())
			.expireAfter(Expiry.creating((String key, Jwt jwt) -> timeLeft(jwt)))
			.build();
	}

	@Override
	public Jwt decode(String token) {
		if (token.length() > this.maxTokenLength) {
			throw new BadJwtException("The token is longer than " + this.maxTokenLength + " characters");
		}
		if (!this.enabled) {
			return this.verifier.decode(token);
		}
		String key = sha256(token);
		Jwt cached = this.verified.getIfPresent(key);
		if (cached != null && cached.getTokenValue().equals(token) && !timeLeft(cached).isZero()) {
			Object kid = cached.getHeaders().get("kid");
			if (kid instanceof String keyId && this.keyPublished.test(keyId)) {
				return cached;
			}
			this.verified.invalidate(key);
		}
		Jwt jwt = this.verifier.decode(token);
		this.verified.put(key, jwt);
		return jwt;
	}

	/**
	 * How long the token stays acceptable: until its expiry plus the clock skew, the same
	 * bound the verifier applies.
	 */
	private Duration timeLeft(Jwt jwt) {
		Instant acceptableUntil = Objects.requireNonNull(jwt.getExpiresAt()).plus(this.clockSkew);
		Duration left = Duration.between(this.clock.instant(), acceptableUntil);
		return left.isNegative() ? Duration.ZERO : left;
	}

	long size() {
		this.verified.cleanUp();
		return this.verified.estimatedSize();
	}

	private static String sha256(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
