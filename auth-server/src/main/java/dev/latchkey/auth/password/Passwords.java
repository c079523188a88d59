package dev.latchkey.auth.password;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.latchkey.auth.account.AccountSummary;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.UnknownAccountException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The password feature's API: checks a new password against the whole policy (history
 * included), stores it, and verifies current passwords.
 * <p>
 * Hashing happens outside any transaction, so no database connection is held while a
 * request waits for its turn to hash.
 */
@Service
public class Passwords {

	/** The form field of the new password. */
	public static final String NEW_PASSWORD = "newPassword";

	/** The form field of the new password's confirmation. */
	public static final String CONFIRMATION = "confirmation";

	private final Accounts accounts;

	private final PasswordPolicy policy;

	private final PasswordHistory history;

	private final PasswordEncoder encoder;

	private final HashingLimiter limiter;

	private final PasswordProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Passwords(Accounts accounts, PasswordPolicy policy, PasswordHistory history, PasswordEncoder encoder,
			HashingLimiter limiter, PasswordProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.accounts = accounts;
		this.policy = policy;
		this.history = history;
		this.encoder = encoder;
		this.limiter = limiter;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	public PasswordRules rules() {
		return new PasswordRules(this.properties.minLength(), this.properties.maxLength(),
				this.properties.requireComposition());
	}

	/**
	 * Checks an account's current password. A wrong one counts as a failed sign-in: it is
	 * published as the same {@link AuthenticationFailureBadCredentialsEvent} the sign-in
	 * form publishes, with the account's email as the principal.
	 * @param accountId the account
	 * @param currentPassword the password given as the current one
	 * @return whether it is the current password
	 */
	public boolean verifyCurrent(UUID accountId, String currentPassword) {
		AccountSummary account = this.accounts.findById(accountId).orElseThrow(UnknownAccountException::new);
		String hash = this.accounts.passwordHash(accountId).orElseThrow(UnknownAccountException::new);
		if (this.encoder.matches(currentPassword, hash)) {
			return true;
		}
		this.events.publishEvent(new AuthenticationFailureBadCredentialsEvent(
				UsernamePasswordAuthenticationToken.unauthenticated(account.email(), null),
				new BadCredentialsException("Wrong current password")));
		return false;
	}

	/**
	 * Checks a new password against the whole policy and, if it passes, hashes it.
	 * @param accountId the account
	 * @param newPassword the new password
	 * @param confirmation the new password typed again
	 * @param errors problems the caller found already (e.g. with the current password);
	 * while there are any, the new password is checked but not hashed
	 * @return the checked change, with every problem by form field
	 */
	public PasswordChange prepare(UUID accountId, String newPassword, String confirmation, FormErrors errors) {
		AccountSummary account = this.accounts.findById(accountId).orElseThrow(UnknownAccountException::new);
		if (newPassword.isEmpty()) {
			errors.add(NEW_PASSWORD, "password.required");
		}
		else {
			this.policy.check(newPassword, account.email(), account.displayName())
				.forEach((violation) -> errors.add(NEW_PASSWORD, violation.code(), violation.arguments().toArray()));
			if (confirmation.isEmpty()) {
				errors.add(CONFIRMATION, "password.confirmation.required");
			}
			else if (!confirmation.equals(newPassword)) {
				errors.add(CONFIRMATION, "password.confirmation.mismatch");
			}
		}
		if (!errors.isEmpty()) {
			return new PasswordChange(accountId, errors, null);
		}
		List<String> recentHashes = recentHashes(accountId);
		// One turn for all of this request's hashes, so it does not queue again for each.
		@Nullable String newHash = this.limiter.call(() -> {
			for (String hash : recentHashes) {
				if (this.encoder.matches(newPassword, hash)) {
					return null;
				}
			}
			return this.encoder.encode(newPassword);
		});
		if (newHash == null) {
			errors.add(NEW_PASSWORD, "password.reused", this.properties.history());
		}
		return new PasswordChange(accountId, errors, newHash);
	}

	private List<String> recentHashes(UUID accountId) {
		if (this.properties.history() == 0) {
			return List.of();
		}
		List<String> hashes = new ArrayList<>();
		this.accounts.passwordHash(accountId).ifPresent(hashes::add);
		hashes.addAll(this.history.latest(accountId, this.properties.history() - 1));
		return hashes;
	}

	/**
	 * Stores an accepted new password, remembers the old one, and publishes
	 * {@link PasswordChanged} so every session and refresh token of the account is
	 * revoked in the same transaction.
	 * @param change an accepted change from {@link #prepare}
	 */
	@Transactional
	public void apply(PasswordChange change) {
		UUID accountId = change.accountId();
		String previous = this.accounts.passwordHash(accountId).orElseThrow(UnknownAccountException::new);
		Instant now = this.clock.instant();
		this.accounts.changePasswordHash(accountId, change.newHash(), now);
		this.history.remember(accountId, previous, now, this.properties.history() - 1);
		this.events.publishEvent(new PasswordChanged(accountId, now));
	}

	/**
	 * Whether an account's password is past its expiry (never, when expiry is off).
	 * @param account the account
	 * @return whether the password must be changed before the account may sign in
	 */
	public boolean isExpired(AccountSummary account) {
		return this.properties.expiryEnabled()
				&& account.passwordChangedAt().plus(this.properties.expiryPeriod()).isBefore(this.clock.instant());
	}

}
