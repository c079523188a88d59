package dev.latchkey.auth.admin;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
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

	/**
	 * Why the SQL built here is safe although SpotBugs cannot see it: table, column and
	 * type names come from PostgreSQL's catalogue (DatabaseTables), never from a backup
	 * file, and are quoted all the same; the backup's values are bound parameters.
	 */
	private static final String CATALOGUE_SQL = "Identifiers from the database's own catalogue, quoted; "
			+ "values from the backup are bound parameters";

	/** What a backup states before its tables. */
	static final List<String> HEADER = List.of("format", "formatVersion", "schemaVersion");

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
					counts.put(table.name(), writeRows(generator, table));
					generator.writeEndArray();
				}
				generator.writeEndObject();
				generator.writeEndObject();
			}
			return counts;
		});
	}

	@SuppressFBWarnings(value = "SQL_INJECTION_SPRING_JDBC", justification = CATALOGUE_SQL)
	private int writeRows(JsonGenerator generator, DatabaseTables.Table table) {
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
		return rows[0];
	}

	/**
	 * Loads a backup into this database, which must be at the backup's schema version and
	 * hold no data unless {@code replace} is set (then all data is deleted first). All of
	 * it happens in one transaction: a backup that cannot be restored leaves the database
	 * as it was.
	 * @param in the backup
	 * @param replace whether existing data may be deleted
	 * @return how many rows were restored per table
	 * @throws BackupException when the backup cannot be restored, saying why
	 */
	public Map<String, Integer> restore(InputStream in, boolean replace) {
		List<DatabaseTables.Table> ordered = this.tables.inDependencyOrder();
		Map<String, DatabaseTables.Table> byName = ordered.stream()
			.collect(Collectors.toMap(DatabaseTables.Table::name, (t) -> t));
		return this.transactions.execute((status) -> {
			requireEmptyOrReplace(ordered, replace);
			Map<String, Integer> counts;
			try (JsonParser parser = this.json.createParser(in)) {
				counts = restoreDocument(parser, byName);
			}
			catch (JacksonException ex) {
				// Not chained: the parser's message may quote the file, which holds
				// hashes.
				throw new BackupException("the backup is not valid JSON (line " + ex.getLocation().getLineNr()
						+ ", column " + ex.getLocation().getColumnNr() + ")");
			}
			resetIdentitySequences(ordered);
			return counts;
		});
	}

	/**
	 * Reads the document the way {@link #export} writes it: the header (format, format
	 * version, schema version) before the tables, each at most once, nothing after it.
	 */
	private Map<String, Integer> restoreDocument(JsonParser parser, Map<String, DatabaseTables.Table> byName) {
		expect(parser.nextToken(), JsonToken.START_OBJECT);
		Map<String, Integer> counts = new java.util.LinkedHashMap<>();
		java.util.Set<String> seen = new java.util.HashSet<>();
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			require(seen.add(name), "the backup names \"" + RestoreRefusal.shown(name) + "\" twice");
			switch (name) {
				case "format" -> require(FORMAT.equals(parser.nextStringValue()), "not a Latchkey backup");
				case "formatVersion" -> requireFormatVersion(parser);
				case "schemaVersion" -> requireSchemaVersion(parser.nextStringValue());
				case "tables" -> {
					require(seen.containsAll(HEADER), "not a Latchkey backup: it must begin with " + HEADER);
					restoreTables(parser, byName, counts);
				}
				default -> {
					parser.nextToken();
					parser.skipChildren();
				}
			}
		}
		require(seen.contains("tables"), "not a Latchkey backup: it has no tables");
		require(parser.nextToken() == null, "the backup goes on after its end");
		return counts;
	}

	private static void requireFormatVersion(JsonParser parser) {
		JsonToken token = parser.nextToken();
		String version = (token == JsonToken.VALUE_NUMBER_INT) ? parser.getString() : "\"" + token + "\"";
		require(String.valueOf(FORMAT_VERSION).equals(version),
				"backup format version " + RestoreRefusal.shown(version) + " is not supported");
	}

	private void restoreTables(JsonParser parser, Map<String, DatabaseTables.Table> byName,
			Map<String, Integer> counts) {
		expect(parser.nextToken(), JsonToken.START_OBJECT);
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			DatabaseTables.Table table = byName.get(name);
			require(table != null, "the backup has a table this schema lacks: " + RestoreRefusal.shown(name));
			require(!counts.containsKey(name), "the backup lists table " + name + " twice");
			counts.put(name, restoreRows(parser, table));
		}
	}

	private int restoreRows(JsonParser parser, DatabaseTables.Table table) {
		expect(parser.nextToken(), JsonToken.START_ARRAY);
		String insert = insert(table);
		List<Object[]> batch = new ArrayList<>();
		int rows = 0;
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			expect(token, JsonToken.START_OBJECT);
			rows++;
			batch.add(row(parser, table, rows));
			if (batch.size() == BATCH) {
				store(table, insert, batch, rows);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			store(table, insert, batch, rows);
		}
		return rows;
	}

	/**
	 * One row: every value text or null, every column one of the table's. A column the
	 * row leaves out is stored as null (the schema says whether that is allowed).
	 */
	private static Object[] row(JsonParser parser, DatabaseTables.Table table, int number) {
		Map<String, @Nullable String> row = new HashMap<>();
		for (String column = parser.nextName(); column != null; column = parser.nextName()) {
			String where = "table " + table.name() + ", row " + number + ": ";
			require(hasColumn(table, column),
					where + "the backup has a column this schema lacks: " + RestoreRefusal.shown(column));
			require(!row.containsKey(column), where + "column " + column + " appears twice");
			JsonToken value = parser.nextToken();
			require(value != null && value.isScalarValue(), where + "column " + column + " is not a single value");
			row.put(column, (value == JsonToken.VALUE_NULL) ? null : parser.getString());
		}
		return table.columns().stream().map((c) -> row.get(c.name())).toArray();
	}

	private static boolean hasColumn(DatabaseTables.Table table, String column) {
		return table.columns().stream().anyMatch((c) -> c.name().equals(column));
	}

	@SuppressFBWarnings(value = "SQL_INJECTION_SPRING_JDBC", justification = CATALOGUE_SQL)
	private void store(DatabaseTables.Table table, String insert, List<Object[]> batch, int lastRow) {
		try {
			this.jdbc.batchUpdate(insert, batch);
		}
		catch (DataAccessException ex) {
			throw new BackupException("table " + table.name() + ", rows " + (lastRow - batch.size() + 1) + " to "
					+ lastRow + ": " + RestoreRefusal.of(ex));
		}
	}

	String schemaVersion() {
		MigrationInfo current = this.flyway.info().current();
		return (current != null && current.getVersion() != null) ? current.getVersion().getVersion() : "none";
	}

	private void requireSchemaVersion(@Nullable String backupVersion) {
		require(backupVersion != null, "the backup names no schema version");
		String here = schemaVersion();
		require(here.equals(backupVersion), "the backup is of schema version " + RestoreRefusal.shown(backupVersion)
				+ " but this database is at " + here + ": restore with the Latchkey release that wrote it");
	}

	/**
	 * A database counts as empty when it has no accounts and no clients: a server that
	 * started on it has already created its signing keys, which the restore replaces.
	 */
	@SuppressFBWarnings(value = "SQL_INJECTION_SPRING_JDBC", justification = CATALOGUE_SQL)
	private void requireEmptyOrReplace(List<DatabaseTables.Table> ordered, boolean replace) {
		List<String> withData = ordered.stream()
			.map(DatabaseTables.Table::name)
			.filter(USER_DATA::contains)
			.filter(this::holdsRows)
			.toList();
		require(withData.isEmpty() || replace, "the database already holds data (" + String.join(", ", withData)
				+ "): restore into an empty database, or pass --replace to delete it first");
		// The audit log refuses TRUNCATE except to a restore (V050).
		this.jdbc.execute("SET LOCAL latchkey.audit_restore = 'on'");
		this.jdbc.execute("TRUNCATE " + ordered.stream().map((t) -> quote(t.name())).collect(Collectors.joining(", "))
				+ " CASCADE");
	}

	@SuppressFBWarnings(value = "SQL_INJECTION_SPRING_JDBC", justification = CATALOGUE_SQL)
	private boolean holdsRows(String table) {
		return Boolean.TRUE
			.equals(this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM " + quote(table) + ")", Boolean.class));
	}

	@SuppressFBWarnings(value = "SQL_INJECTION_SPRING_JDBC", justification = CATALOGUE_SQL)
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
