package dev.latchkey.auth.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.NewAccount;
import dev.latchkey.auth.account.Role;
import dev.latchkey.auth.client.ClientDefinition;
import dev.latchkey.auth.client.ClientRegistrations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the flows with canary secrets at DEBUG level (TRACE for Spring Security) and scans
 * everything logged: no password, client secret, code, token or key-encryption key may
 * appear.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "logging.level.dev.latchkey=DEBUG", "logging.level.org.springframework.security=TRACE",
				"logging.level.org.springframework.web=DEBUG", "logging.level.org.springframework.session=DEBUG" })
@ActiveProfiles("dev")
@ExtendWith(OutputCaptureExtension.class)
class LogCanaryTests {

	private static final String PASSWORD = "Canary-Pass-7c1e9b!";

	private static final String WRONG_PASSWORD = "Canary-Wrong-55d0a2!";

	private static final String CLIENT_SECRET = "canary-client-secret-3f9a81d2c7";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ClientRegistrations clients;

	@Value("${latchkey.kek-file}")
	Path kekFile;

	@Test
	void logsWhenFullFlowsRunThenNoSecretAppears(CapturedOutput output) throws IOException {
		String email = "canary-" + System.nanoTime() + "@example.com";
		this.accounts.register(new NewAccount(email, "Canary", PASSWORD, Set.of(Role.USER)));
		this.clients.ensure(new ClientDefinition("canary-app", "Canary App", CLIENT_SECRET,
				Set.of("authorization_code", "refresh_token", "client_credentials"),
				List.of(TestOAuthClient.REDIRECT_URI), List.of(), Set.of("openid", "documents.read"), false));

		TestBrowser browser = new TestBrowser("http://localhost:" + this.port);
		browser.signIn(email, WRONG_PASSWORD);
		TestOAuthClient client = new TestOAuthClient(browser, "canary-app", CLIENT_SECRET);
		TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
		List<String> canaries = new ArrayList<>(List.of(PASSWORD, WRONG_PASSWORD, CLIENT_SECRET, pkce.verifier(),
				Files.readString(this.kekFile).strip()));

		String code = authorize(browser, email, pkce);
		canaries.add(code);
		Map<String, Object> tokens = TestOAuthClient.json(client.exchangeCode(code, pkce.verifier()));
		canaries.add((String) tokens.get("access_token"));
		canaries.add((String) tokens.get("refresh_token"));
		canaries.add((String) tokens.get("id_token"));
		Map<String, Object> refreshed = TestOAuthClient.json(client.refresh((String) tokens.get("refresh_token")));
		canaries.add((String) refreshed.get("refresh_token"));
		client.introspect((String) refreshed.get("access_token"));
		client.userInfo((String) refreshed.get("access_token"));
		client.revoke((String) refreshed.get("refresh_token"));
		Map<String, Object> service = TestOAuthClient.json(client.clientCredentials("documents.read"));
		canaries.add((String) service.get("access_token"));
		new TestOAuthClient(browser, "canary-app", "wrong-" + CLIENT_SECRET).clientCredentials("documents.read");

		assertThat(output.getAll()).as("something was logged at DEBUG").contains("o.s.security");
		List<String> names = List.of("password", "wrong password", "client secret", "PKCE verifier", "KEK", "code",
				"access token", "refresh token", "ID token", "rotated refresh token", "service token");
		for (int i = 0; i < canaries.size(); i++) {
			assertThat(canaries.get(i)).as(names.get(i)).isNotBlank();
			assertThat(output.getAll().contains(canaries.get(i))).as("the %s appears in the logs", names.get(i))
				.isFalse();
		}
	}

	private String authorize(TestBrowser browser, String email, TestBrowser.Pkce pkce) {
		String authorize = "/oauth2/authorize?response_type=code&client_id=canary-app&redirect_uri="
				+ TestBrowser.encode(TestOAuthClient.REDIRECT_URI)
				+ "&scope=openid%20documents.read&state=c&code_challenge=" + pkce.challenge()
				+ "&code_challenge_method=S256";
		browser.get(authorize);
		String afterSignIn = TestBrowser.location(browser.post("/login", Map.of("email", email, "password", PASSWORD,
				"_csrf", TestBrowser.csrfToken(browser.get("/login").body()))));
		String callback = TestBrowser.location(browser.get(afterSignIn));
		return TestBrowser.queryParameters(callback).get("code");
	}

}
