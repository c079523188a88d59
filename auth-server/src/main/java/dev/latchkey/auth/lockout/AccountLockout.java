package dev.latchkey.auth.lockout;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What the lockout feature knows about an account with failed sign-ins: for operators.
 *
 * @param accountId the account
 * @param email its email address
 * @param failures failures in the current window
 * @param consecutiveFailures failures since the last successful sign-in
 * @param lockouts locks since the last successful sign-in
 * @param refusedWhileLocked attempts refused during those locks (not counted as failures)
 * @param lockedAt when the latest lock began, if there was one
 * @param lockedUntil when the latest timed lock ends (or ended)
 * @param untilReset whether the account is locked until its password is reset
 * @param locked whether the account is locked now
 */
public record AccountLockout(UUID accountId, String email, int failures, int consecutiveFailures, int lockouts,
		int refusedWhileLocked, @Nullable Instant lockedAt, @Nullable Instant lockedUntil, boolean untilReset,
		boolean locked) {
}
