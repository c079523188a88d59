/**
 * The OAuth 2.1 / OpenID Connect protocol filter chain, token contents, the authorization
 * and consent stores, and the consent page.
 */
@NullMarked
package dev.latchkey.auth.authorization;

import org.jspecify.annotations.NullMarked;
