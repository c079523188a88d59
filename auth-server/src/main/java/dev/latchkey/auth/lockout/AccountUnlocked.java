package dev.latchkey.auth.lockout;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An account's lock ended.
 *
 * @param accountId the account
 * @param reason why
 * @param at when it ended (for an expired lock, the time it ran out, which may be a
 * little before the event is published)
 * @param actor who cleared it, as the operator's tool named them; {@code null} unless the
 * reason is {@link Reason#CLEARED}
 */
public record AccountUnlocked(UUID accountId, Reason reason, Instant at, @Nullable String actor) {

	AccountUnlocked(UUID accountId, Reason reason, Instant at) {
		this(accountId, reason, at, null);
	}

	/**
	 * Why a lock ended.
	 */
	public enum Reason {

		/** Its time ran out. */
		EXPIRED,

		/** The password was reset or changed. */
		PASSWORD_CHANGED,

		/** An operator cleared it. */
		CLEARED

	}

}
