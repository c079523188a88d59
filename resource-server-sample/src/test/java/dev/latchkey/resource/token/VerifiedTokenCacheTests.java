package dev.latchkey.resource.token;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import dev.latchkey.resource.TestClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VerifiedTokenCacheTests {

	private final TestClock clock = new TestClock();

	private final AtomicInteger verifications = new AtomicInteger();

	private final JwtDecoder verifier = (token) -> {
		this.verifications.incrementAndGet();
		if (token.startsWith("bad")) {
			throw new BadJwtException("bad signature");
		}
		Instant now = this.clock.instant();
		return Jwt.withTokenValue(token)
			.header("alg", "ES256")
			.header("kid", "key-1")
			.subject("demo-service")
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofMinutes(10)))
			.build();
	};

	@Test
	void decodeWhenSameTokenAgainThenVerifiedOnce() {
		VerifiedTokenCache cache = cache(100);
		Jwt first = cache.decode("token-1");
		assertThat(cache.decode("token-1")).isSameAs(first);
		cache.decode("token-2");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void decodeWhenSigningKeyWithdrawnFromJwksThenCachedTokenVerifiedAgain() {
		java.util.concurrent.atomic.AtomicBoolean published = new java.util.concurrent.atomic.AtomicBoolean(true);
		VerifiedTokenCache cache = new VerifiedTokenCache(this.verifier, properties(100), this.clock,
				(kid) -> kid.equals("key-1") && published.get());
		cache.decode("token-1");
		cache.decode("token-1");
		assertThat(this.verifications).hasValue(1);
		published.set(false);
		cache.decode("token-1");
		assertThat(this.verifications).as("a revoked key's token is checked against the keys again").hasValue(2);
	}

	@Test
	void decodeWhenCachedTokenPastExpiryAndSkewThenVerifiedAgain() {
		VerifiedTokenCache cache = cache(100);
		cache.decode("token-1");
		this.clock.advance(Duration.ofMinutes(11));
		cache.decode("token-1");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void decodeWhenRefusedThenNotCached() {
		VerifiedTokenCache cache = cache(100);
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> cache.decode("bad-token"));
		}
		assertThat(this.verifications).hasValue(2);
		assertThat(cache.size()).isZero();
	}

	@Test
	void decodeWhenTokenLongerThanLimitThenRefusedWithoutVerifying() {
		VerifiedTokenCache cache = cache(100);
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> cache.decode("x".repeat(16 * 1024 + 1)))
			.withMessageContaining("longer than 16384");
		assertThat(this.verifications).hasValue(0);
	}

	@Test
	void decodeWhenMoreTokensThanEntriesThenBounded() {
		VerifiedTokenCache cache = cache(10);
		for (int i = 0; i < 1000; i++) {
			cache.decode("token-" + i);
		}
		assertThat(cache.size()).isLessThanOrEqualTo(10);
	}

	@Test
	void decodeWhenCacheTurnedOffThenVerifiedEveryTime() {
		VerifiedTokenCache cache = cache(0);
		cache.decode("token-1");
		cache.decode("token-1");
		assertThat(this.verifications).hasValue(2);
	}

	private VerifiedTokenCache cache(int maxEntries) {
		return new VerifiedTokenCache(this.verifier, properties(maxEntries), this.clock);
	}

	private static TokenProperties properties(int maxEntries) {
		return new TokenProperties(URI.create("http://localhost:9000"), "http://localhost:8081", Duration.ofSeconds(60),
				DataSize.ofKilobytes(16),
				new TokenProperties.Keys(Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofSeconds(5), null),
				new TokenProperties.TokenCache(maxEntries));
	}

}
