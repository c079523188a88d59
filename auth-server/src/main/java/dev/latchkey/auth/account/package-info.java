/**
 * End-user accounts, their roles, and the bridge to Spring Security's user details and
 * OpenID Connect claims.
 */
@NullMarked
package dev.latchkey.auth.account;

import org.jspecify.annotations.NullMarked;
