package dev.latchkey.auth.keys;

/**
 * A signing key cannot be decrypted with the configured key-encryption key.
 */
public final class KeyDecryptionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	KeyDecryptionException(String message, Throwable cause) {
		super(message, cause);
	}

}
