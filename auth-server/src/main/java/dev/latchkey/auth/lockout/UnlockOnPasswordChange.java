package dev.latchkey.auth.lockout;

import dev.latchkey.auth.password.PasswordChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A new password (by a reset link, or changed on the account page) ends the account's
 * lock and forgets its failures, in the transaction that stores the password: whoever
 * could reset it owns the mailbox, and the guesses were against the old one.
 */
@Component
final class UnlockOnPasswordChange {

	private final Lockouts lockouts;

	UnlockOnPasswordChange(Lockouts lockouts) {
		this.lockouts = lockouts;
	}

	@EventListener
	void unlock(PasswordChanged event) {
		this.lockouts.passwordChanged(event.accountId(), event.changedAt());
	}

}
