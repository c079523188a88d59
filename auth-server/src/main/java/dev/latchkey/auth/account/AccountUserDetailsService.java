package dev.latchkey.auth.account;

import java.util.UUID;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bridges accounts to Spring Security. People sign in with their email address, but the
 * principal's name is the account id: it is the stable {@code sub} of every token and
 * survives a change of email.
 */
@Service
class AccountUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

	private final AccountRepository repository;

	AccountUserDetailsService(AccountRepository repository) {
		this.repository = repository;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String email) {
		Account account = this.repository.findByEmail(Account.normalizeEmail(email))
			.orElseThrow(() -> new UsernameNotFoundException("Unknown account"));
		return toUserDetails(account);
	}

	@Override
	@Transactional
	public UserDetails updatePassword(UserDetails user, String newPassword) {
		Account account = this.repository.findById(UUID.fromString(user.getUsername()))
			.orElseThrow(() -> new UsernameNotFoundException("Unknown account"));
		account.upgradeHash(newPassword);
		return toUserDetails(this.repository.save(account));
	}

	private static UserDetails toUserDetails(Account account) {
		return User.withUsername(account.id().toString())
			.password(account.passwordHash())
			.authorities(account.roles().stream().map(Role::authority).toArray(String[]::new))
			.disabled(!account.enabled())
			.build();
	}

}
