package dev.latchkey.auth.keys;

import java.time.Instant;

/**
 * A signing key stopped signing; it stays in the JWKS until every token it signed has
 * expired, and its private half was destroyed.
 *
 * @param kid the key id
 * @param algorithm the JWS algorithm
 * @param removesAt when it leaves the JWKS
 * @param actor who caused it: {@code system} for scheduled rotation, else the operator
 * @param at when
 */
public record SigningKeyRetired(String kid, String algorithm, Instant removesAt, String actor, Instant at) {

}
