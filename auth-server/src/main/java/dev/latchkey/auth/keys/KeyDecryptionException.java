package dev.latchkey.auth.keys;

import org.jspecify.annotations.Nullable;

/**
 * A signing key cannot be decrypted with the configured key-encryption keys: a wrong or
 * missing key-encryption key, or a ciphertext that was tampered with. It never yields a
 * key.
 */
public final class KeyDecryptionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	KeyDecryptionException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
