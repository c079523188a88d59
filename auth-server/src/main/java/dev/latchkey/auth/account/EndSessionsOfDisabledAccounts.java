package dev.latchkey.auth.account;

import org.springframework.context.event.EventListener;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Ends every session of a disabled account, on every node (the sessions live in
 * PostgreSQL, indexed by the principal's name, which is the account id): a person who is
 * disabled while signed in cannot go on authorizing clients with the session they had.
 * Their refresh tokens are refused at their next use.
 */
@Component
final class EndSessionsOfDisabledAccounts {

	private final FindByIndexNameSessionRepository<?> sessions;

	EndSessionsOfDisabledAccounts(FindByIndexNameSessionRepository<?> sessions) {
		this.sessions = sessions;
	}

	@EventListener
	void end(AccountDisabled event) {
		this.sessions.findByPrincipalName(event.accountId().toString()).keySet().forEach(this.sessions::deleteById);
	}

}
