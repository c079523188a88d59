package dev.latchkey.auth.password;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The password policy (DESIGN.md section 4) and the bound on concurrent hashing.
 *
 * @param minLength the fewest code points a password may have
 * @param maxLength the most code points a password may have; longer ones are refused,
 * never truncated
 * @param requireComposition whether a password needs an upper-case and a lower-case
 * letter, a digit and a symbol
 * @param history how many of the latest passwords (the current one included) cannot be
 * used again; 0 turns the check off
 * @param expiryEnabled whether passwords expire
 * @param expiryPeriod how long a password lasts when expiry is on
 * @param hashing the bound on Argon2id hashes computed at once
 */
@ConfigurationProperties("latchkey.password")
record PasswordProperties(@DefaultValue("12") int minLength, @DefaultValue("128") int maxLength,
		@DefaultValue("true") boolean requireComposition, @DefaultValue("5") int history,
		@DefaultValue("false") boolean expiryEnabled, @DefaultValue("90d") Duration expiryPeriod,
		@DefaultValue Hashing hashing) {

	/**
	 * The longest password any setting may allow, so a form cannot make us hash
	 * megabytes.
	 */
	static final int LONGEST_ALLOWED = 1024;

	PasswordProperties {
		if (minLength < 8 || minLength > maxLength) {
			throw new IllegalArgumentException(
					"latchkey.password.min-length must be at least 8 and at most max-length, not " + minLength);
		}
		if (maxLength > LONGEST_ALLOWED) {
			throw new IllegalArgumentException(
					"latchkey.password.max-length must be at most " + LONGEST_ALLOWED + ", not " + maxLength);
		}
		if (history < 0 || history > 24) {
			throw new IllegalArgumentException("latchkey.password.history must be 0 to 24, not " + history);
		}
		if (expiryPeriod.isNegative() || expiryPeriod.isZero()) {
			throw new IllegalArgumentException("latchkey.password.expiry-period must be positive");
		}
	}

	/**
	 * How many Argon2id hashes may be computed at once, and how long a request waits for
	 * its turn before it gets a 503 answer.
	 *
	 * @param maxConcurrent the most hashes at once; 0 sizes it to the cores and the heap
	 * @param maxWait how long a request waits for its turn
	 */
	record Hashing(@DefaultValue("0") int maxConcurrent, @DefaultValue("2s") Duration maxWait) {

		Hashing {
			if (maxConcurrent < 0) {
				throw new IllegalArgumentException(
						"latchkey.password.hashing.max-concurrent must be 0 (automatic) or more, not " + maxConcurrent);
			}
			if (maxWait.isNegative()) {
				throw new IllegalArgumentException("latchkey.password.hashing.max-wait must not be negative");
			}
		}

	}

}
