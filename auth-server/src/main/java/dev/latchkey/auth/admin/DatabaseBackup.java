package dev.latchkey.auth.admin;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Backup and restore of all of Latchkey's data as one JSON document: every table of the
 * schema (sessions excepted), every value as text, with the schema version it belongs to.
 * Private signing keys stay encrypted under the key-encryption key and passwords and
 * secrets stay hashed, so a backup is as sensitive as the database, no more.
 * <p>
 * CAUTION: a backup holds password hashes and the encrypted signing keys. Store it like
 * the database itself; restoring it needs the same key-encryption key.
 */
@Service
public class DatabaseBackup {

	static final String FORMAT = "latchkey-backup";

	static final int FORMAT_VERSION = 1;

	private static final int BATCH = 500;

	static final java.util.Set<String> USER_DATA = java.util.Set.of("account", "oauth2_registered_client");

	private final JdbcOperations jdbc;

	private final DatabaseTables tables;

	private final Flyway flyway;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Built on the data source itself, not on the JDBC beans: a backup is taken before
	 * Flyway migrates, and those beans wait for Flyway.
	 */
	DatabaseBackup(DataSource dataSource, DatabaseTables tables, Flyway flyway, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.tables = tables;
		this.flyway = flyway;
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.clock = clock;
	}

	/**
	 * Writes every table to the stream, in one repeatable-read snapshot.
	 * @param out where the backup goes
	 * @return how many rows each table had
	 */
	public Map<String, Integer> export(OutputStream out) {
		TransactionTemplate snapshot = new TransactionTemplate(this.transactions.getTransactionManager());
		snapshot.setIsolationLevel(TransactionTemplate.ISOLATION_REPEATABLE_READ);
		snapshot.setReadOnly(true);
		return snapshot.execute((status) -> {
			Map<String, Integer> counts = new java.util.LinkedHashMap<>();
			try (JsonGenerator generator = this.json.createGenerator(out)) {
				generator.writeStartObject();
				generator.writeStringProperty("format", FORMAT);
				generator.writeNumberProperty("formatVersion", FORMAT_VERSION);
				generator.writeStringProperty("createdAt", this.clock.instant().toString());
				generator.writeStringProperty("schemaVersion", schemaVersion());
				generator.writeName("tables");
				generator.writeStartObject();
				for (DatabaseTables.Table table : this.tables.inDependencyOrder()) {
					generator.writeName(table.name());
					generator.writeStartArray();
					int[] rows = { 0 };
					this.jdbc.query(selectAsText(table), (rs) -> {
						generator.writeStartObject();
						for (int i = 0; i < table.columns().size(); i++) {
							String value = rs.getString(i + 1);
							generator.writeName(table.columns().get(i).name());
							if (value == null) {
								generator.writeNull();
							}
							else {
								generator.writeString(value);
							}
						}
						generator.writeEndObject();
						rows[0]++;
					});
					generator.writeEndArray();
					counts.put(table.name(), rows[0]);
				}
				generator.writeEndObject();
				generator.writeEndObject();
			}
			return counts;
		});
	}

	/**
	 * Loads a backup into this database, which must be at the backup's schema version and
	 * hold no data unless {@code replace} is set (then all data is deleted first).
	 * @param in the backup
	 * @param replace whether existing data may be deleted
	 * @return how many rows were restored per table
	 */
	public Map<String, Integer> restore(InputStream in, boolean replace) {
		List<DatabaseTables.Table> ordered = this.tables.inDependencyOrder();
		Map<String, DatabaseTables.Table> byName = ordered.stream()
			.collect(Collectors.toMap(DatabaseTables.Table::name, (t) -> t));
		return this.transactions.execute((status) -> {
			requireEmptyOrReplace(ordered, replace);
			Map<String, Integer> counts = new java.util.LinkedHashMap<>();
			try (JsonParser parser = this.json.createParser(in)) {
				expect(parser.nextToken(), JsonToken.START_OBJECT);
				for (String name = parser.nextName(); name != null; name = parser.nextName()) {
					switch (name) {
						case "format" -> require(FORMAT.equals(parser.nextStringValue()), "not a Latchkey backup");
						case "formatVersion" -> {
							parser.nextToken();
							require(parser.getIntValue() == FORMAT_VERSION,
									"backup format version " + parser.getIntValue() + " is not supported");
						}
						case "schemaVersion" -> requireSchemaVersion(parser.nextStringValue());
						case "tables" -> restoreTables(parser, byName, counts);
						default -> {
							parser.nextToken();
							parser.skipChildren();
						}
					}
				}
			}
			resetIdentitySequences(ordered);
			return counts;
		});
	}

	private void restoreTables(JsonParser parser, Map<String, DatabaseTables.Table> byName,
			Map<String, Integer> counts) {
		expect(parser.nextToken(), JsonToken.START_OBJECT);
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			DatabaseTables.Table table = byName.get(name);
			require(table != null, "the backup has a table this schema lacks: " + name);
			expect(parser.nextToken(), JsonToken.START_ARRAY);
			String insert = insert(table);
			List<Object[]> batch = new ArrayList<>();
			int rows = 0;
			while (parser.nextToken() == JsonToken.START_OBJECT) {
				Map<String, @Nullable String> row = new HashMap<>();
				for (String column = parser.nextName(); column != null; column = parser.nextName()) {
					JsonToken value = parser.nextToken();
					row.put(column, (value == JsonToken.VALUE_NULL) ? null : parser.getString());
				}
				batch.add(table.columns().stream().map((c) -> row.get(c.name())).toArray());
				rows++;
				if (batch.size() == BATCH) {
					this.jdbc.batchUpdate(insert, batch);
					batch.clear();
				}
			}
			if (!batch.isEmpty()) {
				this.jdbc.batchUpdate(insert, batch);
			}
			counts.put(name, rows);
		}
	}

	String schemaVersion() {
		MigrationInfo current = this.flyway.info().current();
		return (current != null && current.getVersion() != null) ? current.getVersion().getVersion() : "none";
	}

	private void requireSchemaVersion(String backupVersion) {
		String here = schemaVersion();
		require(here.equals(backupVersion), "the backup is of schema version " + backupVersion
				+ " but this database is at " + here + ": restore with the Latchkey release that wrote it");
	}

	/**
	 * A database counts as empty when it has no accounts and no clients: a server that
	 * started on it has already created its signing keys, which the restore replaces.
	 */
	private void requireEmptyOrReplace(List<DatabaseTables.Table> ordered, boolean replace) {
		List<String> withData = ordered.stream()
			.map(DatabaseTables.Table::name)
			.filter(USER_DATA::contains)
			.filter((name) -> Boolean.TRUE
				.equals(this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM " + quote(name) + ")", Boolean.class)))
			.toList();
		require(withData.isEmpty() || replace, "the database already holds data (" + String.join(", ", withData)
				+ "): restore into an empty database, or pass --replace to delete it first");
		// The audit log refuses TRUNCATE except to a restore (V050).
		this.jdbc.execute("SET LOCAL latchkey.audit_restore = 'on'");
		this.jdbc.execute("TRUNCATE " + ordered.stream().map((t) -> quote(t.name())).collect(Collectors.joining(", "))
				+ " CASCADE");
	}

	private void resetIdentitySequences(List<DatabaseTables.Table> ordered) {
		for (DatabaseTables.Table table : ordered) {
			for (DatabaseTables.Column column : table.columns()) {
				String sequence = this.jdbc.queryForObject("SELECT pg_get_serial_sequence(?, ?)", String.class,
						table.name(), column.name());
				if (sequence != null) {
					this.jdbc.queryForObject("SELECT setval(?, GREATEST(COALESCE((SELECT max(" + quote(column.name())
							+ ") FROM " + quote(table.name()) + "), 0), 1))", Long.class, sequence);
				}
			}
		}
	}

	private static String selectAsText(DatabaseTables.Table table) {
		return "SELECT " + table.columns()
			.stream()
			.map((c) -> "bytea".equals(c.type()) ? "encode(" + quote(c.name()) + ", 'base64')"
					: quote(c.name()) + "::text")
			.collect(Collectors.joining(", ")) + " FROM " + quote(table.name());
	}

	private static String insert(DatabaseTables.Table table) {
		return "INSERT INTO " + quote(table.name()) + " ("
				+ table.columns().stream().map((c) -> quote(c.name())).collect(Collectors.joining(", "))
				+ ") OVERRIDING SYSTEM VALUE VALUES ("
				+ table.columns()
					.stream()
					.map((c) -> "bytea".equals(c.type()) ? "decode(?, 'base64')" : "CAST(? AS " + quote(c.type()) + ")")
					.collect(Collectors.joining(", "))
				+ ")";
	}

	/**
	 * Names come from the database's own catalogue, never from the backup file, and are
	 * quoted all the same.
	 */
	private static String quote(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

	private static void expect(JsonToken actual, JsonToken expected) {
		require(actual == expected, "the backup is not valid JSON of the expected shape");
	}

	private static void require(boolean condition, String problem) {
		if (!condition) {
			throw new BackupException(problem);
		}
	}

}
