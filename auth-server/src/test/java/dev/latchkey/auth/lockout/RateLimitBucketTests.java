package dev.latchkey.auth.lockout;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the rate limits count in and report, without a database: bucket keys, the names of
 * limits and their settings, rates per hour and the value of {@code Retry-After}.
 */
class RateLimitBucketTests {

	@Test
	void bucketWhenSamePartsThenSameKeyOf32BytesWithoutTheParts() {
		byte[] bucket = RateLimit.SIGN_IN_PER_ACCOUNT_AND_ADDRESS.bucket("someone@example.test", "10.1.2.3");
		assertThat(bucket).hasSize(32)
			.isEqualTo(RateLimit.SIGN_IN_PER_ACCOUNT_AND_ADDRESS.bucket("someone@example.test", "10.1.2.3"));
		assertThat(new String(bucket, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("someone")
			.doesNotContain("10.1.2.3");
	}

	@Test
	void bucketWhenLimitOrPartsDifferThenDifferentKey() {
		byte[] bucket = RateLimit.SIGN_IN_PER_ACCOUNT_AND_ADDRESS.bucket("ab", "c");
		assertThat(bucket).as("another limit, same parts")
			.isNotEqualTo(RateLimit.FORGOT_PASSWORD_PER_ACCOUNT_AND_ADDRESS.bucket("ab", "c"));
		assertThat(bucket).as("the parts split elsewhere")
			.isNotEqualTo(RateLimit.SIGN_IN_PER_ACCOUNT_AND_ADDRESS.bucket("a", "bc"));
		assertThat(bucket).as("the parts joined").isNotEqualTo(RateLimit.SIGN_IN_PER_ACCOUNT_AND_ADDRESS.bucket("abc"));
		assertThat(RateLimit.SIGN_IN_PER_ADDRESS.bucket("10.0.0.1"))
			.isNotEqualTo(RateLimit.SIGN_IN_PER_ADDRESS.bucket("10.0.0.2"));
	}

	@Test
	void namesWhenReportedThenTagAndSettingsOfEachLimit() {
		assertThat(RateLimit.SIGN_IN_PER_ACCOUNT_AND_ADDRESS.tag()).isEqualTo("sign-in-per-account-and-address");
		assertThat(RateLimit.CLIENT_AUTHENTICATION_FAILURES.tag()).isEqualTo("client-authentication-failures");
		assertThat(RateLimit.TOKEN_PER_CLIENT_AND_ADDRESS.setting())
			.isEqualTo("latchkey.rate-limits.token.per-client-and-address");
		assertThat(RateLimit.TOKEN_PER_CLIENT_AND_ADDRESS.windowSetting())
			.isEqualTo("latchkey.rate-limits.token.window");
		assertThat(RateLimit.CLIENT_AUTHENTICATION_FAILURES.setting())
			.isEqualTo("latchkey.rate-limits.client-authentication.failures-per-client");
		assertThat(RateLimit.FORGOT_PASSWORD_PER_ADDRESS.windowSetting())
			.isEqualTo("latchkey.rate-limits.forgot-password.window");
	}

	@Test
	void limitWhenDescribedThenCountPerWindowAndPerHour() {
		RateLimit.Limit limit = new RateLimit.Limit(10, Duration.ofMinutes(15));
		assertThat(limit.perHour()).isEqualTo(40.0);
		assertThat(new RateLimit.Limit(600, Duration.ofMinutes(1)).perHour()).isEqualTo(36_000.0);
		assertThat(new RateLimit.Limit(5, Duration.ofHours(2)).perHour()).isEqualTo(2.5);
		assertThat(limit).hasToString("10 per 15m");
		assertThat(new RateLimit.Limit(1, Duration.ofMinutes(90))).hasToString("1 per 1h30m");
	}

	@Test
	void retryAfterWhenWindowEndsThenWholeSecondsRoundedUpAtLeastOne() {
		Instant now = Instant.parse("2026-01-01T10:00:00Z");
		assertThat(RateLimits.secondsUntil(now.plusSeconds(60), now)).isEqualTo(60);
		assertThat(RateLimits.secondsUntil(now.plusMillis(59_001), now)).isEqualTo(60);
		assertThat(RateLimits.secondsUntil(now.plusMillis(1), now)).isEqualTo(1);
		assertThat(RateLimits.secondsUntil(now, now)).as("a window that just ended").isEqualTo(1);
		assertThat(RateLimits.secondsUntil(now.minusSeconds(5), now)).isEqualTo(1);
	}

	@Test
	void lockoutEventWhenNoEndThenUntilReset() {
		Instant now = Instant.parse("2026-01-01T10:00:00Z");
		UUID account = UUID.randomUUID();
		assertThat(new AccountLockedOut(account, now, null, 20, 100).untilReset()).isTrue();
		assertThat(new AccountLockedOut(account, now, now.plusSeconds(60), 1, 5).untilReset()).isFalse();
		assertThat(new AccountUnlocked(account, AccountUnlocked.Reason.EXPIRED, now).actor()).isNull();
	}

}
