package dev.latchkey.auth.lockout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code account_lockout} table. Every change is one statement, so concurrent
 * failures on any node are all counted and exactly one of them locks the account: the
 * failure is an {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING} that decides the
 * lock from the row it updates, never from a value read before.
 */
@Component
final class JdbcLockouts {

	private static final String NOW = "CAST(:now AS timestamptz)";

	private static final String WAS_LOCKED = "(l.held OR (l.locked_until IS NOT NULL AND l.locked_until > " + NOW
			+ "))";

	private static final String WINDOW_OPEN = "l.window_started_at > CAST(:windowStart AS timestamptz)";

	private static final String NEW_FAILURES = "(CASE WHEN " + WINDOW_OPEN + " THEN l.failures + 1 ELSE 1 END)";

	private static final String AT_CAP = "(l.consecutive_failures + 1 >= :maxConsecutive)";

	private static final String LOCKS = "(" + NEW_FAILURES + " >= :maxFailures OR " + AT_CAP + ")";

	/**
	 * Counts a failure unless the account is locked: failures during a lock neither count
	 * nor extend it, they only update the attempt columns (so a locked account's answer
	 * writes as much as a wrong password's, and takes as long). The failure that reaches
	 * {@code maxFailures} in the window locks the account for {@code first * 2^lockouts}
	 * (at most {@code max}) and starts a new window; the one that reaches
	 * {@code maxConsecutive} locks it until a reset. A replaced lock whose end was not
	 * announced yet comes back as {@code previous_locked_until}.
	 */
	private static final String RECORD_FAILURE = expand(
			"""
					INSERT INTO account_lockout AS l (account_id, failures, window_started_at, consecutive_failures, lockouts,
					    last_failure_at, last_attempt_at, locked_at, locked_until, held, unlock_pending)
					VALUES (:account, CASE WHEN 1 >= :maxFailures THEN 0 ELSE 1 END, {now}, 1,
					    CASE WHEN 1 >= :maxFailures THEN 1 ELSE 0 END, {now}, {now},
					    CASE WHEN 1 >= :maxFailures THEN {now} END,
					    CASE WHEN 1 >= :maxConsecutive THEN NULL
					         WHEN 1 >= :maxFailures THEN {now} + :firstMillis * interval '1 millisecond' END,
					    1 >= :maxConsecutive, 1 >= :maxFailures AND 1 < :maxConsecutive)
					ON CONFLICT (account_id) DO UPDATE SET
					    failures = CASE WHEN {wasLocked} THEN l.failures WHEN {locks} THEN 0 ELSE {newFailures} END,
					    window_started_at = CASE WHEN {wasLocked} THEN l.window_started_at
					        WHEN {locks} OR NOT ({windowOpen}) THEN {now} ELSE l.window_started_at END,
					    consecutive_failures = CASE WHEN {wasLocked} THEN l.consecutive_failures ELSE l.consecutive_failures + 1 END,
					    lockouts = CASE WHEN NOT {wasLocked} AND {locks} THEN l.lockouts + 1 ELSE l.lockouts END,
					    last_failure_at = CASE WHEN {wasLocked} THEN l.last_failure_at ELSE {now} END,
					    locked_at = CASE WHEN NOT {wasLocked} AND {locks} THEN {now} ELSE l.locked_at END,
					    locked_until = CASE WHEN {wasLocked} THEN l.locked_until WHEN {atCap} THEN NULL
					        WHEN {locks} THEN {now} + LEAST(:firstMillis * power(2, LEAST(l.lockouts, 40)), :maxMillis)
					                            * interval '1 millisecond'
					        ELSE l.locked_until END,
					    held = CASE WHEN {wasLocked} THEN l.held ELSE {atCap} END,
					    unlock_pending = CASE WHEN {wasLocked} THEN l.unlock_pending WHEN {atCap} THEN false WHEN {locks} THEN true
					        ELSE l.unlock_pending END,
					    previous_locked_until = CASE WHEN NOT {wasLocked} AND {locks} AND l.unlock_pending THEN l.locked_until END,
					    refused_while_locked = CASE WHEN {wasLocked} THEN l.refused_while_locked + 1 ELSE l.refused_while_locked END,
					    last_attempt_at = {now},
					    last_attempt_counted = NOT {wasLocked}
					RETURNING failures, consecutive_failures, lockouts, locked_at, locked_until, held, previous_locked_until,
					    last_attempt_counted""");

	/** A successful sign-in forgets the failures, unless the account is locked. */
	private static final String FORGET_UNLESS_LOCKED = """
			DELETE FROM account_lockout
			WHERE account_id = :account AND NOT held AND (locked_until IS NULL OR locked_until <= CAST(:now AS timestamptz))
			RETURNING unlock_pending, locked_until""";

	private static final String FORGET = """
			DELETE FROM account_lockout WHERE account_id = :account
			RETURNING held, locked_until, unlock_pending""";

	/** Claims ended locks for their announcement, each exactly once on one node. */
	private static final String CLAIM_ENDED = """
			UPDATE account_lockout SET unlock_pending = false
			WHERE account_id IN (
			    SELECT account_id FROM account_lockout
			    WHERE unlock_pending AND locked_until <= CAST(:now AS timestamptz)
			    ORDER BY locked_until LIMIT :batch FOR UPDATE SKIP LOCKED)
			  AND unlock_pending AND locked_until <= CAST(:now AS timestamptz)
			RETURNING account_id, locked_until""";

	private static final String COLUMNS = """
			account_id, failures, window_started_at, consecutive_failures, lockouts, refused_while_locked, locked_at,
			locked_until, held""";

	private final JdbcClient jdbc;

	private final LockoutProperties properties;

	/**
	 * Puts the named conditions into the failure statement ({@code {now}},
	 * {@code {locks}}, ...), which reads better than positional format arguments.
	 */
	private static String expand(String template) {
		return template.replace("{now}", NOW)
			.replace("{locks}", LOCKS)
			.replace("{newFailures}", NEW_FAILURES)
			.replace("{windowOpen}", WINDOW_OPEN)
			.replace("{atCap}", AT_CAP)
			.replace("{wasLocked}", WAS_LOCKED);
	}

	JdbcLockouts(JdbcOperations jdbc, LockoutProperties properties) {
		this.jdbc = JdbcClient.create(jdbc);
		this.properties = properties;
	}

	/**
	 * Counts a failed sign-in of an account.
	 * @return the account's failures after this one; not counted if the account was
	 * locked (then only the attempt was noted)
	 */
	Failure recordFailure(UUID accountId, Instant now) {
		return this.jdbc.sql(RECORD_FAILURE)
			.param("account", accountId)
			.param("now", Timestamp.from(now))
			.param("windowStart", Timestamp.from(now.minus(this.properties.failureWindow())))
			.param("maxFailures", this.properties.maxFailures())
			.param("maxConsecutive", this.properties.maxConsecutiveFailures())
			.param("firstMillis", this.properties.firstDuration().toMillis())
			.param("maxMillis", this.properties.maxDuration().toMillis())
			.query((rs, row) -> new Failure(rs.getInt("failures"), rs.getInt("consecutive_failures"),
					rs.getInt("lockouts"), instant(rs, "locked_at"), instant(rs, "locked_until"), rs.getBoolean("held"),
					instant(rs, "previous_locked_until"), rs.getBoolean("last_attempt_counted")))
			.single();
	}

	/**
	 * Forgets an account's failures after a successful sign-in, unless it is locked.
	 * @return empty if the account is locked (then nothing changed), else the state it
	 * had
	 */
	Optional<Forgotten> forgetUnlessLocked(UUID accountId, Instant now) {
		Optional<Forgotten> forgotten = this.jdbc.sql(FORGET_UNLESS_LOCKED)
			.param("account", accountId)
			.param("now", Timestamp.from(now))
			.query((rs, row) -> new Forgotten(false, instant(rs, "locked_until"), rs.getBoolean("unlock_pending")))
			.optional();
		if (forgotten.isPresent()) {
			return forgotten;
		}
		return isLocked(accountId, now) ? Optional.empty() : Optional.of(Forgotten.NOTHING);
	}

	/**
	 * Forgets an account's failures and lock, whatever its state.
	 * @return the state it had, if it had any
	 */
	Optional<Forgotten> forget(UUID accountId) {
		return this.jdbc.sql(FORGET)
			.param("account", accountId)
			.query((rs, row) -> new Forgotten(rs.getBoolean("held"), instant(rs, "locked_until"),
					rs.getBoolean("unlock_pending")))
			.optional();
	}

	boolean isLocked(UUID accountId, Instant now) {
		return find(accountId).map((row) -> row.lockedAt(now)).orElse(false);
	}

	Optional<Row> find(UUID accountId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM account_lockout WHERE account_id = ?")
			.param(accountId)
			.query(JdbcLockouts::row)
			.optional();
	}

	List<Row> locked(Instant now) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM account_lockout WHERE held OR locked_until > ? ORDER BY locked_at")
			.param(Timestamp.from(now))
			.query(JdbcLockouts::row)
			.list();
	}

	/**
	 * Claims locks that have ended and were not announced yet.
	 * @return the accounts and when their lock ended
	 */
	List<Ended> claimEnded(Instant now, int batch) {
		return this.jdbc.sql(CLAIM_ENDED)
			.param("now", Timestamp.from(now))
			.param("batch", batch)
			.query((rs, row) -> new Ended(rs.getObject("account_id", UUID.class),
					rs.getTimestamp("locked_until").toInstant()))
			.list();
	}

	private static Row row(ResultSet rs, int row) throws SQLException {
		return new Row(rs.getObject("account_id", UUID.class), rs.getInt("failures"),
				rs.getTimestamp("window_started_at").toInstant(), rs.getInt("consecutive_failures"),
				rs.getInt("lockouts"), rs.getInt("refused_while_locked"), instant(rs, "locked_at"),
				instant(rs, "locked_until"), rs.getBoolean("held"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * An account's failures after a failed sign-in.
	 *
	 * @param failures in the current window (0 right after a lock)
	 * @param consecutiveFailures since the last successful sign-in
	 * @param lockouts since the last successful sign-in
	 * @param lockedAt when the latest lock began
	 * @param lockedUntil when the latest timed lock ends
	 * @param held whether the account is locked until a reset
	 * @param previousLockedUntil the end of a passed, unannounced lock that this
	 * failure's lock replaced
	 * @param counted whether it counted (the account was not locked)
	 */
	record Failure(int failures, int consecutiveFailures, int lockouts, @Nullable Instant lockedAt,
			@Nullable Instant lockedUntil, boolean held, @Nullable Instant previousLockedUntil, boolean counted) {

		/**
		 * Whether this failure locked the account: it counted (so the account was not
		 * locked before), and the account is locked now.
		 */
		boolean locked(Instant now) {
			return this.counted && (this.held || (this.lockedUntil != null && this.lockedUntil.isAfter(now)));
		}

	}

	/**
	 * The state an account had when its failures were forgotten.
	 *
	 * @param held whether it was locked until a reset
	 * @param lockedUntil the end of its latest timed lock
	 * @param unlockPending whether that end was not announced yet
	 */
	record Forgotten(boolean held, @Nullable Instant lockedUntil, boolean unlockPending) {

		static final Forgotten NOTHING = new Forgotten(false, null, false);

		boolean lockedAt(Instant now) {
			return this.held || (this.lockedUntil != null && this.lockedUntil.isAfter(now));
		}

	}

	/**
	 * A lock that ran out.
	 *
	 * @param accountId the account
	 * @param endedAt when it ran out
	 */
	record Ended(UUID accountId, Instant endedAt) {
	}

	/**
	 * A row of {@code account_lockout}.
	 */
	record Row(UUID accountId, int failures, Instant windowStartedAt, int consecutiveFailures, int lockouts,
			int refusedWhileLocked, @Nullable Instant lockedAt, @Nullable Instant lockedUntil, boolean held) {

		boolean lockedAt(Instant now) {
			return this.held || (this.lockedUntil != null && this.lockedUntil.isAfter(now));
		}

	}

}
