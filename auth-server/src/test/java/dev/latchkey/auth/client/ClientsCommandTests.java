package dev.latchkey.auth.client;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import dev.latchkey.auth.system.AdminCli;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code admin clients ...} as an operator types it, run in a started server.
 */
@ClientIntegrationTest
class ClientsCommandTests {

	@Autowired
	ConfigurableApplicationContext context;

	@LocalServerPort
	int port;

	@Test
	void helpWhenAskedThenEveryCommandDescribed() {
		Run help = admin("clients", "--help");
		assertThat(help.code()).isZero();
		assertThat(help.out()).contains("Usage: admin clients [-h] COMMAND", "register", "rotate-secret", "disable",
				"list");
		for (String command : new String[] { "register", "rotate-secret", "disable", "enable", "list" }) {
			Run commandHelp = admin("clients", command, "--help");
			assertThat(commandHelp.code()).as(command).isZero();
			assertThat(commandHelp.out()).as(command).contains("Usage: admin clients " + command);
		}
		assertThat(admin("clients", "register", "--help").out()).contains("--redirect-uri=URI", "--scope=SCOPE");
	}

	@Test
	void registerRotateDisableListWhenRunThenClientWorksAsPrinted() {
		Run registered = admin("clients", "register", "--name", "CLI Service", "--client-id", "cli-service",
				"--grant-type", "client_credentials", "--scope", "documents.read", "--actor", "ops");
		assertThat(registered.code()).as(registered.err()).isZero();
		String secret = value(registered.out(), "client_secret");
		assertThat(registered.out()).startsWith("Registered client cli-service").contains("shown only now");
		assertThat(tokenStatus("cli-service", secret)).isEqualTo(200);

		Run rotated = admin("clients", "rotate-secret", "cli-service", "--grace", "1h");
		assertThat(rotated.code()).isZero();
		String second = value(rotated.out(), "client_secret");
		assertThat(rotated.out()).contains("The previous secret works until");
		assertThat(tokenStatus("cli-service", secret)).isEqualTo(200);
		assertThat(tokenStatus("cli-service", second)).isEqualTo(200);

		assertThat(admin("clients", "disable", "cli-service").out()).isEqualTo("Disabled client cli-service\n");
		assertThat(tokenStatus("cli-service", second)).isEqualTo(401);
		Run list = admin("clients", "list");
		assertThat(list.code()).isZero();
		assertThat(list.out())
			.containsPattern("cli-service\\s+client_secret_basic\\s+disabled\\s+client_credentials\\s+CLI Service")
			.doesNotContain(second);
		assertThat(admin("clients", "enable", "cli-service").code()).isZero();
		assertThat(tokenStatus("cli-service", second)).isEqualTo(200);
	}

	@Test
	void registerWhenRefusedThenExitOneWithOneLineNamingTheFields() {
		Run refused = admin("clients", "register", "--name", "Bad", "--redirect-uri", "https://app.example.com/cb#x",
				"--scope", "openid", "--access-token-lifetime", "1h");
		assertThat(refused.code()).isEqualTo(1);
		assertThat(refused.out()).isEmpty();
		assertThat(refused.err().lines()).singleElement()
			.satisfies((line) -> assertThat(line).startsWith("admin clients register: redirect_uris: ")
				.contains("fragment")
				.contains("access_token_lifetime: "));

		Run unknown = admin("clients", "rotate-secret", "no-such-client");
		assertThat(unknown.code()).isEqualTo(1);
		assertThat(unknown.err()).isEqualTo("admin clients rotate-secret: No client with client id no-such-client\n");

		Run usage = admin("clients", "register", "--scope", "openid");
		assertThat(usage.code()).isEqualTo(2);
		assertThat(usage.err()).contains("Missing required option: '--name=TEXT'");
	}

	private int tokenStatus(String clientId, String secret) {
		return new TestOAuthClient(new TestBrowser("http://localhost:" + this.port), clientId, secret)
			.clientCredentials("documents.read")
			.statusCode();
	}

	private static String value(String output, String name) {
		Matcher matcher = Pattern.compile(name + ":\\s+(\\S+)").matcher(output);
		assertThat(matcher.find()).as(output).isTrue();
		return matcher.group(1);
	}

	private Run admin(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = AdminCli.execute(this.context, new PrintWriter(out, true), new PrintWriter(err, true), args);
		return new Run(code, out.toString(), err.toString());
	}

	record Run(int code, String out, String err) {
	}

}
