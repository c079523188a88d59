package dev.latchkey.auth.keys;

import java.time.Instant;

/**
 * What an operator's rotation did for one algorithm.
 *
 * @param algorithm the JWS algorithm
 * @param kid the key that signs next
 * @param activatesAt when it signs (or started signing)
 * @param outcome what happened
 */
public record KeyRotationResult(String algorithm, String kid, Instant activatesAt, Outcome outcome) {

	/**
	 * What a rotation did.
	 */
	public enum Outcome {

		/**
		 * A new key was published; it signs once it has been published for publish-ahead.
		 */
		PUBLISHED,
		/** A key was already published and waiting; nothing changed. */
		ALREADY_PUBLISHED,
		/** Forced: the next key signs now. */
		ACTIVATED

	}

}
