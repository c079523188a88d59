package dev.latchkey.auth.authorization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses any request with a parameter longer than any legitimate one, before it reaches
 * the protocol code: an OAuth error body for API endpoints, the error page for browsers.
 */
final class ParameterSizeLimit extends OncePerRequestFilter {

	/** Longer than any URI, state, code, token or ID token hint we issue or accept. */
	static final int MAX_PARAMETER_LENGTH = 8 * 1024;

	private static final String ERROR_BODY = "{\"error\":\"invalid_request\",\"error_description\":"
			+ "\"A request parameter is too long\"}";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!hasOversizedParameter(request)) {
			chain.doFilter(request, response);
			return;
		}
		if (isApiRequest(request)) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setHeader("Cache-Control", "no-store");
			response.getOutputStream().write(ERROR_BODY.getBytes(StandardCharsets.UTF_8));
			return;
		}
		request.setAttribute(AuthorizationErrorPage.ERROR_ATTRIBUTE, "invalid_request");
		response.sendError(HttpStatus.BAD_REQUEST.value());
	}

	private static boolean hasOversizedParameter(HttpServletRequest request) {
		for (String[] values : request.getParameterMap().values()) {
			for (String value : values) {
				if (value.length() > MAX_PARAMETER_LENGTH) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean isApiRequest(HttpServletRequest request) {
		String path = request.getRequestURI();
		return path.startsWith("/oauth2/") && !path.startsWith("/oauth2/authorize")
				&& !path.startsWith("/oauth2/consent") || path.startsWith("/userinfo");
	}

}
