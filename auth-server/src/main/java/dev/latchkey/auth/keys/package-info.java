/**
 * Token signing keys: their lifecycle (published ahead, active, retired until every token
 * they signed has expired, removed; or revoked at once), encryption at rest under
 * rotatable key-encryption keys, the JWKS with HTTP caching, the JWT encoder, and the
 * {@code admin keys} commands.
 */
@NullMarked
package dev.latchkey.auth.keys;

import org.jspecify.annotations.NullMarked;
