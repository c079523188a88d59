package dev.latchkey.auth.password;

import java.util.UUID;

import org.springframework.security.authentication.CredentialsExpiredException;

/**
 * The password was right but has expired: the account must choose a new one before it may
 * sign in. Thrown only after the password was verified.
 */
final class PasswordExpiredException extends CredentialsExpiredException {

	private static final long serialVersionUID = 1L;

	private final UUID accountId;

	PasswordExpiredException(UUID accountId) {
		super("Password expired");
		this.accountId = accountId;
	}

	UUID accountId() {
		return this.accountId;
	}

}
