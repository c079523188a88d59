package dev.latchkey.auth.authorization;

import dev.latchkey.auth.password.PasswordChanged;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.stereotype.Component;

/**
 * Revokes every authorization (and so every refresh token) of an account whose password
 * changed, in the transaction that changed it.
 */
@Component
final class RevokeTokensOnPasswordChange {

	private final JdbcOperations jdbc;

	RevokeTokensOnPasswordChange(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void revoke(PasswordChanged event) {
		this.jdbc.update("DELETE FROM oauth2_authorization WHERE principal_name = ?", event.accountId().toString());
	}

}
