package dev.latchkey.auth.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import jakarta.annotation.PreDestroy;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log's API: record an event, page through entries, verify the chain.
 * <p>
 * An event recorded inside a transaction is appended just before that transaction
 * commits, in it: the change and its record commit together or not at all, and the chain
 * head is locked only for the commit itself. Outside a transaction it is appended at once
 * in its own. The head row ({@code audit_chain_head}) is locked {@code FOR UPDATE}, so
 * appends from every node form one chain.
 */
@Service
public class AuditLog {

	private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {
	};

	private static final String COLUMNS = "id, occurred_at, type, actor, address, subject, details::text AS details";

	private final JdbcClient jdbc;

	private final JdbcTemplate cursor;

	private final TransactionTemplate transactions;

	private final TransactionTemplate readOnly;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	private static final int BATCH_SIZE = 500;

	private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(AuditLog.class);

	private volatile boolean flushFailing;

	private final java.util.concurrent.locks.ReentrantLock flushing = new java.util.concurrent.locks.ReentrantLock();

	private final java.util.concurrent.BlockingDeque<Timed> batch = new java.util.concurrent.LinkedBlockingDeque<>(
			10_000);

	AuditLog(JdbcClient jdbc, JdbcTemplate cursor, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.cursor = new JdbcTemplate(java.util.Objects.requireNonNull(cursor.getDataSource()));
		this.cursor.setFetchSize(500);
		this.transactions = new TransactionTemplate(transactionManager);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
		this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		// One snapshot for the rows and the head: an append committing between the two
		// reads would otherwise look like rows missing at the end of the chain.
		this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.clock = clock;
	}

	/**
	 * Records an event: in the current transaction, just before it commits; or at once if
	 * there is none.
	 * @param event what happened
	 */
	public void record(AuditEvent event) {
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& TransactionSynchronizationManager.isActualTransactionActive()) {
			pending().add(event);
			return;
		}
		this.transactions.executeWithoutResult((status) -> append(List.of(new Timed(event, this.clock.instant()))));
	}

	private List<AuditEvent> pending() {
		Object key = this;
		@SuppressWarnings("unchecked")
		List<AuditEvent> events = (List<AuditEvent>) TransactionSynchronizationManager.getResource(key);
		if (events == null) {
			List<AuditEvent> created = new ArrayList<>();
			TransactionSynchronizationManager.bindResource(key, created);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void beforeCommit(boolean readOnly) {
					Instant now = AuditLog.this.clock.instant();
					List<Timed> events = created.stream().map((event) -> new Timed(event, now)).toList();
					created.clear();
					append(events);
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(key);
				}

			});
			return created;
		}
		return events;
	}

	/**
	 * Records a frequent event that may wait a moment (an access token issued): after the
	 * current transaction commits, if there is one, it joins a queue that is appended in
	 * one transaction every {@code latchkey.audit.batch-interval} (and when the server
	 * stops), so a token request takes no lock on the chain head. A node that crashes
	 * loses at most that interval of these events; when the queue is full, the event is
	 * appended at once.
	 * @param event what happened
	 */
	public void recordBatched(AuditEvent event) {
		Timed timed = new Timed(event, this.clock.instant());
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& TransactionSynchronizationManager.isActualTransactionActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					enqueue(timed);
				}

			});
			return;
		}
		enqueue(timed);
	}

	private void enqueue(Timed timed) {
		if (!this.batch.offer(timed)) {
			this.transactions.executeWithoutResult((status) -> append(List.of(timed)));
		}
	}

	/**
	 * Appends what {@link #recordBatched} queued, in one transaction per
	 * {@value #BATCH_SIZE} events; if the database refuses, the events go back to the
	 * front of the queue for the next attempt.
	 * @return how many events were appended
	 */
	public int flushBatched() {
		// One flusher at a time, so that a caller who flushes sees every event queued
		// before, including those another flusher took a moment earlier.
		this.flushing.lock();
		try {
			int appended = 0;
			List<Timed> events = new ArrayList<>(BATCH_SIZE);
			while (this.batch.drainTo(events, BATCH_SIZE) > 0) {
				try {
					this.transactions.executeWithoutResult((status) -> append(events));
				}
				catch (RuntimeException ex) {
					for (int i = events.size() - 1; i >= 0; i--) {
						this.batch.offerFirst(events.get(i));
					}
					throw ex;
				}
				appended += events.size();
				events.clear();
			}
			return appended;
		}
		finally {
			this.flushing.unlock();
		}
	}

	@Scheduled(initialDelayString = "${latchkey.audit.batch-interval:200ms}",
			fixedDelayString = "${latchkey.audit.batch-interval:200ms}")
	void flushOnSchedule() {
		try {
			flushBatched();
			if (this.flushFailing) {
				this.flushFailing = false;
				logger.info("Queued audit entries are being written again ({} still queued)", this.batch.size());
			}
		}
		catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException ex) {
			// The entries went back to the queue. Said once, not every 200 ms while the
			// database is away; the cause's message names no entry's content.
			if (!this.flushFailing) {
				this.flushFailing = true;
				logger.warn("Queued audit entries cannot be written now ({} queued), retrying: {}", this.batch.size(),
						ex.getClass().getSimpleName());
			}
		}
	}

	@PreDestroy
	void flushBeforeStop() {
		flushBatched();
	}

	/**
	 * Appends the events to the chain, in the caller's transaction.
	 */
	private void append(List<Timed> events) {
		if (events.isEmpty()) {
			return;
		}
		Head head = this.jdbc.sql("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
			.query((rs, row) -> new Head(rs.getLong(1), rs.getBytes(2)))
			.single();
		long id = head.lastId();
		byte[] hash = head.lastHash();
		List<Object[]> rows = new ArrayList<>(events.size());
		for (Timed timed : events) {
			id++;
			AuditEvent event = timed.event();
			Instant at = timed.at().truncatedTo(ChronoUnit.MICROS);
			AuditEntry entry = new AuditEntry(id, at, event.type(), event.actor(), event.address(), event.subject(),
					event.details());
			byte[] entryHash = AuditHashes.hash(hash, entry);
			rows.add(new Object[] { id, Timestamp.from(at), entry.type(), entry.actor(), entry.address(),
					entry.subject(), this.json.writeValueAsString(entry.details()), hash, entryHash });
			hash = entryHash;
		}
		this.cursor.batchUpdate("INSERT INTO audit_event (id, occurred_at, type, actor, address, subject, details, "
				+ "previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)", rows);
		this.jdbc.sql("UPDATE audit_chain_head SET last_id = :id, last_hash = :hash WHERE id = 1")
			.param("id", id)
			.param("hash", hash)
			.update();
	}

	/**
	 * An event and when it happened.
	 */
	private record Timed(AuditEvent event, Instant at) {
	}

	/**
	 * A page of entries, newest first.
	 * @param query the filters and the page
	 * @return the page
	 */
	public AuditPage find(AuditQuery query) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_event WHERE true");
		Map<String, Object> params = new LinkedHashMap<>();
		if (query.from() != null) {
			sql.append(" AND occurred_at >= :from");
			params.put("from", Timestamp.from(query.from()));
		}
		if (query.to() != null) {
			sql.append(" AND occurred_at < :to");
			params.put("to", Timestamp.from(query.to()));
		}
		if (query.type() != null) {
			sql.append(" AND (type = :type OR type LIKE :typePrefix)");
			params.put("type", query.type());
			params.put("typePrefix", query.type().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%");
		}
		if (query.actor() != null) {
			sql.append(" AND actor = :actor");
			params.put("actor", query.actor());
		}
		if (query.subject() != null) {
			sql.append(" AND subject = :subject");
			params.put("subject", query.subject());
		}
		sql.append(" ORDER BY id DESC LIMIT :limit OFFSET :offset");
		params.put("limit", query.size() + 1);
		params.put("offset", (long) query.page() * query.size());
		List<AuditEntry> rows = this.jdbc.sql(sql.toString()).params(params).query(this::entry).list();
		boolean hasNext = rows.size() > query.size();
		return new AuditPage(hasNext ? rows.subList(0, query.size()) : rows, query.page(), query.size(), hasNext);
	}

	/**
	 * Checks the whole chain from its first row: each row's stored hash must be the hash
	 * of its contents and of the row before it, ids must follow without gaps, and the
	 * chain must end where the head says.
	 * @return what was found; the first broken row's id if any
	 */
	public AuditVerification verify() {
		return verify(null);
	}

	/**
	 * Checks the whole chain as {@link #verify()} does, and that the anchored row still
	 * has the hash kept outside the database: a rewrite of the whole table, with every
	 * hash recomputed, changes it.
	 * @param anchor a row's id and hash from an earlier check or the log, if any
	 * @return what was found; the first broken row's id if any
	 */
	public AuditVerification verify(@Nullable AuditAnchor anchor) {
		AuditVerification result = this.readOnly.execute((status) -> {
			Check check = new Check(anchor);
			this.cursor.query("SELECT " + COLUMNS + ", previous_hash, hash FROM audit_event ORDER BY id", (rs) -> {
				if (check.broken == null) {
					check.next(entry(rs, 0), rs.getBytes("previous_hash"), rs.getBytes("hash"));
				}
			});
			if (check.broken != null) {
				return check.broken;
			}
			if (anchor != null && anchor.id() > check.lastId) {
				return AuditVerification.broken(check.rows, anchor.id(), "the chain ends at row " + check.lastId
						+ ", before the anchored row " + anchor.id() + ": rows were removed");
			}
			Head head = readHead();
			if (head.lastId() != check.lastId
					|| !java.security.MessageDigest.isEqual(head.lastHash(), check.lastHash)) {
				return AuditVerification.broken(check.rows, check.lastId + 1,
						"the chain ends at row " + check.lastId + " but row " + head.lastId()
								+ " was written last: rows after " + check.lastId + " are missing");
			}
			return AuditVerification.ok(check.rows,
					(check.lastId > 0) ? new AuditAnchor(check.lastId, check.lastHash) : null);
		});
		return java.util.Objects.requireNonNull(result);
	}

	/**
	 * The newest entry as an anchor, read from the chain head without walking the chain.
	 * @return the anchor, or empty while the log is empty
	 */
	public java.util.Optional<AuditAnchor> head() {
		Head head = readHead();
		return (head.lastId() > 0) ? java.util.Optional.of(new AuditAnchor(head.lastId(), head.lastHash()))
				: java.util.Optional.empty();
	}

	private Head readHead() {
		return this.jdbc.sql("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1")
			.query((rs, row) -> new Head(rs.getLong(1), rs.getBytes(2)))
			.single();
	}

	private AuditEntry entry(ResultSet rs, int row) throws SQLException {
		String details = rs.getString("details");
		return new AuditEntry(rs.getLong("id"), rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(),
				rs.getString("type"), rs.getString("actor"), rs.getString("address"), rs.getString("subject"),
				(details != null) ? this.json.readValue(details, DETAILS) : Map.of());
	}

	private record Head(long lastId, byte[] lastHash) {
	}

	/**
	 * Walks the chain row by row.
	 */
	private static final class Check {

		long rows;

		long lastId;

		byte[] lastHash = AuditHashes.GENESIS;

		@Nullable AuditVerification broken;

		private final @Nullable AuditAnchor anchor;

		Check(@Nullable AuditAnchor anchor) {
			this.anchor = anchor;
		}

		void next(AuditEntry entry, byte[] previousHash, byte[] hash) {
			this.rows++;
			if (entry.id() != this.lastId + 1) {
				this.broken = AuditVerification.broken(this.rows, entry.id(),
						"row " + entry.id() + " follows row " + this.lastId + ": rows are missing before it");
			}
			else if (!java.security.MessageDigest.isEqual(previousHash, this.lastHash)) {
				this.broken = AuditVerification.broken(this.rows, entry.id(),
						"row " + entry.id() + " does not name the hash of the row before it");
			}
			else if (!java.security.MessageDigest.isEqual(hash, AuditHashes.hash(previousHash, entry))) {
				this.broken = AuditVerification.broken(this.rows, entry.id(),
						"row " + entry.id() + " was changed after it was written");
			}
			else if (this.anchor != null && this.anchor.id() == entry.id()
					&& !java.security.MessageDigest.isEqual(hash, this.anchor.hash())) {
				this.broken = AuditVerification.broken(this.rows, entry.id(),
						"row " + entry.id() + " does not have the anchored hash: the log was rewritten up to this row");
			}
			this.lastId = entry.id();
			this.lastHash = hash;
		}

	}

}
