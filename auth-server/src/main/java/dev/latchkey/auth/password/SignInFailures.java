package dev.latchkey.auth.password;

import java.io.IOException;
import java.time.Clock;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * What the sign-in form does when a sign-in does not succeed: too many hashes at once
 * gives the 503 page; a right but expired password leads to choosing a new one; anything
 * else shows the sign-in page with its one, deliberately vague, error.
 */
final class SignInFailures implements AuthenticationFailureHandler {

	static final String EXPIRED_PAGE = "/password/expired";

	private final AuthenticationFailureHandler otherwise = new SimpleUrlAuthenticationFailureHandler("/login?error");

	private final Clock clock;

	SignInFailures(Clock clock) {
		this.clock = clock;
	}

	@Override
	@SuppressFBWarnings(value = "UNVALIDATED_REDIRECT", justification = "The target is a fixed path of this server")
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (exception instanceof PasswordHashingBusyException) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
		}
		else if (exception instanceof PasswordExpiredException expired) {
			ExpiredPasswordChange.start(request, expired.accountId(), this.clock.instant());
			response.sendRedirect(request.getContextPath() + EXPIRED_PAGE);
		}
		else {
			this.otherwise.onAuthenticationFailure(request, response, exception);
		}
	}

}
