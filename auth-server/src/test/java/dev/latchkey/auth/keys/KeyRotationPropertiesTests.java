package dev.latchkey.auth.keys;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KeyRotationPropertiesTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@Test
	void bindWhenNothingSetThenDefaultsOfDesign() {
		this.contexts.run((context) -> {
			KeyRotationProperties properties = context.getBean(KeyRotationProperties.class);
			assertThat(properties.publishAhead()).isEqualTo(Duration.ofHours(24));
			assertThat(properties.rotationPeriod()).isEqualTo(Duration.ofDays(30));
			assertThat(properties.jwksMaxAge()).isEqualTo(Duration.ofMinutes(5));
			assertThat(properties.clockSkew()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.maxTokenLifetime()).isEqualTo(Duration.ofMinutes(10));
			assertThat(properties.retention()).isEqualTo(Duration.ofSeconds(30 + 600 + 60));
		});
	}

	@Test
	void startWhenPublishAheadShorterThanMaxAgeAndSkewThenFailsNamingBoth() {
		this.contexts
			.withPropertyValues("latchkey.keys.publish-ahead=5m", "latchkey.keys.jwks-max-age=10m",
					"latchkey.keys.clock-skew=1m")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("latchkey.keys.publish-ahead is 5m but must be at least 11m30s")
				.hasMessageContaining("jwks-max-age 10m + key cache 30s + clock-skew 1m"));
	}

	@Test
	void startWhenRotationPeriodOverNinetyDaysThenFails() {
		this.contexts.withPropertyValues("latchkey.keys.rotation-period=91d")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("latchkey.keys.rotation-period is 91d but must be at most 90d"));
	}

	@Test
	void createWhenSeveralProblemsThenAllListedAtOnce() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KeyRotationProperties(Duration.ofDays(2), Duration.ofDays(1), Duration.ofMinutes(5),
					Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofMinutes(1)))
			.withMessageContaining("rotation-period (1d) must be longer than latchkey.keys.publish-ahead (2d)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KeyRotationProperties(Duration.ZERO, Duration.ofDays(30), Duration.ofMinutes(-1),
					Duration.ofSeconds(-1), Duration.ZERO, Duration.ZERO))
			.withMessageContaining("latchkey.keys.publish-ahead must be positive, but is 0s")
			.withMessageContaining("latchkey.keys.jwks-max-age must not be negative, but is -1m")
			.withMessageContaining("latchkey.keys.clock-skew must not be negative")
			.withMessageContaining("latchkey.keys.max-token-lifetime must be positive")
			.withMessageContaining("latchkey.keys.check-interval must be positive");
	}

	@Test
	void createWhenPublishAheadExactlyMaxAgePlusCacheAndSkewThenAccepted() {
		KeyRotationProperties properties = new KeyRotationProperties(Duration.ofSeconds(390), Duration.ofDays(90),
				Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofMinutes(1));
		assertThat(properties.rotationPeriod()).isEqualTo(KeyRotationProperties.LONGEST_ROTATION_PERIOD);
	}

	@Test
	void humanWhenDurationsThenShortText() {
		assertThat(KeyRotationProperties.human(Duration.ofDays(30))).isEqualTo("30d");
		assertThat(KeyRotationProperties.human(Duration.ofSeconds(690))).isEqualTo("11m30s");
		assertThat(KeyRotationProperties.human(Duration.ZERO)).isEqualTo("0s");
		assertThat(KeyRotationProperties.human(Duration.ofMinutes(-1))).isEqualTo("-1m");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(KeyRotationProperties.class)
	static class Settings {

	}

}
