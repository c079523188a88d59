/**
 * Which access tokens the API accepts: Latchkey's {@code at+jwt} tokens, signed with a
 * key from the issuer's JWKS, for this API's audience, within their lifetime; each
 * verified once per instance.
 */
@NullMarked
package dev.latchkey.resource.token;

import org.jspecify.annotations.NullMarked;
