package dev.latchkey.auth.account;

import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

/**
 * An account's browser sessions, on every node: they live in PostgreSQL (Spring Session
 * JDBC), indexed by the principal's name, which is the account id. A disabled account's
 * sessions end at once, so a person disabled while signed in cannot go on authorizing
 * clients with the session they had.
 */
@Component
public final class AccountSessions {

	private final FindByIndexNameSessionRepository<?> sessions;

	AccountSessions(FindByIndexNameSessionRepository<?> sessions) {
		this.sessions = sessions;
	}

	/**
	 * Ends every session of the account, in the caller's transaction if there is one.
	 * @param accountId the account
	 */
	public void endAll(UUID accountId) {
		this.sessions.findByPrincipalName(accountId.toString()).keySet().forEach(this.sessions::deleteById);
	}

	@EventListener
	void end(AccountDisabled event) {
		endAll(event.accountId());
	}

}
