package dev.latchkey.auth.keys;

import java.time.Instant;

/**
 * A private signing key was decrypted into memory, so every access to secret key material
 * is on record.
 *
 * @param kid the key id
 * @param algorithm the JWS algorithm
 * @param kekId the key-encryption key that opened it
 * @param purpose why it was opened
 * @param at when
 */
public record SigningKeyUnwrapped(String kid, String algorithm, String kekId, Purpose purpose, Instant at) {

	/**
	 * Why a private key was opened.
	 */
	public enum Purpose {

		/**
		 * Loaded for signing, at startup or when a node's key cache picked up a new key.
		 */
		SIGNING,
		/**
		 * Checked at startup and, if needed, re-wrapped under the current key-encryption
		 * key.
		 */
		STARTUP_CHECK

	}

}
