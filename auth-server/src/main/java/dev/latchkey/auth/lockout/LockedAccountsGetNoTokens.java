package dev.latchkey.auth.lockout;

import java.time.Instant;

import dev.latchkey.auth.account.AccountSummary;
import dev.latchkey.auth.authorization.AccountStatusCheck;

import org.springframework.stereotype.Component;

/**
 * A locked account cannot refresh its tokens (DESIGN.md section 4: each refresh re-checks
 * that the user is not locked).
 */
@Component
final class LockedAccountsGetNoTokens implements AccountStatusCheck {

	private final JdbcLockouts rows;

	LockedAccountsGetNoTokens(JdbcLockouts rows) {
		this.rows = rows;
	}

	@Override
	public boolean allowsTokens(AccountSummary account, Instant now) {
		return !this.rows.isLocked(account.id(), now);
	}

}
