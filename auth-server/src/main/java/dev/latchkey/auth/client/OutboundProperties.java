package dev.latchkey.auth.client;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Calls the server makes to URLs that clients registered (key sets, back-channel logout,
 * logos): the SSRF guard's rules.
 *
 * @param requireHttps whether only {@code https} URLs are called (production; dev mode
 * allows {@code http})
 * @param allowedNetworks addresses or CIDR ranges that may be called although they are
 * loopback, private, link-local or otherwise not public (e.g. an internal relying party);
 * empty in production, loopback in dev mode
 * @param connectTimeout how long connecting may take
 * @param readTimeout how long the other side may take to answer (and between two reads)
 * @param maxResponseSize the largest response body read; a larger one fails the call
 */
@ConfigurationProperties("latchkey.outbound")
record OutboundProperties(@DefaultValue("true") boolean requireHttps, @DefaultValue List<String> allowedNetworks,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout,
		@DefaultValue("512KB") DataSize maxResponseSize) {

	OutboundProperties {
		allowedNetworks = allowedNetworks.stream().filter((network) -> !network.isBlank()).toList();
		for (String network : allowedNetworks) {
			try {
				AddressRanges.Cidr.parse(network);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("latchkey.outbound.allowed-networks: " + ex.getMessage(), ex);
			}
		}
		checkTimeout(connectTimeout);
		checkTimeout(readTimeout);
		if (maxResponseSize.toBytes() < 1024 || maxResponseSize.toMegabytes() > 10) {
			throw new IllegalArgumentException("latchkey.outbound.max-response-size must be between 1KB and 10MB");
		}
	}

	private static void checkTimeout(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("latchkey.outbound: connect-timeout and read-timeout must be positive");
		}
		if (timeout.compareTo(Duration.ofSeconds(30)) > 0) {
			throw new IllegalArgumentException("latchkey.outbound: connect-timeout and read-timeout are at most 30s");
		}
	}

}
