package dev.latchkey.auth.account;

import java.util.Set;

/**
 * A request to create an account.
 *
 * @param email the email address (compared without regard to case)
 * @param displayName the name shown to people
 * @param password the initial password in clear; hashed before it is stored
 * @param roles the roles to grant
 */
public record NewAccount(String email, String displayName, String password, Set<Role> roles) {

	public NewAccount {
		roles = Set.copyOf(roles);
	}

	@Override
	public String toString() {
		return "NewAccount[email=" + this.email + ", roles=" + this.roles + "]";
	}

}
