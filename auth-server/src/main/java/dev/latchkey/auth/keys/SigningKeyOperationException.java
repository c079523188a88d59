package dev.latchkey.auth.keys;

/**
 * An operator's request on the signing keys cannot be carried out (unknown key, already
 * revoked, missing reason); the message says why and is safe to show.
 */
public final class SigningKeyOperationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	SigningKeyOperationException(String message) {
		super(message);
	}

}
