package dev.latchkey.auth.admin;

/**
 * A backup cannot be read or restored; the message says why, in words for an operator.
 */
public final class BackupException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	BackupException(String message) {
		super(message);
	}

}
