package dev.latchkey.auth.password;

import org.springframework.context.event.EventListener;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Ends every session of an account whose password changed, on every node: the sessions
 * live in PostgreSQL (Spring Session JDBC), indexed by the principal's name, which is the
 * account id.
 */
@Component
final class RevokeSessionsOnPasswordChange {

	private final FindByIndexNameSessionRepository<?> sessions;

	RevokeSessionsOnPasswordChange(FindByIndexNameSessionRepository<?> sessions) {
		this.sessions = sessions;
	}

	@EventListener
	void revoke(PasswordChanged event) {
		this.sessions.findByPrincipalName(event.accountId().toString()).keySet().forEach(this.sessions::deleteById);
	}

}
