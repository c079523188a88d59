package dev.latchkey.auth.lockout;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lockout and rate-limit settings are checked when the server starts: a value out of
 * bounds stops it with a message naming the setting, and no setting allows more than 100
 * consecutive failures (NIST SP 800-63B). The pre-deployment check then tells recommended
 * settings from lax ones.
 */
class LockoutSettingsTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(SettingsConfiguration.class);

	@Test
	void startWhenShippedSettingsThenDefaultsOfDesign() {
		this.context.withPropertyValues(shipped()).run((context) -> {
			assertThat(context).hasNotFailed();
			LockoutProperties lockout = context.getBean(LockoutProperties.class);
			assertThat(lockout.maxFailures()).isEqualTo(5);
			assertThat(lockout.failureWindow()).isEqualTo(Duration.ofMinutes(15));
			assertThat(lockout.firstDuration()).isEqualTo(Duration.ofMinutes(1));
			assertThat(lockout.maxDuration()).isEqualTo(Duration.ofHours(1));
			assertThat(lockout.maxConsecutiveFailures()).isEqualTo(100);
			assertThat(context.getBean(RateLimitProperties.class).limits())
				.as("application.properties repeats the built-in defaults")
				.isEqualTo(GuessingProtection.defaults().limits());
			assertThat(context.getBean(RateLimitProperties.class).enabled()).isTrue();
		});
	}

	@Test
	void startWhenMoreThanHundredConsecutiveFailuresAllowedThenRefusedNamingTheSetting() {
		assertRefused("latchkey.lockout.max-consecutive-failures=101",
				"latchkey.lockout.max-consecutive-failures must be at least max-failures (5) and at most 100 "
						+ "(NIST SP 800-63B), not 101");
		assertRefused("latchkey.lockout.max-failures=101",
				"latchkey.lockout.max-failures must be 1 to 100 (NIST SP 800-63B), not 101");
		assertRefused("latchkey.lockout.max-failures=0",
				"latchkey.lockout.max-failures must be 1 to 100 (NIST SP 800-63B), not 0");
	}

	@Test
	void startWhenDurationsOrLimitsOutOfBoundsThenRefusedNamingTheSetting() {
		assertRefused("latchkey.lockout.max-duration=30s", "latchkey.lockout.max-duration must be 1m to 24h, not 30s");
		assertRefused("latchkey.lockout.failure-window=10s",
				"latchkey.lockout.failure-window must be 1m to 24h, not 10s");
		assertRefused("latchkey.rate-limits.sign-in.per-account-and-address=101",
				"latchkey.rate-limits.sign-in.per-account-and-address must be 1 to 100, not 101");
		assertRefused("latchkey.rate-limits.token.window=0s",
				"latchkey.rate-limits.token.window must be 1s to 24h, not 0s");
		assertRefused("latchkey.rate-limits.client-authentication.failures-per-client=0",
				"latchkey.rate-limits.client-authentication.failures-per-client must be 1 to 1000000, not 0");
	}

	@Test
	void weaknessesWhenShippedSettingsThenNone() {
		GuessingProtection protection = protection(Map.of());
		assertThat(protection.weaknesses()).isEmpty();
		assertThat(protection.summary()).isEqualTo("5 failures within 15m lock an account for 1m, doubling up to 1h, "
				+ "until a reset after 100 consecutive failures; failed sign-ins limited to 10 per 15m per account "
				+ "and address and 100 per 15m per address");
	}

	@Test
	void weaknessesWhenRateLimitsOffThenNamed() {
		assertThat(protection(Map.of("latchkey.rate-limits.enabled", "false")).weaknesses())
			.containsExactly("latchkey.rate-limits.enabled is false: no rate limit applies");
	}

	@Test
	void weaknessesWhenLaxerThanRecommendedThenEachNamed() {
		GuessingProtection protection = protection(Map.of("latchkey.lockout.max-failures", "11",
				"latchkey.lockout.failure-window", "4m", "latchkey.lockout.first-duration", "29s",
				"latchkey.rate-limits.sign-in.per-account-and-address", "51",
				"latchkey.rate-limits.forgot-password.window", "1m",
				"latchkey.rate-limits.client-authentication.failures-per-client", "100"));
		assertThat(protection.weaknesses()).containsExactly(
				"latchkey.lockout.max-failures is 11 (at most 10 recommended)",
				"latchkey.lockout.failure-window is 4m (at least 5m recommended)",
				"latchkey.lockout.first-duration is 29s (at least 30s recommended)",
				"latchkey.rate-limits.sign-in.per-account-and-address with latchkey.rate-limits.sign-in.window "
						+ "allows 51 per 15m (default 10 per 15m; at most 5 times as many, per window and per hour, "
						+ "recommended)",
				"latchkey.rate-limits.forgot-password.per-address with latchkey.rate-limits.forgot-password.window "
						+ "allows 30 per 1m (default 30 per 15m; at most 5 times as many, per window and per hour, "
						+ "recommended)",
				"latchkey.rate-limits.forgot-password.per-account-and-address with "
						+ "latchkey.rate-limits.forgot-password.window allows 5 per 1m (default 5 per 15m; at most 5 "
						+ "times as many, per window and per hour, recommended)");
		assertThat(protection(Map.of("latchkey.rate-limits.sign-in.per-account-and-address", "50",
				"latchkey.lockout.max-failures", "10", "latchkey.rate-limits.forgot-password.window", "3m"))
			.weaknesses()).as("at the bounds").isEmpty();
	}

	private void assertRefused(String setting, String message) {
		this.context.withPropertyValues(shipped()).withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessage(message);
		});
	}

	private static GuessingProtection protection(Map<String, String> settings) {
		Binder binder = new Binder(new MapConfigurationPropertySource(settings));
		return new GuessingProtection(binder.bindOrCreate("latchkey.lockout", LockoutProperties.class),
				binder.bindOrCreate("latchkey.rate-limits", RateLimitProperties.class));
	}

	/**
	 * The lockout and rate-limit lines of application.properties.
	 */
	private static String[] shipped() {
		try (var in = LockoutSettingsTests.class.getResourceAsStream("/application.properties")) {
			java.util.Properties properties = new java.util.Properties();
			properties.load(in);
			return properties.stringPropertyNames()
				.stream()
				.filter((name) -> name.startsWith("latchkey.lockout.") || name.startsWith("latchkey.rate-limits."))
				.map((name) -> name + "=" + properties.getProperty(name))
				.toArray(String[]::new);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ LockoutProperties.class, RateLimitProperties.class })
	static class SettingsConfiguration {

	}

}
