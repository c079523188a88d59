package dev.latchkey.auth.authorization;

import dev.latchkey.auth.password.PasswordChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Revokes every authorization (and so every refresh token family) of an account whose
 * password changed, in the transaction that changed it.
 */
@Component
final class RevokeTokensOnPasswordChange {

	private final JdbcAuthorizationStore store;

	RevokeTokensOnPasswordChange(JdbcAuthorizationStore store) {
		this.store = store;
	}

	@EventListener
	void revoke(PasswordChanged event) {
		this.store.revokeAllForPrincipal(event.accountId().toString());
	}

}
