package dev.latchkey.auth.authorization;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Prometheus counters of the protocol: access tokens issued per grant type, and refresh
 * token reuse detections (a stolen or replayed token). No client or user appears in a
 * tag.
 */
@Component
final class TokenMetrics {

	private final MeterRegistry registry;

	private final Counter reuseDetections;

	TokenMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.reuseDetections = Counter.builder("latchkey.refresh.reuse.detected")
			.description("Spent refresh tokens presented again (their family was revoked)")
			.register(registry);
	}

	void accessTokenIssued(String grantType) {
		Counter.builder("latchkey.tokens.issued")
			.description("Access tokens issued, by grant type")
			.tag("grant", grantType)
			.register(this.registry)
			.increment();
	}

	@EventListener
	void on(RefreshTokenReuseDetected event) {
		this.reuseDetections.increment();
	}

}
