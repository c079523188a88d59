package dev.latchkey.auth.password;

import dev.latchkey.auth.account.Accounts;

import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsChecker;

/**
 * The check after a correct password at sign-in: refuses an expired password with
 * {@link PasswordExpiredException}, so the sign-in failure handler can send the person to
 * choose a new one.
 */
final class PasswordExpiry implements UserDetailsChecker {

	private final Accounts accounts;

	private final Passwords passwords;

	private final boolean enabled;

	PasswordExpiry(Accounts accounts, Passwords passwords, PasswordProperties properties) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.enabled = properties.expiryEnabled();
	}

	@Override
	public void check(UserDetails user) {
		if (!user.isCredentialsNonExpired()) {
			throw new CredentialsExpiredException("User credentials have expired");
		}
		if (!this.enabled) {
			return;
		}
		this.accounts.findBySubject(user.getUsername()).filter(this.passwords::isExpired).ifPresent((account) -> {
			throw new PasswordExpiredException(account.id());
		});
	}

}
