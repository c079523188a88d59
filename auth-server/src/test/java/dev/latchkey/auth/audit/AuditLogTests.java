package dev.latchkey.auth.audit;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import dev.latchkey.auth.keys.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The audit log on the running server: rows commit with the change they record or not at
 * all, form one hash chain under concurrent writers, cannot be changed or deleted, and a
 * row changed by hand is named by the check. The events of sign-in, tokens and keys land
 * in it.
 */
@LatchkeyIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AuditLogTests {

	@LocalServerPort
	int port;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	SigningKeys keys;

	@Autowired
	AuditAnchorLog anchorLog;

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

	private List<AuditEntry> latest(String type, String subject) {
		return this.audit.find(new AuditQuery(null, null, type, null, subject, 0, 20)).entries();
	}

	@Test
	void recordWhenTransactionRollsBackThenNothingWritten() {
		String subject = "test:" + System.nanoTime();
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		transaction.executeWithoutResult((status) -> {
			this.audit.record(AuditEvent.of("test.rolled_back", "system", null, subject));
			status.setRollbackOnly();
		});
		assertThat(latest("test", subject)).isEmpty();
		transaction.executeWithoutResult(
				(status) -> this.audit.record(AuditEvent.of("test.committed", "system", null, subject)));
		assertThat(latest("test", subject)).extracting(AuditEntry::type).containsExactly("test.committed");
	}

	@Test
	void recordWhenManyWritersAtOnceThenOneUnbrokenChain() throws Exception {
		String subject = "test:" + System.nanoTime();
		int threads = 8;
		int each = 25;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		long started = System.nanoTime();
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				done.add(pool.submit(() -> {
					for (int i = 0; i < each; i++) {
						this.audit.record(new AuditEvent("test.concurrent", "system", "127.0.0.1", subject,
								Map.of("thread", Integer.toString(thread), "i", Integer.toString(i))));
					}
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			pool.shutdown();
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		System.out.printf("audit: %d appends from %d threads in %d ms (%.2f ms each)%n", threads * each, threads,
				millis, (double) millis / (threads * each));
		long count = this.jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE subject = ?", Long.class,
				subject);
		assertThat(count).isEqualTo(threads * each);
		AuditVerification verification = this.audit.verify();
		assertThat(verification.intact()).as(String.valueOf(verification.problem())).isTrue();
		Long gaps = this.jdbc.queryForObject("SELECT max(id) - count(*) FROM audit_event", Long.class);
		assertThat(gaps).isZero();
	}

	@Test
	void rowsWhenUpdatedOrDeletedThenRefusedByTheDatabase() {
		this.audit.record(AuditEvent.of("test.append_only", "system", null, "test:append-only"));
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.update("UPDATE audit_event SET actor = 'someone-else'"))
			.satisfies((ex) -> assertThat(ex.getMostSpecificCause().getMessage()).contains("append-only"));
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.update("DELETE FROM audit_event"))
			.satisfies((ex) -> assertThat(ex.getMostSpecificCause().getMessage()).contains("append-only"));
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.jdbc.execute("TRUNCATE audit_event"))
			.satisfies((ex) -> assertThat(ex.getMostSpecificCause().getMessage()).contains("append-only"));
	}

	@Test
	void verifyWhileEntriesAreAppendedThenIntact() throws Exception {
		String subject = "test:" + System.nanoTime();
		java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
		ExecutorService writer = Executors.newSingleThreadExecutor();
		try {
			Future<?> appending = writer.submit(() -> {
				while (!stop.get()) {
					this.audit.record(AuditEvent.of("test.appended", "system", null, subject));
				}
			});
			List<String> problems = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				AuditVerification verification = this.audit.verify();
				if (!verification.intact()) {
					problems.add(verification.problem());
				}
			}
			stop.set(true);
			appending.get();
			// Rows and head are read in one snapshot: an append committing between the
			// two
			// reads must not look like missing rows.
			assertThat(problems).isEmpty();
		}
		finally {
			stop.set(true);
			writer.shutdown();
		}
	}

	@Test
	void verifyWhenOneRowChangedByHandThenNamesThatRow() {
		String subject = "test:tamper-" + System.nanoTime();
		for (int i = 0; i < 3; i++) {
			this.audit.record(new AuditEvent("test.tamper", "system", null, subject, Map.of("n", Integer.toString(i))));
		}
		assertThat(this.audit.verify().intact()).isTrue();
		long middle = latest("test.tamper", subject).get(1).id();
		try {
			tamper("UPDATE audit_event SET actor = 'mallory' WHERE id = " + middle);
			AuditVerification verification = this.audit.verify();
			assertThat(verification.intact()).isFalse();
			assertThat(verification.firstBrokenId()).isEqualTo(middle);
			assertThat(verification.problem()).contains("row " + middle).contains("changed");
		}
		finally {
			tamper("UPDATE audit_event SET actor = 'system' WHERE id = " + middle);
		}
		assertThat(this.audit.verify().intact()).isTrue();
	}

	@Test
	void verifyWhenRowDeletedByHandThenNamesTheRowAfterTheGap() {
		String subject = "test:delete-" + System.nanoTime();
		for (int i = 0; i < 3; i++) {
			this.audit.record(new AuditEvent("test.delete", "system", null, subject, Map.of("n", Integer.toString(i))));
		}
		List<AuditEntry> rows = latest("test.delete", subject);
		long middle = rows.get(1).id();
		Map<String, Object> saved = this.jdbc.queryForMap("SELECT * FROM audit_event WHERE id = ?", middle);
		try {
			tamper("DELETE FROM audit_event WHERE id = " + middle);
			AuditVerification verification = this.audit.verify();
			assertThat(verification.intact()).isFalse();
			assertThat(verification.firstBrokenId()).isEqualTo(middle + 1);
		}
		finally {
			this.jdbc.update(
					"INSERT INTO audit_event (id, occurred_at, type, actor, address, subject, details, previous_hash, hash) "
							+ "VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)",
					saved.get("id"), saved.get("occurred_at"), saved.get("type"), saved.get("actor"),
					saved.get("address"), saved.get("subject"), String.valueOf(saved.get("details")),
					saved.get("previous_hash"), saved.get("hash"));
		}
		assertThat(this.audit.verify().intact()).isTrue();
	}

	@Test
	void verifyWhenNewestRowRewrittenWithRecomputedHashesThenOnlyTheAnchorDetectsIt() {
		String subject = "test:rewrite-" + System.nanoTime();
		this.audit.record(new AuditEvent("test.rewrite", "system", null, subject, Map.of()));
		AuditVerification before = this.audit.verify();
		assertThat(before.intact()).isTrue();
		AuditAnchor anchor = AuditAnchor.parse(before.head());
		assertThat(this.audit.head()).contains(anchor);
		assertThat(this.audit.verify(anchor).intact()).isTrue();
		AuditEntry row = latest("test.rewrite", subject).get(0);
		assertThat(row.id()).isEqualTo(anchor.id());
		byte[] previous = this.jdbc.queryForObject("SELECT previous_hash FROM audit_event WHERE id = ?", byte[].class,
				row.id());
		AuditEntry forged = new AuditEntry(row.id(), row.occurredAt(), row.type(), "mallory", row.address(),
				row.subject(), row.details());
		// Someone with the database's owner rights: the row changed and every hash after
		// it recomputed, the head included.
		rewrite(row.id(), "mallory", AuditHashes.hash(previous, forged));
		try {
			assertThat(this.audit.verify().intact()).as("the chain alone cannot tell").isTrue();
			AuditVerification anchored = this.audit.verify(anchor);
			assertThat(anchored.intact()).isFalse();
			assertThat(anchored.firstBrokenId()).isEqualTo(anchor.id());
			assertThat(anchored.problem()).contains("anchored hash");
		}
		finally {
			rewrite(row.id(), "system", anchor.hash());
		}
		assertThat(this.audit.verify(anchor).intact()).isTrue();
		assertThat(this.audit.verify(new AuditAnchor(anchor.id() + 1_000_000, anchor.hash())).problem())
			.contains("rows were removed");
	}

	@Test
	void anchorLogWhenDueThenWritesTheNewestEntryAndItsHash(CapturedOutput output) {
		this.audit.record(AuditEvent.of("test.anchor_log", "system", null, "test:anchor-log"));
		AuditAnchor head = this.audit.head().orElseThrow();
		this.anchorLog.logHead();
		assertThat(output.getOut()).contains("Audit chain anchor " + head);
		assertThat(this.audit.verify(head).intact()).isTrue();
	}

	@Test
	void anchorWhenMalformedThenRefusedWithTheForm() {
		for (String text : List.of("", "42", "42:abc", "0:" + "a".repeat(64), "x:" + "a".repeat(64),
				"42:" + "g".repeat(64), "42:" + "a".repeat(65))) {
			assertThatExceptionOfType(IllegalArgumentException.class).as(text)
				.isThrownBy(() -> AuditAnchor.parse(text))
				.withMessageContaining("ID:HASH");
		}
		AuditAnchor parsed = AuditAnchor.parse(" 42:" + "AB".repeat(32) + " ");
		assertThat(parsed.id()).isEqualTo(42);
		assertThat(parsed).hasToString("42:" + "ab".repeat(32));
	}

	private void rewrite(long id, String actor, byte[] hash) {
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			this.jdbc.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete");
			this.jdbc.update("UPDATE audit_event SET actor = ?, hash = ? WHERE id = ?", actor, hash, id);
			this.jdbc.update("UPDATE audit_chain_head SET last_hash = ? WHERE id = 1 AND last_id = ?", hash, id);
			this.jdbc.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete");
		});
	}

	private void tamper(String sql) {
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			this.jdbc.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete");
			this.jdbc.execute(sql);
			this.jdbc.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete");
		});
	}

	@Test
	void signInWhenSucceededOrFailedThenRecordedWithAddressAndNoPassword() {
		String userId = this.jdbc.queryForObject("SELECT id::text FROM account WHERE email = 'user@example.com'",
				String.class);
		TestBrowser browser = new TestBrowser(baseUrl());
		browser.signIn("user@example.com", "Wrong-Password-123!");
		browser.signIn("Secret-Typed-In-Email-Field!", "Wrong-Password-123!");
		assertThat(browser.signIn("user@example.com", TestOAuthClient.PASSWORD).statusCode()).isEqualTo(302);
		AuditEntry failed = latest("signin.failed", "account:" + userId).get(0);
		assertThat(failed.address()).isEqualTo("127.0.0.1");
		assertThat(failed.details()).containsEntry("reason", "wrong_password");
		assertThat(this.audit.find(new AuditQuery(null, null, "signin.failed", null, null, 0, 20)).entries())
			.anySatisfy((entry) -> assertThat(entry.details()).containsEntry("reason", "unknown_account"));
		AuditEntry succeeded = latest("signin.succeeded", "account:" + userId).get(0);
		assertThat(succeeded.actor()).isEqualTo("account:" + userId);
		String everything = this.jdbc
			.queryForList("SELECT details::text || actor || coalesce(subject, '') FROM audit_event", String.class)
			.toString();
		assertThat(everything).doesNotContain("Wrong-Password-123!")
			.doesNotContain(TestOAuthClient.PASSWORD)
			.doesNotContain("Secret-Typed-In-Email-Field!");
	}

	@Test
	void batchedEventsWhenTheirTransactionCommitsThenAppendedAndWhenRolledBackNever() {
		String subject = "test:batched-" + System.nanoTime();
		new TransactionTemplate(this.transactionManager).executeWithoutResult(
				(status) -> this.audit.recordBatched(AuditEvent.of("test.batched", "system", null, subject)));
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			this.audit.recordBatched(AuditEvent.of("test.batched_rolled_back", "system", null, subject));
			status.setRollbackOnly();
		});
		this.audit.recordBatched(AuditEvent.of("test.batched_outside", "system", null, subject));
		this.audit.flushBatched();
		List<AuditEntry> rows = latest("test", subject);
		assertThat(rows).extracting(AuditEntry::type).containsExactlyInAnyOrder("test.batched", "test.batched_outside");
		assertThat(this.audit.verify().intact()).isTrue();
	}

	@Test
	void tokensWhenIssuedAndRevokedThenRecordedWithoutTheToken() {
		TestOAuthClient service = new TestOAuthClient(new TestBrowser(baseUrl()), "demo-service",
				"demo-service-secret");
		HttpResponse<String> response = service.clientCredentials("documents.read");
		String token = (String) TestOAuthClient.json(response).get("access_token");
		this.audit.flushBatched();
		AuditEntry issued = latest("token.issued", "client:demo-service").get(0);
		assertThat(issued.actor()).isEqualTo("client:demo-service");
		assertThat(issued.details()).containsEntry("grant", "client_credentials")
			.containsEntry("scope", "documents.read");
		assertThat(service.revoke(token).statusCode()).isEqualTo(200);
		AuditEntry revoked = latest("token.revoked", "client:demo-service").get(0);
		assertThat(revoked.details()).containsEntry("what", "access_token")
			.containsEntry("authorization", issued.details().get("authorization"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE details::text LIKE ?", Long.class,
				"%" + token.substring(token.length() - 20) + "%"))
			.isZero();
	}

	@Test
	void keysWhenRotatedThenRecordedWithTheActor() {
		this.keys.rotate(false, "cli:tester");
		List<AuditEntry> published = this.audit
			.find(new AuditQuery(null, null, "key.published", "cli:tester", null, 0, 5))
			.entries();
		assertThat(published).isNotEmpty();
		assertThat(published.get(0).subject()).startsWith("key:");
		assertThat(published.get(0).details()).containsKey("algorithm");
	}

}
