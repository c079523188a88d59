package dev.latchkey.auth.admin;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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
import dev.latchkey.auth.client.ClientDefinition;
import dev.latchkey.auth.client.ClientRegistrations;
import dev.latchkey.auth.system.AdminCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's user, audit, export and import commands against a real database: export,
 * wipe and import give a server where the same clients authenticate, the same users sign
 * in and tokens signed before the export still verify; the chain check names a row
 * changed by hand; every command has help and fails with one line.
 */
class AdminCommandsTests {

	private static final String SCHEMA = "admin8b_export";

	private static final String PASSWORD = "Quartz-Heron-Violin-71";

	@TempDir
	static Path files;

	@BeforeAll
	static void freshSchema() {
		sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
	}

	@Test
	void exportWipeImportThenSameClientsUsersAndTokensWork() throws Exception {
		Path export = files.resolve("export.json");
		String email = "exported-" + System.nanoTime() + "@example.com";
		String serviceToken;
		Map<String, Object> userTokens;
		try (ConfigurableApplicationContext source = server()) {
			source.getBean(ClientRegistrations.class)
				.ensure(new ClientDefinition("export-service", "Export Service", "export-service-secret-0123456789",
						Set.of("client_credentials"), List.of(), List.of(), Set.of("documents.read"), false));
			Result created = admin(PASSWORD + "\n", "users", "create", "--email", email, "--name", "Ex Ported",
					"--role", "USER", "--password-stdin");
			assertThat(created.code()).as(created.err()).isZero();
			assertThat(created.out()).contains("Created user " + email);
			TestBrowser browser = new TestBrowser(baseUrl(source));
			serviceToken = accessToken(browser, "export-service", "export-service-secret-0123456789");
			TestOAuthClient web = TestOAuthClient.demoWeb(browser);
			TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
			browser.signIn(email, PASSWORD);
			userTokens = TestOAuthClient
				.json(web.exchangeCode(web.authorize(email, "openid documents.read", pkce), pkce.verifier()));
			Result exported = admin(null, "export", "--file", export.toString());
			assertThat(exported.code()).as(exported.err()).isZero();
			assertThat(exported.out()).contains("Exported").contains("audit_event");
		}
		String document = Files.readString(export);
		assertThat(document).contains("export-service")
			.contains(email)
			.contains("\"signing_key\"")
			.contains("\"oauth2_authorization_consent\"")
			.contains("\"account_role\"")
			.doesNotContain(PASSWORD)
			.doesNotContain("export-service-secret-0123456789")
			.doesNotContain(serviceToken);

		sql("DROP SCHEMA " + SCHEMA + " CASCADE");
		assertThat(admin(null, "migrate").code()).isZero();
		Result imported = admin(null, "import", "--file", export.toString());
		assertThat(imported.code()).as(imported.err()).isZero();
		assertThat(imported.out()).contains("Imported");

		try (ConfigurableApplicationContext target = server()) {
			TestBrowser browser = new TestBrowser(baseUrl(target));
			assertThat(accessToken(browser, "export-service", "export-service-secret-0123456789")).isNotBlank();
			assertThat(TestBrowser.location(browser.signIn(email, PASSWORD))).doesNotContain("error");
			TestOAuthClient web = TestOAuthClient.demoWeb(browser);
			web.verifiedWithJwks(serviceToken);
			web.verifiedWithJwks((String) userTokens.get("access_token"));
			var refreshed = web.refresh((String) userTokens.get("refresh_token"));
			assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		}
		Result verified = admin(null, "audit", "verify");
		assertThat(verified.code()).as(verified.err()).isZero();
		assertThat(verified.out()).contains("Audit chain intact");
	}

	@Test
	void auditVerifyWhenRowChangedByHandThenFailsNamingIt() {
		try (ConfigurableApplicationContext server = server()) {
			new TestBrowser(baseUrl(server)).signIn("admin@example.com", TestOAuthClient.PASSWORD);
		}
		Result intact = admin(null, "audit", "verify");
		assertThat(intact.code()).isZero();
		java.util.regex.Matcher head = java.util.regex.Pattern.compile("newest entry as anchor: (\\d+:[0-9a-f]{64})")
			.matcher(intact.out());
		assertThat(head.find()).as(intact.out()).isTrue();
		Result anchored = admin(null, "audit", "verify", "--anchor", head.group(1));
		assertThat(anchored.code()).as(anchored.err()).isZero();
		assertThat(anchored.out()).contains("anchor " + head.group(1).split(":")[0] + " matches");
		Result malformed = admin(null, "audit", "verify", "--anchor", "42:abc");
		assertThat(malformed.code()).isEqualTo(2);
		assertThat(malformed.err().strip()).doesNotContain("\n").contains("--anchor: An anchor is an entry number");
		long id = queryLong("SELECT max(id) FROM " + SCHEMA + ".audit_event WHERE type = 'signin.succeeded'");
		sql("ALTER TABLE " + SCHEMA + ".audit_event DISABLE TRIGGER audit_event_no_update_or_delete");
		sql("UPDATE " + SCHEMA + ".audit_event SET address = '203.0.113.9' WHERE id = " + id);
		try {
			Result broken = admin(null, "audit", "verify");
			assertThat(broken.code()).isEqualTo(1);
			assertThat(broken.err().strip()).isEqualTo(
					"admin audit verify: broken at entry " + id + ": row " + id + " was changed after it was written");
		}
		finally {
			sql("UPDATE " + SCHEMA + ".audit_event SET address = '127.0.0.1' WHERE id = " + id);
			sql("ALTER TABLE " + SCHEMA + ".audit_event ENABLE TRIGGER audit_event_no_update_or_delete");
		}
	}

	@Test
	void commandsWhenHelpOrBadInputThenUsageOrOneLineReason() {
		for (List<String> command : List.of(List.of("users", "create"), List.of("users", "unlock"),
				List.of("audit", "verify"), List.of("export"), List.of("import"), List.of("users"), List.of("audit"))) {
			List<String> args = new ArrayList<>(command);
			args.add("--help");
			Result help = admin(null, args.toArray(String[]::new));
			assertThat(help.code()).as(command.toString()).isZero();
			assertThat(help.out()).as(command.toString()).contains("Usage: admin " + String.join(" ", command));
		}
		Result missing = admin(null, "users", "create", "--email", "a@example.com");
		assertThat(missing.code()).isEqualTo(2);
		assertThat(missing.err().strip()).doesNotContain("\n").contains("Missing required options");
		Result invalid = admin(null, "users", "create", "--email", "not-an-email", "--name", "<b>x</b>", "--role",
				"KING");
		assertThat(invalid.code()).isEqualTo(1);
		assertThat(invalid.err().strip()).doesNotContain("\n")
			.contains("email: Enter an email address")
			.contains("roles: Choose roles from the list");
		Result weak = admin("password\n", "users", "create", "--email", "weak-" + System.nanoTime() + "@example.com",
				"--name", "Weak", "--role", "USER", "--password-stdin");
		assertThat(weak.code()).isEqualTo(1);
		assertThat(weak.err()).startsWith("admin users create: password:");
		Result unknown = admin(null, "users", "unlock", "nobody-" + System.nanoTime() + "@example.com");
		assertThat(unknown.code()).isEqualTo(1);
		assertThat(unknown.err().strip()).startsWith("admin users unlock: no account has the email")
			.doesNotContain("\n");
		Result noFile = admin(null, "import", "--file", files.resolve("missing.json").toString());
		assertThat(noFile.code()).isEqualTo(1);
		assertThat(noFile.err().strip()).startsWith("admin import:").doesNotContain("\n");
	}

	private static String accessToken(TestBrowser browser, String clientId, String secret) {
		var response = new TestOAuthClient(browser, clientId, secret).clientCredentials("documents.read");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return (String) TestOAuthClient.json(response).get("access_token");
	}

	private static ConfigurableApplicationContext server() {
		List<String> args = new ArrayList<>(databaseArguments());
		args.add("--server.port=0");
		args.add("--latchkey.dev.sample-data=true");
		return new SpringApplicationBuilder(LatchkeyApplication.class).profiles("dev").run(args.toArray(String[]::new));
	}

	private static Result admin(String stdin, String... command) {
		List<String> args = new ArrayList<>(List.of(command));
		args.addAll(databaseArguments());
		args.add("--spring.profiles.active=dev");
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		InputStream in = System.in;
		if (stdin != null) {
			System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
		}
		try {
			int code = AdminCli.run(LatchkeyApplication.class, args.toArray(String[]::new), new PrintWriter(out, true),
					new PrintWriter(err, true));
			return new Result(code, out.toString(), err.toString());
		}
		finally {
			System.setIn(in);
		}
	}

	private static List<String> databaseArguments() {
		TestDatabase database = TestDatabase.get();
		String url = database.url() + (database.url().contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
		return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--spring.flyway.schemas=" + SCHEMA,
				"--spring.datasource.hikari.maximum-pool-size=4");
	}

	private static String baseUrl(ConfigurableApplicationContext context) {
		return "http://localhost:" + context.getEnvironment().getRequiredProperty("local.server.port");
	}

	private static void sql(String statement) {
		try (Connection connection = TestDatabase.get().connect(); Statement sql = connection.createStatement()) {
			sql.execute(statement);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long queryLong(String query) {
		try (Connection connection = TestDatabase.get().connect();
				Statement sql = connection.createStatement();
				var rs = sql.executeQuery(query)) {
			rs.next();
			return rs.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Result(int code, String out, String err) {
	}

}
