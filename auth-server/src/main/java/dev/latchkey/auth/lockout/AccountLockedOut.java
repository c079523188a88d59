package dev.latchkey.auth.lockout;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An account was locked after failed sign-ins. Published in the transaction that locks
 * it, with the notice mail to its owner.
 *
 * @param accountId the account
 * @param lockedAt when the lock began
 * @param lockedUntil when it ends by itself, or {@code null} if it holds until the
 * password is reset or an operator clears it (too many consecutive failures)
 * @param lockout how many locks there were since the last successful sign-in, this one
 * included (each lasts twice as long as the one before, up to the maximum)
 * @param consecutiveFailures failures since the last successful sign-in
 */
public record AccountLockedOut(UUID accountId, Instant lockedAt, @Nullable Instant lockedUntil, int lockout,
		int consecutiveFailures) {

	/**
	 * Whether the lock holds until the password is reset or an operator clears it.
	 */
	public boolean untilReset() {
		return this.lockedUntil == null;
	}

}
