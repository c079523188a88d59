package dev.latchkey.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Token and introspection latency as the authorization store grows: rows are added with
 * one {@code INSERT ... SELECT generate_series} per step (half client-credentials grants,
 * half signed-in grants with an ID token and a refresh token family), then both scenarios
 * run again. None of the added tokens is ever presented; they only make the tables and
 * their indexes as large as a busy server's.
 */
final class Scale {

	private final Options options;

	private final Report report;

	private final Database db;

	private final Latchkey latchkey;

	private final Ceilings ceilings;

	Scale(Options options, Report report, Database db, Latchkey latchkey, Ceilings ceilings) {
		this.options = options;
		this.report = report;
		this.db = db;
		this.latchkey = latchkey;
		this.ceilings = ceilings;
	}

	boolean run() {
		// Start from an empty store (the scenarios before left rows behind), then one
		// real
		// sign-in, whose stored row is the template of the added ones.
		try (Connection connection = this.db.connect(this.latchkey.database);
				Statement statement = connection.createStatement()) {
			statement.execute("DELETE FROM stored_authorization");
			statement.execute("VACUUM ANALYZE stored_authorization");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot empty the authorization store", ex);
		}
		Scenario.signIn(this.latchkey, this.latchkey.http(0));
		List<Integer> concurrency = List.of(1, 16);
		Duration warmup = Duration.ofSeconds(3);
		Duration measure = Duration.ofSeconds(Math.max(5, Math.min(10, this.options.measure().toSeconds())));
		List<LoadRun.Result> results = new ArrayList<>();
		List<String> sizes = new ArrayList<>();
		for (int size : this.options.scaleSizes()) {
			long started = System.nanoTime();
			long rows = fill(size);
			sizes.add(String.format(Locale.ROOT, "%,d rows (filled in %.1f s)", rows,
					(System.nanoTime() - started) / 1e9));
			System.out.printf("  store holds %,d authorizations%n", rows);
			for (Scenario scenario : List.of(new Scenario.ClientCredentials(this.latchkey),
					new Scenario.Introspection(this.latchkey))) {
				for (int c : concurrency) {
					LoadRun.Result result = LoadRun.run(scenario, c, warmup, measure, this.db, this.ceilings);
					results.add(new LoadRun.Result(String.format(Locale.ROOT, "%,d", rows), result.scenario(),
							result.concurrency(), result.operations(), result.errors(), result.shed(),
							result.firstError(), result.seconds(), result.p50Millis(), result.p99Millis(),
							result.serverCpuMillis(), result.db(), result.cryptoMillis(),
							result.requestsPerOperation()));
				}
			}
		}
		this.report.line("");
		this.report.line("Scale: latency against stored authorizations (%s)", String.join(", ", sizes));
		this.report.line("%-12s %-30s %4s %9s %8s %8s %6s %8s", "stored", "scenario", "conc", "ops/s", "p50 ms",
				"p99 ms", "errors", "cpu ms");
		for (LoadRun.Result r : results) {
			this.report.line("%-12s %-30s %4d %9.1f %8.2f %8.2f %6d %8.2f", r.server(), r.scenario(), r.concurrency(),
					r.throughput(), r.p50Millis(), r.p99Millis(), r.errors(), r.cpuPerOperation());
		}
		boolean ok = true;
		for (LoadRun.Result small : results.subList(0, 4)) {
			LoadRun.Result large = results.get(results.size() - 4 + results.subList(0, 4).indexOf(small));
			double change = large.p50Millis() / small.p50Millis() - 1;
			this.report.line("  %s at %d: p50 %+.0f%% from %s to %s stored (target within +/-25%%)", small.scenario(),
					small.concurrency(), change * 100, small.server(), large.server());
			ok &= small.errors() == 0 && large.errors() == 0;
		}
		return ok;
	}

	/**
	 * Adds rows until the store holds {@code size} authorizations.
	 */
	long fill(int size) {
		try (Connection connection = this.db.connect(this.latchkey.database);
				Statement statement = connection.createStatement()) {
			long present = count(statement);
			if (present < size) {
				String serviceId = id(statement, this.latchkey.service.id());
				// Realistic rows: the JSON of a real signed-in grant (about 3 kB),
				// copied.
				try (PreparedStatement insert = connection.prepareStatement(
						"""
								INSERT INTO stored_authorization (id, registered_client_id, principal_name, grant_type,
								    authorized_scopes, attributes, access_token_hash, access_token_issued_at,
								    access_token_expires_at, access_token_metadata, access_token_type, access_token_scopes,
								    id_token_hash, id_token_issued_at, id_token_expires_at, id_token_metadata,
								    refresh_token_hash, refresh_token_issued_at, refresh_token_expires_at, refresh_token_metadata,
								    created_at, expires_at)
								SELECT 'bulk-' || i, CASE WHEN i % 2 = 0 THEN ? ELSE t.registered_client_id END,
								    CASE WHEN i % 2 = 0 THEN ? ELSE 'bulk-user-' || (i % 5000) END,
								    CASE WHEN i % 2 = 0 THEN 'client_credentials' ELSE t.grant_type END,
								    t.authorized_scopes, t.attributes, sha256(('bulk-access-' || i)::bytea), now(),
								    now() + interval '10 minutes', t.access_token_metadata, 'Bearer', t.access_token_scopes,
								    CASE WHEN i % 2 = 1 THEN sha256(('bulk-id-' || i)::bytea) END,
								    CASE WHEN i % 2 = 1 THEN now() END,
								    CASE WHEN i % 2 = 1 THEN now() + interval '10 minutes' END,
								    CASE WHEN i % 2 = 1 THEN t.id_token_metadata END,
								    CASE WHEN i % 2 = 1 THEN sha256(('bulk-refresh-' || i)::bytea) END,
								    CASE WHEN i % 2 = 1 THEN now() END,
								    CASE WHEN i % 2 = 1 THEN now() + interval '30 days' END,
								    CASE WHEN i % 2 = 1 THEN t.refresh_token_metadata END,
								    now(), now() + interval '30 days'
								FROM generate_series(?, ?) AS i,
								    (SELECT * FROM stored_authorization WHERE grant_type = 'authorization_code'
								     AND access_token_hash IS NOT NULL AND id NOT LIKE 'bulk-%' LIMIT 1) AS t""")) {
					insert.setString(1, serviceId);
					insert.setString(2, this.latchkey.service.id());
					insert.setLong(3, present);
					insert.setLong(4, size - 1);
					insert.executeUpdate();
				}
				statement.execute("""
						INSERT INTO refresh_token (token_hash, authorization_id, issued_at)
						SELECT refresh_token_hash, id, refresh_token_issued_at FROM stored_authorization
						WHERE id LIKE 'bulk-%' AND refresh_token_hash IS NOT NULL
						ON CONFLICT DO NOTHING""");
				statement.execute("VACUUM ANALYZE stored_authorization");
				statement.execute("VACUUM ANALYZE refresh_token");
			}
			return count(statement);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot fill the authorization store", ex);
		}
	}

	private static long count(Statement statement) throws SQLException {
		try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM stored_authorization")) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static String id(Statement statement, String clientId) throws SQLException {
		try (ResultSet rows = statement
			.executeQuery("SELECT id FROM oauth2_registered_client WHERE client_id = '" + clientId + "'")) {
			rows.next();
			return rows.getString(1);
		}
	}

}
