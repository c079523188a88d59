package dev.latchkey.auth.keys;

import java.time.Instant;

/**
 * A retired signing key left the JWKS: every token it signed has expired.
 *
 * @param kid the key id
 * @param algorithm the JWS algorithm
 * @param actor who caused it ({@code system})
 * @param at when
 */
public record SigningKeyRemoved(String kid, String algorithm, String actor, Instant at) {

}
