/**
 * Failed sign-ins and lockouts per account, and rate limits per client address, account
 * and client, all counted in PostgreSQL so that every node sees the same state.
 */
@NullMarked
package dev.latchkey.auth.lockout;

import org.jspecify.annotations.NullMarked;
