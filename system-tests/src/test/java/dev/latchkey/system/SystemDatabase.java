package dev.latchkey.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL the servers under test share: {@code TEST_DATABASE_URL} (a throwaway
 * database; its public schema is wiped once per run) or an embedded PostgreSQL 17 in this
 * test JVM.
 */
final class SystemDatabase {

	private static SystemDatabase shared;

	private final String url;

	private final String username;

	private final String password;

	private final EmbeddedPostgres embedded;

	private SystemDatabase(String url, String username, String password, EmbeddedPostgres embedded) {
		this.url = url;
		this.username = username;
		this.password = password;
		this.embedded = embedded;
	}

	static synchronized SystemDatabase shared() {
		if (shared == null) {
			String url = System.getenv("TEST_DATABASE_URL");
			if (url != null && !url.isBlank()) {
				shared = new SystemDatabase(url, env("TEST_DATABASE_USERNAME", "postgres"),
						env("TEST_DATABASE_PASSWORD", ""), null);
				shared.wipe();
			}
			else {
				shared = startEmbedded();
				Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
			}
		}
		return shared;
	}

	/**
	 * A database of its own, for tests that stop and start it.
	 */
	static SystemDatabase startEmbedded() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
			return new SystemDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", postgres);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A database of its own in the given folder and port, so it can be stopped and
	 * started again with its data, as when PostgreSQL restarts or fails over.
	 */
	static SystemDatabase startEmbeddedAt(java.nio.file.Path dataDirectory, int port, boolean fresh) {
		try {
			if (fresh) {
				deleteRecursively(dataDirectory);
			}
			// Never cleaned on close: the data must survive a stop and start.
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				.setPort(port)
				.start();
			return new SystemDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", postgres);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(java.nio.file.Path directory) throws IOException {
		if (!java.nio.file.Files.exists(directory)) {
			return;
		}
		try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(directory)) {
			for (java.nio.file.Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				java.nio.file.Files.delete(path);
			}
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

	/**
	 * The command-line arguments that point a server at this database.
	 */
	List<String> serverArguments() {
		return List.of("--spring.datasource.url=" + this.url, "--spring.datasource.username=" + this.username,
				"--spring.datasource.password=" + this.password);
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.username, this.password);
	}

	/**
	 * Creates an account for one test, a copy of a sample account (same password hash,
	 * role USER), so that what the test does to it (such as locking it) disturbs no other
	 * test.
	 * @param sampleEmail the sample account whose password the new one gets
	 * @param email the new account's email
	 */
	void createAccountLike(String sampleEmail, String email) {
		UUID id = UUID.randomUUID();
		try (Connection connection = connect()) {
			try (PreparedStatement insert = connection.prepareStatement(
					"INSERT INTO account (id, email, display_name, password_hash, enabled, email_verified, "
							+ "created_at, password_changed_at) SELECT ?, ?, 'Test Person', password_hash, true, true, "
							+ "now(), now() FROM account WHERE email = ?")) {
				insert.setObject(1, id);
				insert.setString(2, email);
				insert.setString(3, sampleEmail);
				if (insert.executeUpdate() != 1) {
					throw new IllegalStateException("No sample account " + sampleEmail);
				}
			}
			try (PreparedStatement role = connection
				.prepareStatement("INSERT INTO account_role (account_id, role) VALUES (?, 'USER')")) {
				role.setObject(1, id);
				role.executeUpdate();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the test account " + email, ex);
		}
	}

	/**
	 * Whether an account is locked now, as the lockout table says.
	 */
	boolean isLocked(String email) {
		try (Connection connection = connect();
				PreparedStatement query = connection
					.prepareStatement("SELECT count(*) FROM account_lockout l JOIN account a ON a.id = l.account_id "
							+ "WHERE lower(a.email) = lower(?) AND (l.held OR l.locked_until > now())")) {
			query.setString(1, email);
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getInt(1) == 1;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void wipe() {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA public CASCADE");
			statement.execute("CREATE SCHEMA public");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reset the system-test database", ex);
		}
	}

	void close() {
		if (this.embedded != null) {
			try {
				this.embedded.close();
			}
			catch (IOException ex) {
				// Going away anyway.
			}
		}
	}

}
