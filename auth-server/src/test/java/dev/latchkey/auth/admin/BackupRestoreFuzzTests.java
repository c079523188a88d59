package dev.latchkey.auth.admin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the import of a backup ({@code admin restore}): any document is read into a real
 * PostgreSQL schema at the current migration, with {@code --replace}. Every input must
 * end restored, or refused with a {@link BackupException} whose message tells the
 * operator why, and a refused restore must leave the data exactly as it was. Any other
 * exception would be a stack trace at the command line, and a half-restored database
 * would be lost data. Seeds: {@code BackupRestoreFuzzTestsInputs};
 * {@value #CURRENT_SCHEMA} in a seed stands for the schema version of this build, so the
 * valid seeds keep reaching the tables when migrations are added.
 */
class BackupRestoreFuzzTests {

	private static final String SCHEMA = "backup_fuzz";

	private static final String CURRENT_SCHEMA = "@current-schema@";

	private static HikariDataSource dataSource;

	private static DatabaseBackup backup;

	@BeforeAll
	static void migratedSchema() throws SQLException {
		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
		TestDatabase database = TestDatabase.get();
		dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(database.url() + (database.url().contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
		dataSource.setUsername(database.username());
		dataSource.setPassword(database.password());
		// The restore's transaction holds one connection while Flyway reads the schema
		// version on others.
		dataSource.setMaximumPoolSize(4);
		dataSource.setConnectionTimeout(5000);
		Flyway flyway = Flyway.configure()
			.dataSource(dataSource)
			.schemas(SCHEMA)
			.locations("classpath:db/migration")
			.load();
		flyway.migrate();
		Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
		backup = new DatabaseBackup(dataSource, new DatabaseTables(dataSource), flyway, clock);
	}

	@AfterAll
	static void close() {
		dataSource.close();
	}

	@FuzzTest(maxDuration = "60s")
	void restoreWhenAnyDocumentThenRestoredOrRefusedWithReason(byte[] input) {
		String document = new String(input, StandardCharsets.UTF_8).replace(CURRENT_SCHEMA, backup.schemaVersion());
		byte[] before = export();
		try {
			Map<String, Integer> counts = backup
				.restore(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)), true);
			assertThat(document).as("only a Latchkey backup of this schema restores")
				.contains(DatabaseBackup.FORMAT)
				.contains(backup.schemaVersion());
			assertThat(counts.values()).allMatch((rows) -> rows >= 0);
		}
		catch (BackupException refused) {
			assertThat(refused.getMessage()).isNotBlank();
			assertThat(export()).as("a refused restore changes nothing").isEqualTo(before);
		}
	}

	private static byte[] export() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		backup.export(out);
		return out.toByteArray();
	}

}
