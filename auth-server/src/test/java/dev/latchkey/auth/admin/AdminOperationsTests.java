package dev.latchkey.auth.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.latchkey.auth.LatchkeyApplication;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestDatabase;
import dev.latchkey.auth.TestOAuthClient;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.NewAccount;
import dev.latchkey.auth.account.Role;
import dev.latchkey.auth.system.AdminCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's commands, run as {@code admin ...} against real databases: backup and
 * restore into an empty database give a working server; dev-only commands refuse in
 * production; health-check and preflight answer with exit codes.
 */
class AdminOperationsTests {

	private static final String SOURCE = "admin_source";

	private static final String TARGET = "admin_target";

	private static final String PASSWORD = "Tidal-Marmot-Lamp-88";

	@TempDir
	static Path files;

	@BeforeAll
	static void freshSchemas() {
		dropSchema(SOURCE);
		dropSchema(TARGET);
	}

	@Test
	void backupThenRestoreIntoEmptyDatabaseThenServerWorksWithTheSameUsersKeysAndTokens() throws IOException {
		Path backup = files.resolve("backup.json");
		String email = "restored-" + System.nanoTime() + "@example.com";
		Map<String, Object> tokens;
		try (ConfigurableApplicationContext source = server(SOURCE, true)) {
			source.getBean(Accounts.class)
				.register(new NewAccount(email, "Rita Restored", PASSWORD, Set.of(Role.USER)));
			TestBrowser browser = new TestBrowser(baseUrl(source));
			TestOAuthClient client = TestOAuthClient.demoWeb(browser);
			TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
			browser.signIn(email, PASSWORD);
			String code = client.authorize(email, "openid documents.read", pkce);
			tokens = TestOAuthClient.json(client.exchangeCode(code, pkce.verifier()));

			Result result = admin(SOURCE, "backup", "--file", backup.toString());
			assertThat(result.code()).as(result.err()).isZero();
			assertThat(result.out()).contains("Backed up").contains("account");
		}
		assertThat(Files.readString(backup)).contains("\"format\":\"latchkey-backup\"")
			.doesNotContain(PASSWORD)
			.doesNotContain((String) tokens.get("refresh_token"));

		Result migrate = admin(TARGET, "migrate");
		assertThat(migrate.code()).as(migrate.err()).isZero();
		assertThat(migrate.out()).contains("Schema at version");
		Result restore = admin(TARGET, "restore", "--file", backup.toString());
		assertThat(restore.code()).as(restore.err()).isZero();
		assertThat(restore.out()).contains("Restored");

		try (ConfigurableApplicationContext target = server(TARGET, false)) {
			TestBrowser browser = new TestBrowser(baseUrl(target));
			assertThat(TestBrowser.location(browser.signIn(email, PASSWORD))).doesNotContain("error");
			TestOAuthClient client = TestOAuthClient.demoWeb(browser);
			client.verifiedWithJwks((String) tokens.get("access_token"));
			assertThat(client.refresh((String) tokens.get("refresh_token")).statusCode()).isEqualTo(200);
		}

		Result again = admin(TARGET, "restore", "--file", backup.toString());
		assertThat(again.code()).isEqualTo(1);
		assertThat(again.err()).contains("already holds data").contains("--replace");
	}

	@Test
	void restoreWhenBackupOfAnotherSchemaVersionThenRefusedWithReason() throws IOException {
		Path forged = files.resolve("old.json");
		Files.writeString(forged,
				"{\"format\":\"latchkey-backup\",\"formatVersion\":1,\"schemaVersion\":\"001\"," + "\"tables\":{}}");
		Result result = admin(SOURCE, "restore", "--file", forged.toString(), "--replace");
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err()).contains("schema version 001");
	}

	@Test
	void devOnlyCommandsWhenProductionThenRefused() {
		for (String command : List.of("reset-db", "seed-data")) {
			Result result = adminInProduction(SOURCE, command);
			assertThat(result.code()).as(command).isEqualTo(1);
			assertThat(result.err()).contains("admin " + command + " is for dev mode only");
		}
	}

	@Test
	void preflightWhenDevConfigurationThenFailsNamingEachProblem() {
		Result seeded = admin(SOURCE, "seed-data");
		assertThat(seeded.code()).as(seeded.err()).isZero();
		assertThat(seeded.out()).contains("Sample data in place: 4 users, 4 clients");
		Result result = admin(SOURCE, "preflight");
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.out()).contains("FAIL  issuer is not https")
			.contains("FAIL  sample data present")
			.contains("FAIL  clients with a published sample secret")
			.contains("PASS  database reachable");
	}

	@Test
	void healthCheckWhenServerReadyThenZeroElseOne() throws IOException {
		try (ConfigurableApplicationContext server = server(SOURCE, false)) {
			Result ready = admin(null, "health-check", "--url", baseUrl(server) + "/actuator/health/readiness");
			assertThat(ready.code()).as(ready.err()).isZero();
			assertThat(ready.out()).contains("UP");
		}
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		Result down = admin(null, "health-check", "--url", "http://localhost:" + closed + "/actuator/health/readiness");
		assertThat(down.code()).isEqualTo(1);
		assertThat(down.err()).contains("cannot reach");
	}

	private static ConfigurableApplicationContext server(String schema, boolean sampleData) {
		List<String> args = new ArrayList<>(databaseArguments(schema));
		args.add("--server.port=0");
		args.add("--latchkey.dev.sample-data=" + sampleData);
		return new SpringApplicationBuilder(LatchkeyApplication.class).profiles("dev").run(args.toArray(String[]::new));
	}

	private static Result admin(String schema, String... command) {
		List<String> args = new ArrayList<>(List.of(command));
		if (schema != null) {
			args.addAll(databaseArguments(schema));
			args.add("--spring.profiles.active=dev");
		}
		return run(args);
	}

	private static Result adminInProduction(String schema, String command) {
		List<String> args = new ArrayList<>(List.of(command));
		args.addAll(databaseArguments(schema));
		args.addAll(List.of("--latchkey.issuer=https://id.example.test", "--management.server.port=0",
				"--latchkey.kek-file=" + Path.of("target/latchkey-test-data/kek").toAbsolutePath()));
		return run(args);
	}

	private static Result run(List<String> args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = AdminCli.run(LatchkeyApplication.class, args.toArray(String[]::new), new PrintWriter(out, true),
				new PrintWriter(err, true));
		return new Result(code, out.toString(), err.toString());
	}

	private static List<String> databaseArguments(String schema) {
		TestDatabase database = TestDatabase.get();
		String url = database.url() + (database.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
		return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--spring.flyway.schemas=" + schema,
				"--spring.datasource.hikari.maximum-pool-size=4");
	}

	private static String baseUrl(ConfigurableApplicationContext context) {
		return "http://localhost:" + context.getEnvironment().getRequiredProperty("local.server.port");
	}

	private static void dropSchema(String schema) {
		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Result(int code, String out, String err) {
	}

}
