package dev.latchkey.auth.admin;

import java.util.Optional;
import java.util.UUID;

import dev.latchkey.auth.admin.AdminActions.Target;
import dev.latchkey.auth.audit.AuditActor;
import dev.latchkey.auth.lockout.AccountLockout;
import dev.latchkey.auth.lockout.Lockouts;

import org.springframework.stereotype.Component;

/**
 * Account lockouts as operators see them, through the lockout feature's API: whether an
 * account is locked, and clearing a lock (audited as an admin action; the lockout feature
 * publishes the unlock itself).
 */
@Component
final class AccountLocks {

	private final Lockouts lockouts;

	private final AdminActions actions;

	AccountLocks(Lockouts lockouts, AdminActions actions) {
		this.lockouts = lockouts;
		this.actions = actions;
	}

	boolean available() {
		return true;
	}

	boolean isLocked(UUID account) {
		return this.lockouts.isLocked(account);
	}

	Optional<AccountLockout> find(UUID account) {
		return this.lockouts.find(account);
	}

	/**
	 * Clears the account's lock and failures.
	 * @return whether it was locked
	 */
	boolean unlock(UUID account, Operator operator) {
		return this.actions.perform(operator, "admin.user.unlocked",
				() -> this.lockouts.clear(account, operator.actor()),
				(wasLocked) -> new Target(AuditActor.account(account),
						java.util.Map.of("wasLocked", wasLocked.toString())));
	}

}
