package dev.latchkey.auth.lockout;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account lockout (DESIGN.md section 4): so many failures within a window lock the
 * account for a while, each further lockout for twice as long up to a limit; after too
 * many consecutive failures the lock holds until the password is reset.
 *
 * @param maxFailures failures within {@code failureWindow} that lock the account
 * @param failureWindow how long failures count towards a lock
 * @param firstDuration how long the first lock lasts
 * @param maxDuration the longest a doubled lock lasts
 * @param maxConsecutiveFailures failures without a successful sign-in in between after
 * which the account stays locked until its password is reset or an operator clears the
 * lock; NIST SP 800-63B allows at most 100
 * @param checkInterval how often each node announces locks that have ended
 */
@ConfigurationProperties("latchkey.lockout")
record LockoutProperties(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration failureWindow,
		@DefaultValue("1m") Duration firstDuration, @DefaultValue("1h") Duration maxDuration,
		@DefaultValue("100") int maxConsecutiveFailures, @DefaultValue("1m") Duration checkInterval) {

	/** NIST SP 800-63B, 5.2.2: no more than 100 consecutive failed attempts. */
	static final int NIST_MAX_CONSECUTIVE_FAILURES = 100;

	LockoutProperties {
		if (maxFailures < 1 || maxFailures > NIST_MAX_CONSECUTIVE_FAILURES) {
			throw new IllegalArgumentException("latchkey.lockout.max-failures must be 1 to "
					+ NIST_MAX_CONSECUTIVE_FAILURES + " (NIST SP 800-63B), not " + maxFailures);
		}
		if (maxConsecutiveFailures < maxFailures || maxConsecutiveFailures > NIST_MAX_CONSECUTIVE_FAILURES) {
			throw new IllegalArgumentException(
					"latchkey.lockout.max-consecutive-failures must be at least max-failures (" + maxFailures
							+ ") and at most " + NIST_MAX_CONSECUTIVE_FAILURES + " (NIST SP 800-63B), not "
							+ maxConsecutiveFailures);
		}
		Settings.requireBetween("latchkey.lockout.failure-window", failureWindow, Duration.ofMinutes(1),
				Duration.ofDays(1));
		Settings.requireBetween("latchkey.lockout.first-duration", firstDuration, Duration.ofSeconds(1),
				Duration.ofDays(1));
		Settings.requireBetween("latchkey.lockout.max-duration", maxDuration, firstDuration, Duration.ofDays(1));
		Settings.requireBetween("latchkey.lockout.check-interval", checkInterval, Duration.ofSeconds(1),
				Duration.ofHours(1));
	}

	/**
	 * How long the lock after so many earlier ones (since the last successful sign-in)
	 * lasts: the first duration, doubled for each, at most the maximum.
	 * @param earlierLockouts lockouts before this one
	 * @return the duration
	 */
	Duration lockDuration(int earlierLockouts) {
		if (earlierLockouts >= 40) {
			return this.maxDuration;
		}
		Duration doubled = this.firstDuration.multipliedBy(1L << earlierLockouts);
		return (doubled.compareTo(this.maxDuration) > 0) ? this.maxDuration : doubled;
	}

}
