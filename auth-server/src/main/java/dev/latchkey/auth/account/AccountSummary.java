package dev.latchkey.auth.account;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What other features may know about an account. Never carries the password hash.
 *
 * @param id the stable identifier, used as the token subject
 * @param email the email address, lower case
 * @param displayName the name shown to people
 * @param roles the roles held
 * @param enabled whether the account may sign in
 * @param emailVerified whether the email address is verified
 * @param createdAt when the account was created
 * @param passwordChangedAt when the password last changed
 */
public record AccountSummary(UUID id, String email, String displayName, Set<Role> roles, boolean enabled,
		boolean emailVerified, Instant createdAt, Instant passwordChangedAt) {

	public AccountSummary {
		roles = Set.copyOf(roles);
	}

}
