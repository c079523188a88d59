package dev.latchkey.auth.authorization;

import java.time.Instant;

import dev.latchkey.auth.account.AccountSummary;

/**
 * A check every refresh runs on the user before it issues new tokens, for features that
 * can stop an account from using its tokens: the lockout feature answers {@code false}
 * while an account is locked. Any number of beans may implement it; a refresh needs all
 * of them to agree, and with none, only the account's own state counts (it must exist and
 * be enabled).
 */
@FunctionalInterface
public interface AccountStatusCheck {

	/**
	 * Whether the account may get new tokens now.
	 * @param account the account, which exists and is enabled
	 * @param now the current time, from the application's clock
	 * @return {@code false} to refuse the refresh with {@code invalid_grant}
	 */
	boolean allowsTokens(AccountSummary account, Instant now);

}
