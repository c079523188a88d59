package dev.latchkey.auth.keys;

import java.time.Instant;

/**
 * An operator revoked a signing key: it left the JWKS at once and its private half was
 * destroyed, so tokens it signed stop verifying once resource servers refresh the JWKS.
 *
 * @param kid the key id
 * @param algorithm the JWS algorithm
 * @param previousState the state it was revoked in
 * @param actor who revoked it
 * @param reason why
 * @param at when
 */
public record SigningKeyRevoked(String kid, String algorithm, SigningKeyState previousState, String actor,
		String reason, Instant at) {

}
