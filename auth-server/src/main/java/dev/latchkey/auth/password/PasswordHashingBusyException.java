package dev.latchkey.auth.password;

import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * Too many password hashes are being computed at once and this one waited too long for
 * its turn. Answered with 503 and {@code Retry-After}, never counted as a failed sign-in.
 * <p>
 * It is an {@code AuthenticationServiceException} so that the sign-in filter hands it to
 * its failure handler like any other problem it cannot blame on the user.
 */
public final class PasswordHashingBusyException extends AuthenticationServiceException {

	private static final long serialVersionUID = 1L;

	PasswordHashingBusyException() {
		super("Too many password hashes at once");
	}

}
