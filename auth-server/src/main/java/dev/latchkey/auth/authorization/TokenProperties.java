package dev.latchkey.auth.authorization;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token lifecycle settings (DESIGN.md section 4).
 *
 * @param refreshFamilyLifetime how long a refresh token family lives from the first
 * sign-in, however often it is refreshed
 * @param refreshRetryWindow how long a retry with the immediately previous refresh token
 * gets the same successor instead of revoking the family
 * @param purgeInterval how often expired authorizations are deleted
 * @param purgeBatchSize how many rows one delete statement removes
 */
@ConfigurationProperties("latchkey.tokens")
record TokenProperties(@DefaultValue("30d") Duration refreshFamilyLifetime,
		@DefaultValue("10s") Duration refreshRetryWindow, @DefaultValue("5m") Duration purgeInterval,
		@DefaultValue("1000") int purgeBatchSize) {

	TokenProperties {
		requirePositive(refreshFamilyLifetime, "latchkey.tokens.refresh-family-lifetime");
		requirePositive(refreshRetryWindow, "latchkey.tokens.refresh-retry-window");
		requirePositive(purgeInterval, "latchkey.tokens.purge-interval");
		if (purgeBatchSize < 1) {
			throw new IllegalArgumentException("latchkey.tokens.purge-batch-size must be at least 1");
		}
	}

	private static void requirePositive(Duration value, String name) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be a positive duration, such as 10s or 30d");
		}
	}

}
