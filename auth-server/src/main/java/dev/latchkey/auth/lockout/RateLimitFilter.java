package dev.latchkey.auth.lockout;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The rate limits, before a request reaches the security filter chains: sign-in and reset
 * requests per client address and per (typed email, address), token requests per address
 * and per (client, address), and failed client authentications per client. Over a limit,
 * the answer is 429 with {@code Retry-After}: the error page for the sign-in and reset
 * forms, an OAuth error for the protocol endpoints.
 * <p>
 * The client address is {@code getRemoteAddr()}, which the trusted-proxy filter has
 * already set from {@code X-Forwarded-For} when, and only when, the request came through
 * a configured proxy.
 */
final class RateLimitFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(RateLimitFilter.class);

	/** Read by the login feature's error page (how long to wait). */
	static final String RETRY_AFTER_ATTRIBUTE = "latchkey.retry-after";

	static final String SIGN_IN = "/login";

	static final String FORGOT_PASSWORD = "/forgot-password";

	static final String TOKEN = "/oauth2/token";

	private static final String INTROSPECT = "/oauth2/introspect";

	private static final String REVOKE = "/oauth2/revoke";

	/**
	 * {@code slow_down} is the one registered OAuth error code for "too many requests"
	 * (RFC 8628, token error responses); {@code invalid_request} would tell the client
	 * its request is malformed, which it is not.
	 */
	static final String SLOW_DOWN = "slow_down";

	private final RateLimits limits;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RateLimitFilter(RateLimits limits, ApplicationEventPublisher events, Clock clock) {
		this.limits = limits;
		this.events = events;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !this.limits.enabled();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String address = request.getRemoteAddr();
		Instant now = this.clock.instant();
		Optional<Refusal> refusal = switch (path) {
			case SIGN_IN -> signIn(request, address, now);
			case FORGOT_PASSWORD -> forgotPassword(request, address, now);
			case TOKEN -> token(request, address, now);
			case INTROSPECT, REVOKE -> clientFailures(clientId(request), now);
			default -> Optional.empty();
		};
		if (refusal.isPresent()) {
			refuse(request, response, path, address, now, refusal.get());
			return;
		}
		chain.doFilter(request, response);
		if (isClientEndpoint(path) && response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
			// The client's authentication failed (invalid_client).
			countClientFailure(request);
		}
	}

	/**
	 * Counts a failed client authentication after its answer was written: if the database
	 * went away meanwhile, the failure goes uncounted rather than turning the answer into
	 * an error (nothing can be counted while the database is away anyway).
	 */
	private void countClientFailure(HttpServletRequest request) {
		try {
			this.limits.count(RateLimit.CLIENT_AUTHENTICATION_FAILURES, this.clock.instant(), clientKey(request));
		}
		catch (DataAccessException ex) {
			logger.warn("A failed client authentication was not counted: {}", ex.getClass().getSimpleName());
		}
	}

	/**
	 * Failed sign-ins are counted by the sign-in itself (a successful one does not
	 * count); here a full bucket stops the next attempt before its password is hashed.
	 */
	private Optional<Refusal> signIn(HttpServletRequest request, String address, Instant now) {
		String email = GuardedSignIn.normalized(parameter(request, "email"));
		return first(full(RateLimit.SIGN_IN_PER_ADDRESS, now, address),
				full(RateLimit.SIGN_IN_PER_ACCOUNT_AND_ADDRESS, now, email, address));
	}

	private Optional<Refusal> forgotPassword(HttpServletRequest request, String address, Instant now) {
		String email = GuardedSignIn.normalized(parameter(request, "email"));
		Optional<Refusal> perAddress = admit(RateLimit.FORGOT_PASSWORD_PER_ADDRESS, now, address);
		return perAddress.isPresent() ? perAddress
				: admit(RateLimit.FORGOT_PASSWORD_PER_ACCOUNT_AND_ADDRESS, now, email, address);
	}

	private Optional<Refusal> token(HttpServletRequest request, String address, Instant now) {
		String clientId = clientId(request);
		Optional<Refusal> failures = clientFailures(clientId, now);
		if (failures.isPresent()) {
			return failures;
		}
		Optional<Refusal> perAddress = admit(RateLimit.TOKEN_PER_ADDRESS, now, address);
		return perAddress.isPresent() ? perAddress
				: admit(RateLimit.TOKEN_PER_CLIENT_AND_ADDRESS, now, keyOf(clientId), address);
	}

	private Optional<Refusal> clientFailures(@Nullable String clientId, Instant now) {
		return full(RateLimit.CLIENT_AUTHENTICATION_FAILURES, now, keyOf(clientId));
	}

	private Optional<Refusal> full(RateLimit limit, Instant now, String... parts) {
		return this.limits.fullUntil(limit, now, parts).map((until) -> new Refusal(limit, until));
	}

	private Optional<Refusal> admit(RateLimit limit, Instant now, String... parts) {
		return this.limits.admit(limit, now, parts).map((until) -> new Refusal(limit, until));
	}

	@SafeVarargs
	private static Optional<Refusal> first(Optional<Refusal>... refusals) {
		for (Optional<Refusal> refusal : refusals) {
			if (refusal.isPresent()) {
				return refusal;
			}
		}
		return Optional.empty();
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, String path, String address,
			Instant now, Refusal refusal) throws IOException {
		long seconds = RateLimits.secondsUntil(refusal.until(), now);
		this.events.publishEvent(new RateLimitExceeded(refusal.limit().tag(), address, now, refusal.until()));
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		if (isClientEndpoint(path)) {
			writeOAuthError(response, seconds);
			return;
		}
		request.setAttribute(RETRY_AFTER_ATTRIBUTE, seconds);
		response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
	}

	/**
	 * The OAuth error body of a refused protocol request (RFC 6749 section 5.2).
	 */
	@SuppressFBWarnings(value = "XSS_SERVLET",
			justification = "JSON of constants and a number of seconds; nothing from the request is written")
	private static void writeOAuthError(HttpServletResponse response, long seconds) throws IOException {
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader(HttpHeaders.PRAGMA, "no-cache");
		response.getWriter()
			.write("{\"error\":\"" + SLOW_DOWN + "\",\"error_description\":\"Too many requests; try again in " + seconds
					+ " seconds\"}");
	}

	private static boolean isClientEndpoint(String path) {
		return path.equals(TOKEN) || path.equals(INTROSPECT) || path.equals(REVOKE);
	}

	private static String parameter(HttpServletRequest request, String name) {
		String value = request.getParameter(name);
		return (value != null) ? value : "";
	}

	private static String clientKey(HttpServletRequest request) {
		return keyOf(clientId(request));
	}

	private static String keyOf(@Nullable String clientId) {
		return (clientId != null) ? clientId : "";
	}

	/**
	 * The client id a protocol request authenticates with: from HTTP Basic
	 * ({@code client_secret_basic}, form-encoded as RFC 6749 section 2.3.1 says) or the
	 * {@code client_id} parameter; {@code null} if there is none or it cannot be read.
	 */
	static @Nullable String clientId(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
						StandardCharsets.UTF_8);
				int colon = credentials.indexOf(':');
				return (colon > 0) ? URLDecoder.decode(credentials.substring(0, colon), StandardCharsets.UTF_8) : null;
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
		return request.getParameter("client_id");
	}

	/**
	 * A request over a limit, and when the limit's window ends.
	 */
	private record Refusal(RateLimit limit, Instant until) {
	}

}
