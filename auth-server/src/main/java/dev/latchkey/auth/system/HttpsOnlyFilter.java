package dev.latchkey.auth.system;

import java.io.IOException;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * In production, answers every plain-HTTP request with a permanent redirect to the same
 * URL over https (308 keeps the method). Health probes stay reachable over HTTP.
 */
final class HttpsOnlyFilter extends OncePerRequestFilter {

	@Override
	@SuppressFBWarnings(value = "UNVALIDATED_REDIRECT",
			justification = "The target is the request's own URL with https; a forged Host header sends only "
					+ "the client that forged it elsewhere. CAUTION: a shared cache in front must not cache the 308")
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.isSecure() || request.getRequestURI().startsWith("/actuator/health")) {
			chain.doFilter(request, response);
			return;
		}
		String target = UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
			.scheme("https")
			.port((request.getServerPort() == 80) ? -1 : request.getServerPort())
			.query(request.getQueryString())
			.build(true)
			.toUriString();
		response.setStatus(HttpStatus.PERMANENT_REDIRECT.value());
		response.setHeader("Location", target);
	}

}
