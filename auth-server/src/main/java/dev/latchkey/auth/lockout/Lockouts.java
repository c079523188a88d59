package dev.latchkey.auth.lockout;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.latchkey.auth.account.AccountSummary;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.reset.AccountNotices;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lockout feature's API: which accounts are locked ({@link #list()},
 * {@link #find(UUID)}), and clearing a lock ({@link #clear(UUID, String)}), for the
 * operator console, admin API and command line. Inside the feature it also counts
 * failures, locks accounts with one notice mail per lock, and publishes
 * {@link AccountLockedOut} and {@link AccountUnlocked}.
 */
@Service
public class Lockouts {

	private static final Logger logger = LoggerFactory.getLogger(Lockouts.class);

	private static final int ANNOUNCE_BATCH = 100;

	private final JdbcLockouts rows;

	private final Accounts accounts;

	private final AccountNotices notices;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	Lockouts(JdbcLockouts rows, Accounts accounts, AccountNotices notices, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.rows = rows;
		this.accounts = accounts;
		this.notices = notices;
		this.events = events;
		this.transaction = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Whether an account is locked now.
	 * @param accountId the account
	 * @return whether its password is refused, right or not
	 */
	public boolean isLocked(UUID accountId) {
		return this.rows.isLocked(accountId, this.clock.instant());
	}

	/**
	 * The accounts locked now, the longest locked first.
	 * @return their lockouts
	 */
	public List<AccountLockout> list() {
		Instant now = this.clock.instant();
		return this.rows.locked(now).stream().flatMap((row) -> describe(row, now).stream()).toList();
	}

	/**
	 * The failures and lock of an account, if it failed to sign in since its last
	 * successful sign-in.
	 * @param accountId the account
	 * @return its lockout state, if any
	 */
	public Optional<AccountLockout> find(UUID accountId) {
		Instant now = this.clock.instant();
		return this.rows.find(accountId).flatMap((row) -> describe(row, now));
	}

	/**
	 * Clears an account's lock and failures (an operator's decision), and publishes
	 * {@link AccountUnlocked} naming the operator if it was locked. Its failures are
	 * forgotten either way.
	 * @param accountId the account
	 * @param actor who clears it (an operator's name or id, for the audit log)
	 * @return whether it was locked
	 * @throws IllegalArgumentException if the actor is blank
	 */
	public boolean clear(UUID accountId, String actor) {
		if (actor.isBlank()) {
			throw new IllegalArgumentException("Clearing a lock needs the operator who clears it (actor)");
		}
		Instant now = this.clock.instant();
		Boolean wasLocked = this.transaction.execute((status) -> forget(accountId, now, actor));
		if (Boolean.TRUE.equals(wasLocked)) {
			logger.info("Lock of account {} cleared by an operator", accountId);
		}
		return Boolean.TRUE.equals(wasLocked);
	}

	/**
	 * Counts a failed sign-in; the failure that reaches the limit locks the account,
	 * queues the notice mail and publishes {@link AccountLockedOut}, all in one
	 * transaction (the caller's, if it has one).
	 * @param locale the language of the notice mail
	 * @return whether the failure counted (it does not while the account is locked)
	 */
	boolean recordFailure(UUID accountId, Instant now, Locale locale) {
		return Boolean.TRUE.equals(this.transaction.execute((status) -> {
			JdbcLockouts.Failure failure = this.rows.recordFailure(accountId, now);
			if (failure.locked(now)) {
				locked(accountId, failure, locale);
			}
			return failure.counted();
		}));
	}

	private void locked(UUID accountId, JdbcLockouts.Failure lock, Locale locale) {
		if (lock.previousLockedUntil() != null) {
			this.events.publishEvent(
					new AccountUnlocked(accountId, AccountUnlocked.Reason.EXPIRED, lock.previousLockedUntil()));
		}
		Instant until = lock.held() ? null : lock.lockedUntil();
		Instant lockedAt = (lock.lockedAt() != null) ? lock.lockedAt() : this.clock.instant();
		this.events.publishEvent(
				new AccountLockedOut(accountId, lockedAt, until, lock.lockouts(), lock.consecutiveFailures()));
		this.notices.accountLocked(accountId, until, locale);
		logger.info("Account {} locked {} after {} consecutive failed sign-ins (lock {} since the last success)",
				accountId, (until != null) ? "until " + until : "until its password is reset",
				lock.consecutiveFailures(), lock.lockouts());
	}

	/**
	 * Forgets an account's failures after a successful sign-in.
	 * @return {@code false} if the account is locked: then the sign-in must be refused
	 */
	boolean signedIn(UUID accountId, Instant now) {
		Optional<JdbcLockouts.Forgotten> forgotten = this.rows.forgetUnlessLocked(accountId, now);
		forgotten.ifPresent((state) -> announceUnannouncedEnd(accountId, state));
		return forgotten.isPresent();
	}

	/**
	 * Ends an account's lock after its password changed (a reset or a change), in the
	 * caller's transaction.
	 */
	void passwordChanged(UUID accountId, Instant at) {
		forget(accountId, at, null);
	}

	/**
	 * Publishes {@link AccountUnlocked} for every lock that ran out since the last call
	 * (on any node).
	 * @return how many
	 */
	int announceEnded(Instant now) {
		int total = 0;
		List<JdbcLockouts.Ended> ended;
		do {
			ended = this.rows.claimEnded(now, ANNOUNCE_BATCH);
			ended.forEach((lock) -> announceEnd(lock.accountId(), lock.endedAt()));
			total += ended.size();
		}
		while (ended.size() == ANNOUNCE_BATCH);
		return total;
	}

	/**
	 * Forgets an account's failures and lock.
	 * @param actor the operator who cleared it, or {@code null} for a password change
	 */
	private boolean forget(UUID accountId, Instant now, @Nullable String actor) {
		Optional<JdbcLockouts.Forgotten> forgotten = this.rows.forget(accountId);
		if (forgotten.isEmpty()) {
			return false;
		}
		if (forgotten.get().lockedAt(now)) {
			this.events.publishEvent(
					(actor != null) ? new AccountUnlocked(accountId, AccountUnlocked.Reason.CLEARED, now, actor)
							: new AccountUnlocked(accountId, AccountUnlocked.Reason.PASSWORD_CHANGED, now));
			return true;
		}
		announceUnannouncedEnd(accountId, forgotten.get());
		return false;
	}

	/**
	 * A lock that ran out before the scheduled announcement got to it is announced by
	 * whatever forgets it.
	 */
	private void announceUnannouncedEnd(UUID accountId, JdbcLockouts.Forgotten state) {
		if (state.unlockPending() && state.lockedUntil() != null) {
			announceEnd(accountId, state.lockedUntil());
		}
	}

	private void announceEnd(UUID accountId, Instant endedAt) {
		this.events.publishEvent(new AccountUnlocked(accountId, AccountUnlocked.Reason.EXPIRED, endedAt));
	}

	private Optional<AccountLockout> describe(JdbcLockouts.Row row, Instant now) {
		return this.accounts.findById(row.accountId())
			.map(AccountSummary::email)
			.map((email) -> new AccountLockout(row.accountId(), email, row.failures(), row.consecutiveFailures(),
					row.lockouts(), row.refusedWhileLocked(), row.lockedAt(), row.held() ? null : row.lockedUntil(),
					row.held(), row.lockedAt(now)));
	}

}
