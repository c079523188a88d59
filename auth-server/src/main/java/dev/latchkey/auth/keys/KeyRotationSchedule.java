package dev.latchkey.auth.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every node checks for due rotations every {@code latchkey.keys.check-interval}; the one
 * that gets the lock applies them, the others find nothing left to do. Servers only: the
 * command line does not rotate on a timer.
 */
@Component
@ConditionalOnWebApplication
class KeyRotationSchedule {

	private static final Logger logger = LoggerFactory.getLogger(KeyRotationSchedule.class);

	private final KeyLifecycle lifecycle;

	KeyRotationSchedule(KeyLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	@Scheduled(fixedDelayString = "${latchkey.keys.check-interval:1m}",
			initialDelayString = "${latchkey.keys.check-interval:1m}")
	void rotateWhenDue() {
		try {
			this.lifecycle.advanceIfDue();
		}
		catch (RuntimeException ex) {
			// The next run tries again; the keys in use stay valid meanwhile.
			logger.error("Signing key rotation check failed: {}", ex.getMessage(), ex);
		}
	}

}
