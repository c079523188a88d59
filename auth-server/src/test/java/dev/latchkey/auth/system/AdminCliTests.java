package dev.latchkey.auth.system;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.latchkey.auth.LatchkeyApplication;
import dev.latchkey.auth.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar auth-server.jar admin ...} end to end, in process: Spring starts
 * without a web server, runs one command, and the exit code and the streams say how it
 * went. Runs on its own schema of the test database, in dev mode.
 */
class AdminCliTests {

	private static final String SCHEMA = "admin_cli";

	@BeforeAll
	static void resetSchema() throws SQLException {
		try (Connection connection = TestDatabase.get().connect()) {
			connection.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
	}

	@Test
	void adminWhenHelpThenUsageListsFeatureCommandsAndNothingElseOnStdout() {
		Run run = admin("--help");
		assertThat(run.code()).isZero();
		assertThat(run.out()).startsWith("Usage: admin [-h] COMMAND")
			.containsPattern("\\n\\s+keys\\s+Signing keys")
			.doesNotContain("DEV MODE")
			.doesNotContain("Sample sign-ins")
			.doesNotContain("INFO");
		assertThat(run.err()).isEmpty();
	}

	@Test
	void adminWhenCommandRunsThenOnlyItsOutput() {
		Run run = admin("keys", "list");
		assertThat(run.code()).isZero();
		assertThat(run.out().lines().toList()).hasSize(3)
			.allSatisfy((line) -> assertThat(line).containsAnyOf("ALGORITHM", "ACTIVE"));
	}

	@Test
	void adminWhenNoCommandThenUsageErrorOnOneLine() {
		Run run = admin();
		assertThat(run.code()).isEqualTo(2);
		assertThat(run.err()).isEqualTo("admin: Missing command (see 'admin --help')\n");
	}

	@Test
	void adminWhenSettingsInvalidThenExitOneNamingTheSetting() {
		Run run = admin("--latchkey.keys.rotation-period=120d", "keys", "list");
		assertThat(run.code()).isEqualTo(1);
		assertThat(run.err()).startsWith("admin: cannot start: ")
			.contains("latchkey.keys.rotation-period is 120d but must be at most 90d")
			.hasLineCount(1);
		assertThat(run.out()).isEmpty();
	}

	@Test
	void adminWhenDatabaseUnreachableThenExitOneWithOneLineReason() {
		Run run = run(
				List.of("--spring.profiles.active=dev", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
						"--spring.datasource.hikari.connection-timeout=1000", "keys", "list"));
		assertThat(run.code()).isEqualTo(1);
		assertThat(run.err()).startsWith("admin: cannot start: ").hasLineCount(1);
	}

	@Test
	void springPropertyWhenGivenThenNotPassedToCommand() {
		assertThat(admin("--logging.level.root=warn", "--help").code()).isZero();
	}

	private static Run admin(String... args) {
		TestDatabase database = TestDatabase.get();
		String url = database.url() + (database.url().contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
		List<String> all = new ArrayList<>(List.of("--spring.profiles.active=dev", "--spring.datasource.url=" + url,
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--spring.flyway.schemas=" + SCHEMA));
		all.addAll(List.of(args));
		return run(all);
	}

	private static Run run(List<String> args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = AdminCli.run(LatchkeyApplication.class, args.toArray(String[]::new), new PrintWriter(out, true),
				new PrintWriter(err, true));
		return new Run(code, out.toString(), err.toString());
	}

	private record Run(int code, String out, String err) {
	}

}
