package dev.latchkey.auth.lockout;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Announces locks that ran out ({@link AccountUnlocked}, once, on whichever node claims
 * it first) and deletes rate-limit counters whose window has passed, so their table stays
 * as small as the traffic of one window.
 */
@Component
final class LockoutSchedule {

	private static final Logger logger = LoggerFactory.getLogger(LockoutSchedule.class);

	private final Lockouts lockouts;

	private final RateLimits rateLimits;

	private final Clock clock;

	LockoutSchedule(Lockouts lockouts, RateLimits rateLimits, Clock clock) {
		this.lockouts = lockouts;
		this.rateLimits = rateLimits;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${latchkey.lockout.check-interval:1m}",
			fixedDelayString = "${latchkey.lockout.check-interval:1m}")
	void announceEndedLocks() {
		try {
			this.lockouts.announceEnded(this.clock.instant());
		}
		catch (RuntimeException ex) {
			// The next run tries again: ended locks stay marked until announced.
			logger.warn("Announcing ended lockouts failed", ex);
		}
	}

	@Scheduled(initialDelayString = "${latchkey.rate-limits.purge-interval:1m}",
			fixedDelayString = "${latchkey.rate-limits.purge-interval:1m}")
	void purgeRateLimitCounters() {
		try {
			int deleted = this.rateLimits.purge(this.clock.instant());
			if (deleted > 0) {
				logger.debug("Deleted {} rate-limit counters whose window had passed", deleted);
			}
		}
		catch (RuntimeException ex) {
			// The next run tries again; old counters count nothing meanwhile.
			logger.warn("Purging rate-limit counters failed", ex);
		}
	}

}
