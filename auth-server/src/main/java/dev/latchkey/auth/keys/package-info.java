/**
 * Token signing keys: stored encrypted under the key-encryption key, served as the JWKS
 * and used by the JWT encoder.
 */
@NullMarked
package dev.latchkey.auth.keys;

import org.jspecify.annotations.NullMarked;
