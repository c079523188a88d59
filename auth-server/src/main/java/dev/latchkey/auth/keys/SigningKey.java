package dev.latchkey.auth.keys;

import java.time.Instant;

import com.nimbusds.jose.jwk.JWK;
import org.jspecify.annotations.Nullable;

/**
 * A signing key as stored: its public half as a JWK and its private half encrypted.
 *
 * @param kid the key id, also the JWK {@code kid}
 * @param algorithm the JWS algorithm it signs with
 * @param state where it is in its lifecycle
 * @param publicJwk the public key
 * @param privateKeyEncrypted the full JWK, AES-GCM encrypted under the KEK
 * @param createdAt when it was generated
 * @param activatesAt when it starts (or started) signing
 * @param retiresAt when it stops signing, if known
 */
record SigningKey(String kid, String algorithm, State state, JWK publicJwk, byte[] privateKeyEncrypted,
		Instant createdAt, Instant activatesAt, @Nullable Instant retiresAt) {

	enum State {

		/** Published in the JWKS, not yet signing. */
		PENDING,
		/** Signing. */
		ACTIVE,
		/** Published so tokens it signed still verify; no longer signing. */
		RETIRED,
		/** Removed from the JWKS at once after a compromise. */
		REVOKED

	}

}
