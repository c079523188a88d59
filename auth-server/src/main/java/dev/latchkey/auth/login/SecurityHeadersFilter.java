package dev.latchkey.auth.login;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security headers of DESIGN.md section 4 on every response, pages, APIs and errors
 * alike, with a fresh CSP nonce per response. A template that needs a script uses
 * {@code th:attr="nonce=${cspNonce}"}; nothing inline runs without it.
 * <p>
 * Spring Security adds {@code X-Content-Type-Options}, {@code X-Frame-Options},
 * {@code Cache-Control} and HSTS (on secure requests) in both filter chains.
 */
final class SecurityHeadersFilter extends OncePerRequestFilter {

	static final String NONCE_ATTRIBUTE = "cspNonce";

	static final String PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
			+ "magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

	private static final SecureRandom RANDOM = new SecureRandom();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String nonce = nonce();
		request.setAttribute(NONCE_ATTRIBUTE, nonce);
		response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'nonce-" + nonce
				+ "'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
		response.setHeader("Referrer-Policy", isResetPage(request) ? "no-referrer" : "strict-origin-when-cross-origin");
		response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		chain.doFilter(request, response);
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return true;
	}

	private static boolean isResetPage(HttpServletRequest request) {
		String path = request.getRequestURI();
		return path.startsWith("/reset") || path.startsWith("/forgot-password");
	}

	private static String nonce() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}
