package dev.latchkey.auth.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Latchkey's tables as the database describes them, in foreign-key order, so a backup
 * covers every feature's data without a list to keep up to date.
 */
@Component
class DatabaseTables {

	/** Not data: sessions are short-lived, the schema history belongs to Flyway. */
	static final Set<String> EXCLUDED = Set.of("spring_session", "spring_session_attributes", "flyway_schema_history");

	private final JdbcClient jdbc;

	/**
	 * Built on the data source itself: the backup runs before Flyway migrates, when the
	 * JDBC beans (which wait for Flyway) do not exist yet.
	 */
	DatabaseTables(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * The tables of the current schema, parents before children.
	 */
	List<Table> inDependencyOrder() {
		Map<String, List<Column>> columns = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT c.table_name, c.column_name, c.udt_name
				FROM information_schema.columns c
				JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
				WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
				ORDER BY c.table_name, c.ordinal_position""").query((rs, row) -> {
			String table = rs.getString(1);
			if (!EXCLUDED.contains(table)) {
				columns.computeIfAbsent(table, (t) -> new ArrayList<>())
					.add(new Column(rs.getString(2), rs.getString(3)));
			}
			return table;
		}).list();
		Map<String, Set<String>> parents = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT child.relname, parent.relname
				FROM pg_constraint con
				JOIN pg_class child ON child.oid = con.conrelid
				JOIN pg_class parent ON parent.oid = con.confrelid
				JOIN pg_namespace n ON n.oid = child.relnamespace
				WHERE con.contype = 'f' AND n.nspname = current_schema()""")
			.query((rs, row) -> parents.computeIfAbsent(rs.getString(1), (t) -> new LinkedHashSet<>())
				.add(rs.getString(2)))
			.list();
		List<Table> ordered = new ArrayList<>();
		Set<String> placed = new LinkedHashSet<>();
		while (placed.size() < columns.size()) {
			boolean progress = false;
			for (Map.Entry<String, List<Column>> table : columns.entrySet()) {
				if (!placed.contains(table.getKey())
						&& placed.containsAll(parentsWithin(parents, table.getKey(), columns.keySet()))) {
					ordered.add(new Table(table.getKey(), List.copyOf(table.getValue())));
					placed.add(table.getKey());
					progress = true;
				}
			}
			if (!progress) {
				throw new IllegalStateException("Foreign keys form a cycle among " + columns.keySet());
			}
		}
		return ordered;
	}

	private static Set<String> parentsWithin(Map<String, Set<String>> parents, String table, Set<String> tables) {
		Set<String> within = new LinkedHashSet<>(parents.getOrDefault(table, Set.of()));
		within.retainAll(tables);
		within.remove(table);
		return within;
	}

	/**
	 * A table and its columns.
	 *
	 * @param name the table name
	 * @param columns its columns, in order
	 */
	record Table(String name, List<Column> columns) {
	}

	/**
	 * A column and its PostgreSQL type.
	 *
	 * @param name the column name
	 * @param type the type name ({@code udt_name}: text, uuid, bytea, jsonb, ...)
	 */
	record Column(String name, String type) {
	}

}
