package dev.latchkey.auth.keys;

import java.time.Instant;

import com.nimbusds.jose.jwk.JWK;
import org.jspecify.annotations.Nullable;

/**
 * A signing key as stored: its public half as a JWK and, while it may sign, its private
 * half wrapped under a key-encryption key.
 *
 * @param kid the key id, also the JWK {@code kid}
 * @param algorithm the JWS algorithm it signs with
 * @param state where it is in its lifecycle
 * @param publicJwk the public key
 * @param privateKey the wrapped private key; only pending and active keys have one
 * @param createdAt when it was generated and published
 * @param activatesAt when it starts (or started) signing
 * @param retiresAt when it stops (or stopped) signing, once known
 * @param removesAt when it leaves (or left) the JWKS, once retired
 * @param revocation who revoked it, when and why
 */
record SigningKey(String kid, String algorithm, SigningKeyState state, JWK publicJwk, @Nullable WrappedKey privateKey,
		Instant createdAt, Instant activatesAt, @Nullable Instant retiresAt, @Nullable Instant removesAt,
		@Nullable Revocation revocation) {

	static SigningKey pending(JWK privateJwk, String algorithm, WrappedKey privateKey, Instant now,
			Instant activatesAt) {
		return new SigningKey(privateJwk.getKeyID(), algorithm, SigningKeyState.PENDING, privateJwk.toPublicJWK(),
				privateKey, now, activatesAt, null, null, null);
	}

	boolean is(SigningKeyState expected) {
		return this.state == expected;
	}

	SigningKeyDetails details() {
		return new SigningKeyDetails(this.kid, this.algorithm, this.state, this.createdAt, this.activatesAt,
				this.retiresAt, this.removesAt, (this.revocation != null) ? this.revocation.at() : null,
				(this.revocation != null) ? this.revocation.by() : null,
				(this.revocation != null) ? this.revocation.reason() : null);
	}

	/**
	 * A revocation.
	 *
	 * @param at when
	 * @param by who (an operator, or the CLI user)
	 * @param reason why
	 */
	record Revocation(Instant at, String by, String reason) {
	}

}
