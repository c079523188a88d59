package dev.latchkey.auth.keys;

import java.time.Instant;

/**
 * A signing key started signing.
 *
 * @param kid the key id
 * @param algorithm the JWS algorithm
 * @param publishedAt when it entered the JWKS
 * @param retiresAt when it is planned to stop signing
 * @param actor who caused it: {@code system} for scheduled rotation, else the operator
 * @param at when
 */
public record SigningKeyActivated(String kid, String algorithm, Instant publishedAt, Instant retiresAt, String actor,
		Instant at) {

}
