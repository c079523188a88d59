package dev.latchkey.auth.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Believes {@code Forwarded} / {@code X-Forwarded-*} headers only from the configured
 * proxies, and removes them from every other request, so a client cannot claim another
 * address (rate limits) or scheme (redirect URLs, secure cookies).
 * <p>
 * The client address is the right-most address in {@code X-Forwarded-For} that is not a
 * trusted proxy: the left-most entries are whatever the client sent.
 */
final class TrustedProxyFilter extends OncePerRequestFilter {

	private final List<IpAddressMatcher> trustedProxies;

	private final ForwardedHeaderFilter extracting = new ForwardedHeaderFilter();

	private final ForwardedHeaderFilter removing = new ForwardedHeaderFilter();

	TrustedProxyFilter(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream().map(IpAddressMatcher::new).toList();
		this.removing.setRemoveOnly(true);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!isTrusted(request.getRemoteAddr())) {
			this.removing.doFilter(request, response, chain);
			return;
		}
		String clientAddress = clientAddress(request);
		this.extracting.doFilter(request, response, (forwarded, res) -> chain
			.doFilter(new ClientAddressRequest((HttpServletRequest) forwarded, clientAddress), res));
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	boolean isTrusted(String address) {
		for (IpAddressMatcher proxy : this.trustedProxies) {
			try {
				if (proxy.matches(address)) {
					return true;
				}
			}
			catch (IllegalArgumentException ex) {
				// Not an IP address: not a trusted proxy.
			}
		}
		return false;
	}

	String clientAddress(HttpServletRequest request) {
		List<String> hops = new ArrayList<>();
		for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
			for (String hop : header.split(",")) {
				if (!hop.isBlank()) {
					hops.add(hop.strip());
				}
			}
		}
		for (int i = hops.size() - 1; i >= 0; i--) {
			if (!isTrusted(hops.get(i))) {
				return hops.get(i);
			}
		}
		return hops.isEmpty() ? request.getRemoteAddr() : hops.get(0);
	}

	private static final class ClientAddressRequest extends HttpServletRequestWrapper {

		private final String clientAddress;

		ClientAddressRequest(HttpServletRequest request, String clientAddress) {
			super(request);
			this.clientAddress = clientAddress;
		}

		@Override
		public String getRemoteAddr() {
			return this.clientAddress;
		}

		@Override
		public String getRemoteHost() {
			return this.clientAddress;
		}

	}

}
