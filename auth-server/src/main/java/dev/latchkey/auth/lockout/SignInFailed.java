package dev.latchkey.auth.lockout;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A sign-in (or the current password on the change-password form) did not succeed. For
 * the audit log; never carries the typed email or password.
 *
 * @param accountId the enabled account with the typed email, if there is one
 * @param reason why it did not succeed
 * @param clientAddress the client's address, if the attempt came over HTTP
 * @param at when
 */
public record SignInFailed(@Nullable UUID accountId, Reason reason, @Nullable String clientAddress, Instant at) {

	/**
	 * Why a sign-in did not succeed. The person sees the same page for each.
	 */
	public enum Reason {

		/**
		 * A wrong password for an account that is not locked; it counts towards a lock.
		 */
		WRONG_PASSWORD,

		/** A wrong current password on the change-password form; it counts alike. */
		WRONG_CURRENT_PASSWORD,

		/** The account was locked: the password was refused whether right or not. */
		LOCKED,

		/** No enabled account has the typed email. */
		UNKNOWN_ACCOUNT

	}

}
