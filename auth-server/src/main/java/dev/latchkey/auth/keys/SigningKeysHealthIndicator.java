package dev.latchkey.auth.keys;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: a node that cannot open an active signing key (wrong or missing
 * key-encryption key, tampered row) cannot sign tokens and must not get traffic.
 */
@Component
final class SigningKeysHealthIndicator extends AbstractHealthIndicator {

	private final SigningKeySource source;

	SigningKeysHealthIndicator(SigningKeySource source) {
		super("Signing keys health check failed");
		this.source = source;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		SigningKeySource.Snapshot snapshot = this.source.current();
		boolean signsEveryAlgorithm = KeyLifecycle.ALGORITHMS.stream()
			.allMatch((algorithm) -> snapshot.active(algorithm).isPresent());
		if (!snapshot.failures().isEmpty() || !signsEveryAlgorithm) {
			builder.down().withDetail("unopened", snapshot.failures().size());
			return;
		}
		builder.up();
	}

}
