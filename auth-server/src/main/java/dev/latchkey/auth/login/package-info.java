/**
 * The user-facing filter chain: sign-in and sign-out pages, error pages and security
 * headers.
 */
@NullMarked
package dev.latchkey.auth.login;

import org.jspecify.annotations.NullMarked;
