package dev.latchkey.auth.password;

import dev.latchkey.auth.account.AccountSessions;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Ends every session of an account whose password changed, on every node.
 */
@Component
final class RevokeSessionsOnPasswordChange {

	private final AccountSessions sessions;

	RevokeSessionsOnPasswordChange(AccountSessions sessions) {
		this.sessions = sessions;
	}

	@EventListener
	void revoke(PasswordChanged event) {
		this.sessions.endAll(event.accountId());
	}

}
