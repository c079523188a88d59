package dev.latchkey.auth.account;

/**
 * An account with this email address already exists.
 */
public final class EmailAlreadyRegisteredException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	EmailAlreadyRegisteredException() {
		super("An account with this email address already exists");
	}

}
