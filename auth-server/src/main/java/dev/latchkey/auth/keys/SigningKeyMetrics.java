package dev.latchkey.auth.keys;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * Per algorithm: how long the active key has been signing, and when the next key takes
 * over, so an alert can fire if rotation stalls.
 */
@Component
final class SigningKeyMetrics implements MeterBinder {

	private final SigningKeySource keys;

	private final Clock clock;

	SigningKeyMetrics(SigningKeySource keys, Clock clock) {
		this.keys = keys;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String algorithm : KeyLifecycle.ALGORITHMS) {
			Gauge.builder("latchkey.signing.key.age", this, (metrics) -> metrics.ageSeconds(algorithm))
				.description("How long the active signing key has been signing")
				.baseUnit("seconds")
				.tag("algorithm", algorithm)
				.register(registry);
			Gauge.builder("latchkey.signing.key.next.rotation", this, (metrics) -> metrics.nextRotation(algorithm))
				.description("When the next signing key takes over (Unix time)")
				.baseUnit("seconds")
				.tag("algorithm", algorithm)
				.register(registry);
		}
	}

	double ageSeconds(String algorithm) {
		return this.keys.current()
			.active(algorithm)
			.map((key) -> (double) Duration.between(key.activatesAt(), this.clock.instant()).toSeconds())
			.orElse(Double.NaN);
	}

	double nextRotation(String algorithm) {
		SigningKeySource.Snapshot snapshot = this.keys.current();
		Optional<SigningKey> pending = snapshot.pending(algorithm);
		if (pending.isPresent()) {
			return pending.get().activatesAt().getEpochSecond();
		}
		return snapshot.active(algorithm)
			.map(SigningKey::retiresAt)
			.map((retiresAt) -> (double) retiresAt.getEpochSecond())
			.orElse(Double.NaN);
	}

}
