package dev.latchkey.auth.keys;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A signing key as operators see it: no key material, only its identity, state and dates.
 *
 * @param kid the key id (the JWK and JWT header {@code kid})
 * @param algorithm the JWS algorithm
 * @param state its lifecycle state
 * @param publishedAt when it entered the JWKS
 * @param activatesAt when it starts (or started) signing
 * @param retiresAt when it stops (or stopped) signing, once known
 * @param removesAt when it leaves (or left) the JWKS, once retired
 * @param revokedAt when it was revoked, if it was
 * @param revokedBy who revoked it
 * @param revokeReason why
 */
public record SigningKeyDetails(String kid, String algorithm, SigningKeyState state, Instant publishedAt,
		Instant activatesAt, @Nullable Instant retiresAt, @Nullable Instant removesAt, @Nullable Instant revokedAt,
		@Nullable String revokedBy, @Nullable String revokeReason) {

}
