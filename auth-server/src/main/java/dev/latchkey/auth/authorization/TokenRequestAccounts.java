package dev.latchkey.auth.authorization;

import java.util.Optional;

import dev.latchkey.auth.account.AccountSummary;
import dev.latchkey.auth.account.Accounts;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The accounts a token request needs, each read once per HTTP request: a refresh checks
 * the account, then puts its roles into the access token and its claims into the ID
 * token, and all three see the same row (one query instead of three). Outside a request
 * (the admin command line, tests calling beans directly) every call reads the database.
 */
@Component
final class TokenRequestAccounts {

	private static final String ATTRIBUTE_PREFIX = TokenRequestAccounts.class.getName() + ".";

	private final Accounts accounts;

	TokenRequestAccounts(Accounts accounts) {
		this.accounts = accounts;
	}

	Optional<AccountSummary> findBySubject(String subject) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) {
			return this.accounts.findBySubject(subject);
		}
		String attribute = ATTRIBUTE_PREFIX + subject;
		@SuppressWarnings("unchecked")
		Optional<AccountSummary> read = (Optional<AccountSummary>) request.getAttribute(attribute,
				RequestAttributes.SCOPE_REQUEST);
		if (read == null) {
			read = this.accounts.findBySubject(subject);
			request.setAttribute(attribute, read, RequestAttributes.SCOPE_REQUEST);
		}
		return read;
	}

}
