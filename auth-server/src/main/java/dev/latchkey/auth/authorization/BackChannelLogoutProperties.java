package dev.latchkey.auth.authorization;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * OpenID Connect back-channel logout delivery.
 *
 * @param pollInterval how often each node looks for notices to send
 * @param timeout how long a client may take to answer one notice
 * @param firstRetryDelay the wait before the first retry; it doubles with every failure
 * @param maxRetryDelay the longest wait between two attempts
 * @param maxAttempts after how many failed attempts a notice is given up
 */
@ConfigurationProperties("latchkey.backchannel-logout")
record BackChannelLogoutProperties(@DefaultValue("2s") Duration pollInterval, @DefaultValue("5s") Duration timeout,
		@DefaultValue("10s") Duration firstRetryDelay, @DefaultValue("1h") Duration maxRetryDelay,
		@DefaultValue("12") int maxAttempts) {

	BackChannelLogoutProperties {
		if (pollInterval.isNegative() || pollInterval.isZero() || timeout.isNegative() || timeout.isZero()
				|| firstRetryDelay.isNegative() || firstRetryDelay.isZero()
				|| maxRetryDelay.compareTo(firstRetryDelay) < 0) {
			throw new IllegalArgumentException("latchkey.backchannel-logout: poll-interval, timeout and "
					+ "first-retry-delay must be positive, and max-retry-delay at least first-retry-delay");
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("latchkey.backchannel-logout.max-attempts must be at least 1");
		}
	}

}
