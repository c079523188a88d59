package dev.latchkey.auth.admin;

import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Account lockouts as operators see them. The lockout feature is not part of this build
 * yet, so nothing is ever locked and unlocking is not offered.
 */
@Component
final class AccountLocks {

	boolean available() {
		return false;
	}

	boolean isLocked(UUID account) {
		return false;
	}

	void unlock(UUID account, Operator operator) {
		throw AdminRequestException.of("unlock", "admin.users.unlock.unavailable");
	}

}
