package dev.latchkey.auth.system;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Latchkey sits on the network.
 *
 * @param trustedProxies addresses or CIDR ranges of the reverse proxies / load balancers
 * in front of Latchkey; only requests from them may set {@code Forwarded} and
 * {@code X-Forwarded-*} headers (scheme, host, client address). Empty by default: no
 * forwarded header is believed.
 * @param requireHttps whether plain HTTP requests are redirected to https (true in
 * production, off in dev mode); health probes are exempt
 */
@ConfigurationProperties("latchkey.http")
public record HttpProperties(@DefaultValue List<String> trustedProxies, @DefaultValue("true") boolean requireHttps) {

	public HttpProperties {
		trustedProxies = List.copyOf(trustedProxies);
	}

}
