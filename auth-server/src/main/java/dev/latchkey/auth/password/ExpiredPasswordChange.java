package dev.latchkey.auth.password;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Kept in the session of someone who just gave the right but expired password, so they
 * can choose a new one without typing the old one again. It is no sign-in: it allows only
 * the change, and only for a few minutes.
 *
 * @param accountId the account whose password expired
 * @param provenAt when the expired password was given
 */
record ExpiredPasswordChange(UUID accountId, Instant provenAt) implements Serializable {

	static final Duration VALIDITY = Duration.ofMinutes(10);

	private static final String ATTRIBUTE = ExpiredPasswordChange.class.getName();

	@SuppressFBWarnings(value = "RV_RETURN_VALUE_IGNORED_NO_SIDE_EFFECT",
			justification = "Called for their effect: getSession() creates the session, changeSessionId() renews its id")
	static void start(HttpServletRequest request, UUID accountId, Instant now) {
		request.getSession();
		// A new session id, so a session id planted before the sign-in cannot be used.
		request.changeSessionId();
		request.getSession().setAttribute(ATTRIBUTE, new ExpiredPasswordChange(accountId, now));
	}

	static Optional<ExpiredPasswordChange> current(HttpServletRequest request, Instant now) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof ExpiredPasswordChange change)) {
			return Optional.empty();
		}
		if (change.provenAt().plus(VALIDITY).isBefore(now)) {
			session.removeAttribute(ATTRIBUTE);
			return Optional.empty();
		}
		return Optional.of(change);
	}

	static void finish(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(ATTRIBUTE);
		}
	}

}
