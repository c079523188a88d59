package dev.latchkey.auth.account;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account feature's API for other features.
 */
@Service
public class Accounts {

	private final AccountRepository repository;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	Accounts(AccountRepository repository, PasswordEncoder passwordEncoder, Clock clock) {
		this.repository = repository;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
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

}
