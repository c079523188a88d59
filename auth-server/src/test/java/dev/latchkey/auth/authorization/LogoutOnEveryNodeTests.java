package dev.latchkey.auth.authorization;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.latchkey.auth.LatchkeyApplication;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers on one database, as behind a load balancer: a session started on one node
 * ends on both, whichever node serves the sign-out or the RP-initiated logout. One
 * browser (one cookie jar) talks to both nodes.
 */
class LogoutOnEveryNodeTests {

	private static final String POST_LOGOUT_REDIRECT_URI = "http://127.0.0.1:8080/";

	private static ConfigurableApplicationContext nodeA;

	private static ConfigurableApplicationContext nodeB;

	private static String urlA;

	private static String urlB;

	private TestBrowser browser;

	private TestOAuthClient client;

	@BeforeAll
	static void startNodes() {
		nodeA = start();
		nodeB = start();
		urlA = "http://localhost:" + port(nodeA);
		urlB = "http://localhost:" + port(nodeB);
	}

	@AfterAll
	static void stopNodes() {
		nodeB.close();
		nodeA.close();
	}

	@BeforeEach
	void setUp() {
		this.browser = new TestBrowser(urlA);
		this.client = TestOAuthClient.demoWeb(this.browser);
	}

	@Test
	void rpInitiatedLogoutWhenServedByOtherNodeThenSessionEndsOnBothNodes() {
		String idToken = signInOnNodeA();

		HttpResponse<String> logout = this.browser.get(urlB + "/connect/logout?id_token_hint=" + idToken
				+ "&post_logout_redirect_uri=" + TestBrowser.encode(POST_LOGOUT_REDIRECT_URI) + "&state=bye");

		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(TestBrowser.location(logout)).isEqualTo(POST_LOGOUT_REDIRECT_URI + "?state=bye");
		assertSignedOut(urlA);
		assertSignedOut(urlB);
	}

	@Test
	void signOutWhenServedByOtherNodeThenSessionEndsOnBothNodes() {
		signInOnNodeA();
		HttpResponse<String> page = this.browser.get(urlB + "/logout");
		assertThat(page.statusCode()).isEqualTo(200);

		HttpResponse<String> signedOut = this.browser.post(urlB + "/logout",
				Map.of("_csrf", TestBrowser.csrfToken(page.body())));

		assertThat(signedOut.statusCode()).isEqualTo(302);
		assertThat(TestBrowser.location(signedOut)).endsWith("/login?logout");
		assertSignedOut(urlA);
		assertSignedOut(urlB);
	}

	@Test
	void rpInitiatedLogoutWhenPostLogoutRedirectUriNotRegisteredExactlyThenRefusedAndSessionKept() {
		String idToken = signInOnNodeA();
		for (String unregistered : new String[] { "http://127.0.0.1:8080", "http://127.0.0.1:8080/other",
				"https://evil.example/", "http://127.0.0.1:8080/?x=1" }) {
			HttpResponse<String> logout = this.browser.get(urlB + "/connect/logout?id_token_hint=" + idToken
					+ "&post_logout_redirect_uri=" + TestBrowser.encode(unregistered));

			assertThat(logout.statusCode()).as(unregistered).isEqualTo(400);
			assertThat(logout.headers().firstValue("Location")).as(unregistered).isEmpty();
		}
		assertThat(this.browser.get(urlA + "/").statusCode()).as("still signed in").isEqualTo(200);
	}

	@Test
	void rpInitiatedLogoutWhenIdTokenHintNotIssuedByUsThenRefusedAndSessionKept() {
		String idToken = signInOnNodeA();
		String[] parts = idToken.split("\\.");
		String forged = parts[0] + "." + parts[1] + ".c2lnbmF0dXJl";

		HttpResponse<String> logout = this.browser.get(urlB + "/connect/logout?id_token_hint=" + forged
				+ "&post_logout_redirect_uri=" + TestBrowser.encode(POST_LOGOUT_REDIRECT_URI));

		assertThat(logout.statusCode()).isEqualTo(400);
		assertThat(logout.headers().firstValue("Location")).isEmpty();
		assertThat(this.browser.get(urlA + "/").statusCode()).as("still signed in").isEqualTo(200);
	}

	private String signInOnNodeA() {
		TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
		String code = this.client.authorize("user@example.com", "openid", pkce);
		Map<String, Object> tokens = TestOAuthClient.json(this.client.exchangeCode(code, pkce.verifier()));
		assertThat(this.browser.get(urlA + "/").statusCode()).as("signed in on node A").isEqualTo(200);
		assertThat(this.browser.get(urlB + "/").statusCode()).as("the session is seen on node B").isEqualTo(200);
		return (String) tokens.get("id_token");
	}

	private void assertSignedOut(String node) {
		HttpResponse<String> home = this.browser.get(node + "/");
		assertThat(home.statusCode()).as("signed out on " + node).isEqualTo(302);
		assertThat(TestBrowser.location(home)).endsWith("/login");
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
