package dev.latchkey.auth.keys;

import java.time.Instant;

/**
 * A new signing key entered the JWKS; it signs from {@code activatesAt}.
 *
 * @param kid the key id
 * @param algorithm the JWS algorithm
 * @param activatesAt when it is planned to start signing
 * @param actor who caused it: {@code system} for scheduled rotation, else the operator
 * @param at when
 */
public record SigningKeyPublished(String kid, String algorithm, Instant activatesAt, String actor, Instant at) {

}
