package dev.latchkey.auth.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account feature's API for other features.
 */
@Service
public class Accounts {

	/** The longest display name, in code points. */
	public static final int DISPLAY_NAME_MAX_LENGTH = 100;

	private final AccountRepository repository;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Accounts(AccountRepository repository, PasswordEncoder passwordEncoder, Clock clock,
			ApplicationEventPublisher events) {
		this.repository = repository;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Finds an account by its id.
	 * @param id the account id (the token subject)
	 * @return the account, if it exists
	 */
	@Transactional(readOnly = true)
	public Optional<AccountSummary> findById(UUID id) {
		return this.repository.findById(id).map(Account::summary);
	}

	/**
	 * Finds an account by its id given as text, as in a token subject.
	 * @param subject the account id as text
	 * @return the account, if the subject is an id and the account exists
	 */
	@Transactional(readOnly = true)
	public Optional<AccountSummary> findBySubject(String subject) {
		try {
			return findById(UUID.fromString(subject));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Finds an account by its email address, without regard to case.
	 * @param email the email address
	 * @return the account, if it exists
	 */
	@Transactional(readOnly = true)
	public Optional<AccountSummary> findByEmail(String email) {
		return this.repository.findByEmail(Account.normalizeEmail(email)).map(Account::summary);
	}

	/**
	 * The stored hash of an account's current password.
	 * <p>
	 * CAUTION: for the password feature only (history and current-password checks); never
	 * show, log or send it anywhere.
	 * @param id the account id
	 * @return the hash, if the account exists
	 */
	@Transactional(readOnly = true)
	public Optional<String> passwordHash(UUID id) {
		return this.repository.findById(id).map(Account::passwordHash);
	}

	/**
	 * Replaces an account's password with a new one, already hashed and checked against
	 * the password policy by the caller.
	 * @param id the account id
	 * @param newHash the new password's hash
	 * @param changedAt when the password changed
	 * @throws UnknownAccountException if the account does not exist
	 */
	@Transactional
	public void changePasswordHash(UUID id, String newHash, Instant changedAt) {
		Account account = this.repository.findById(id).orElseThrow(UnknownAccountException::new);
		account.changePassword(newHash, changedAt);
		this.repository.save(account);
	}

	/**
	 * Changes the name shown to people.
	 * @param id the account id
	 * @param displayName the new name, already checked with {@link #displayNameProblem}
	 * @return the account
	 * @throws UnknownAccountException if the account does not exist
	 */
	@Transactional
	public AccountSummary rename(UUID id, String displayName) {
		String problem = displayNameProblem(displayName);
		if (problem != null) {
			throw new IllegalArgumentException("Invalid display name: " + problem);
		}
		Account account = this.repository.findById(id).orElseThrow(UnknownAccountException::new);
		account.rename(displayName.strip());
		return this.repository.save(account).summary();
	}

	/**
	 * Checks a display name: 1 to {@value #DISPLAY_NAME_MAX_LENGTH} characters after
	 * trimming, no control characters.
	 * @param displayName the name to check
	 * @return the message code of the problem, or {@code null} if the name is fine
	 */
	public static @Nullable String displayNameProblem(String displayName) {
		String name = displayName.strip();
		if (name.isEmpty()) {
			return "account.displayName.required";
		}
		if (name.codePointCount(0, name.length()) > DISPLAY_NAME_MAX_LENGTH) {
			return "account.displayName.tooLong";
		}
		if (name.codePoints().anyMatch(Character::isISOControl)) {
			return "account.displayName.invalid";
		}
		return null;
	}

	/**
	 * The id of the enabled account with this email address, in one query whether or not
	 * it exists (for flows that must not reveal that by their timing).
	 * @param email the email address
	 * @return the account id, if an enabled account has this address
	 */
	@Transactional(readOnly = true)
	public Optional<UUID> findEnabledIdByEmail(String email) {
		return this.repository.findEnabledIdByEmail(Account.normalizeEmail(email));
	}

	/**
	 * Creates an account.
	 * @param request what to create
	 * @return the new account
	 * @throws EmailAlreadyRegisteredException if the email is taken
	 */
	@Transactional
	public AccountSummary register(NewAccount request) {
		if (this.repository.findByEmail(Account.normalizeEmail(request.email())).isPresent()) {
			throw new EmailAlreadyRegisteredException();
		}
		Account account = Account.create(request.email(), request.displayName(),
				this.passwordEncoder.encode(request.password()), request.roles(), this.clock.instant());
		return this.repository.save(account).summary();
	}

	/**
	 * Creates the account or puts it back exactly as described: the same name, roles and
	 * password, enabled and verified. For sample data that must be the same at every
	 * start.
	 * @param request the account as it must be
	 * @return the account
	 */
	@Transactional
	public AccountSummary ensure(NewAccount request) {
		Optional<Account> existing = this.repository.findByEmail(Account.normalizeEmail(request.email()));
		if (existing.isEmpty()) {
			Account account = Account.create(request.email(), request.displayName(),
					this.passwordEncoder.encode(request.password()), request.roles(), this.clock.instant());
			account.markEmailVerified();
			return this.repository.save(account).summary();
		}
		Account account = existing.get();
		account.rename(request.displayName());
		account.grantExactly(request.roles());
		account.enable();
		account.markEmailVerified();
		if (!this.passwordEncoder.matches(request.password(), account.passwordHash())) {
			account.changePassword(this.passwordEncoder.encode(request.password()), this.clock.instant());
		}
		return this.repository.save(account).summary();
	}

	/**
	 * Accounts whose email address or name contains the text (ignoring case), by email.
	 * @param text what to look for; blank finds every account
	 * @param offset how many to skip
	 * @param limit how many at most
	 * @return the accounts
	 */
	@Transactional(readOnly = true)
	public List<AccountSummary> search(String text, long offset, int limit) {
		String stripped = text.strip();
		String pattern = stripped.isEmpty() ? ""
				: "%" + stripped.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return this.repository.search(pattern, limit, offset).stream().map(Account::summary).toList();
	}

	/**
	 * Gives an account exactly these roles.
	 * @param id the account id
	 * @param roles the roles, at least one
	 * @return the account
	 * @throws UnknownAccountException if the account does not exist
	 */
	@Transactional
	public AccountSummary grantExactly(UUID id, Set<Role> roles) {
		if (roles.isEmpty()) {
			throw new IllegalArgumentException("An account needs at least one role");
		}
		Account account = this.repository.findById(id).orElseThrow(UnknownAccountException::new);
		account.grantExactly(roles);
		return this.repository.save(account).summary();
	}

	/**
	 * Lets an account sign in again, or stops it. A disabled account cannot sign in, its
	 * sessions end ({@link AccountDisabled}), and its refresh tokens stop working at
	 * their next use.
	 * @param id the account id
	 * @param enabled whether it may sign in
	 * @return the account
	 * @throws UnknownAccountException if the account does not exist
	 */
	@Transactional
	public AccountSummary setEnabled(UUID id, boolean enabled) {
		Account account = this.repository.findById(id).orElseThrow(UnknownAccountException::new);
		if (enabled) {
			account.enable();
		}
		else {
			account.disable();
			this.events.publishEvent(new AccountDisabled(id));
		}
		return this.repository.save(account).summary();
	}

	/**
	 * Whether an email address is well formed enough to be an account's: one {@code @},
	 * no spaces or control characters, at most 254 characters.
	 * @param email the address
	 * @return whether it is
	 */
	public static boolean isEmailAddress(String email) {
		String stripped = email.strip();
		return stripped.length() <= 254
				&& stripped.matches("[^\\s@\\p{Cntrl}<>\"]{1,64}@[^\\s@\\p{Cntrl}<>\"]+\\.[^\\s@\\p{Cntrl}<>\"]+");
	}

}
