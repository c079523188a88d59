package dev.latchkey.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL both servers use: an embedded PostgreSQL 17 (its own processes, started
 * from this JVM), one database per server. Statistics come from {@code pg_stat_database}
 * and {@code pg_stat_user_tables}, CPU time from the postmaster's process tree.
 */
final class Database implements AutoCloseable {

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private Database(EmbeddedPostgres postgres, Path dataDirectory) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
	}

	static Database start(Path workDir, boolean synchronousCommit) {
		try {
			Path data = workDir.resolve("pgdata");
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(data)
				.setCleanDataDirectory(true)
				.setServerConfig("synchronous_commit", synchronousCommit ? "on" : "off")
				.setServerConfig("max_connections", "300")
				.setServerConfig("shared_buffers", "256MB")
				.start();
			return new Database(postgres, data);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void create(String database) {
		try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + database);
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + database, ex);
		}
	}

	String url(String database) {
		return "jdbc:postgresql://localhost:" + this.postgres.getPort() + "/" + database;
	}

	int port() {
		return this.postgres.getPort();
	}

	Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(url(database), "postgres", "");
	}

	long postmasterPid() {
		try {
			return Long.parseLong(Files.readAllLines(this.dataDirectory.resolve("postmaster.pid")).get(0).strip());
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	long cpuMillis() {
		long pid = postmasterPid();
		return (pid > 0) ? ProcStat.treeCpuMillis(pid) : 0;
	}

	/**
	 * Counters of one database, for deltas over a measurement window.
	 */
	Counters counters(String database) {
		try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
			long commits;
			try (ResultSet rows = statement
				.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
				rows.next();
				commits = rows.getLong(1);
			}
			// The tables' own rows: TOAST chunks of large JSON values are not counted.
			long inserted;
			long scans;
			try (ResultSet rows = statement.executeQuery("SELECT coalesce(sum(n_tup_ins), 0), "
					+ "coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0) FROM pg_stat_user_tables")) {
				rows.next();
				inserted = rows.getLong(1);
				scans = rows.getLong(2);
			}
			return new Counters(commits, inserted, scans, cpuMillis());
		}
		catch (SQLException ex) {
			return new Counters(0, 0, 0, cpuMillis());
		}
	}

	/**
	 * Counters of a database: committed transactions, inserted rows, table scans (index
	 * or sequential, about one per statement that reads a table), and PostgreSQL's CPU
	 * time.
	 */
	record Counters(long commits, long inserted, long scans, long cpuMillis) {

		Counters minus(Counters earlier) {
			return new Counters(this.commits - earlier.commits, this.inserted - earlier.inserted,
					this.scans - earlier.scans, this.cpuMillis - earlier.cpuMillis);
		}

	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			// Going away anyway.
		}
	}

}
