package dev.latchkey.auth.authorization;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.latchkey.auth.LatchkeyApplication;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing that must survive a restart lives in memory: clients, users, tokens, sessions
 * and signing keys all come back from PostgreSQL.
 */
class RestartTests {

	@Test
	void tokensWhenServerRestartsOnSameDatabaseThenStillWork() {
		Map<String, Object> tokens;
		String sessionCheckPath = "/";
		TestBrowser browser;
		try (ConfigurableApplicationContext first = start()) {
			browser = new TestBrowser("http://localhost:" + port(first));
			TestOAuthClient client = TestOAuthClient.demoWeb(browser);
			TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
			String code = client.authorize("user@example.com", "openid documents.read", pkce);
			tokens = TestOAuthClient.json(client.exchangeCode(code, pkce.verifier()));
			assertThat(browser.get(sessionCheckPath).statusCode()).isEqualTo(200);
		}

		try (ConfigurableApplicationContext second = start()) {
			TestBrowser afterRestart = new TestBrowser("http://localhost:" + port(second));
			TestOAuthClient client = TestOAuthClient.demoWeb(afterRestart);
			String accessToken = (String) tokens.get("access_token");
			client.verifiedWithJwks(accessToken);
			client.verifiedWithJwks((String) tokens.get("id_token"));
			assertThat(TestOAuthClient.json(client.introspect(accessToken))).containsEntry("active", true);
			assertThat(client.userInfo(accessToken).statusCode()).isEqualTo(200);

			HttpResponse<String> refreshed = client.refresh((String) tokens.get("refresh_token"));
			assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
			client.verifiedWithJwks((String) TestOAuthClient.json(refreshed).get("access_token"));
		}
	}

	private static ConfigurableApplicationContext start() {
		// A command-line argument, because application.properties (server.port=9000)
		// wins over default properties.
		return new SpringApplicationBuilder(LatchkeyApplication.class).profiles("dev").run("--server.port=0");
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

}
