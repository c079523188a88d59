package dev.latchkey.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The one PostgreSQL the tests of this JVM share: {@code TEST_DATABASE_URL} (with
 * {@code TEST_DATABASE_USERNAME} and {@code TEST_DATABASE_PASSWORD}) when set, which must
 * be a throwaway database because its public schema is wiped once per run; a PostgreSQL
 * container under {@code -Ptestcontainers}; otherwise an embedded PostgreSQL 17 started
 * on first use and stopped with the JVM.
 */
public final class TestDatabase {

	private static volatile TestDatabase instance;

	private final String url;

	private final String username;

	private final String password;

	private TestDatabase(String url, String username, String password) {
		this.url = url;
		this.username = username;
		this.password = password;
	}

	public static TestDatabase get() {
		if (instance == null) {
			synchronized (TestDatabase.class) {
				if (instance == null) {
					instance = start();
				}
			}
		}
		return instance;
	}

	private static TestDatabase start() {
		String url = System.getenv("TEST_DATABASE_URL");
		if (url != null && !url.isBlank()) {
			TestDatabase database = new TestDatabase(url, env("TEST_DATABASE_USERNAME", "postgres"),
					env("TEST_DATABASE_PASSWORD", ""));
			database.wipe();
			return database;
		}
		if (Boolean.getBoolean("latchkey.test.testcontainers")) {
			return fromContainer();
		}
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					// The JVM is going away; the temporary data folder goes with it.
				}
			}));
			return new TestDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the embedded PostgreSQL for tests", ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static TestDatabase fromContainer() {
		try {
			Supplier<String[]> container = (Supplier<String[]>) Class.forName("dev.latchkey.auth.ContainerDatabase")
				.getDeclaredConstructor()
				.newInstance();
			String[] connection = container.get();
			return new TestDatabase(connection[0], connection[1], connection[2]);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("-Ptestcontainers is set but its test sources are missing", ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

	private void wipe() {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA public CASCADE");
			statement.execute("CREATE SCHEMA public");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reset the test database", ex);
		}
	}

	public Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.username, this.password);
	}

	public String url() {
		return this.url;
	}

	public String username() {
		return this.username;
	}

	public String password() {
		return this.password;
	}

}
