package dev.latchkey.auth.lockout;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A person signed in with the right password on the sign-in form; any count of failures
 * of the account was reset. For the audit log.
 *
 * @param accountId the account
 * @param clientAddress the client's address, if known
 * @param at when
 */
public record SignInSucceeded(UUID accountId, @Nullable String clientAddress, Instant at) {
}
