package dev.latchkey.auth.password;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.NewAccount;
import dev.latchkey.auth.account.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With expiry on (90 days), an expired password must be changed at the next sign-in, and
 * the person then goes on where they were.
 */
@LatchkeyIntegrationTest
@TestPropertySource(properties = "latchkey.password.expiry-enabled=true")
class ExpiredPasswordTests {

	static final String NEW_PASSWORD = "Copper-Lagoon-64&";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcTemplate jdbc;

	String email;

	UUID accountId;

	@BeforeEach
	void createAccount() {
		this.email = "expired-" + UUID.randomUUID() + "@example.test";
		this.accountId = this.accounts
			.register(new NewAccount(this.email, "Eve Expiry", TestOAuthClient.PASSWORD, Set.of(Role.USER)))
			.id();
	}

	@Test
	void signInWhenPasswordOlderThan90DaysThenNewOneChosenBeforeSigningIn() {
		ageTheCurrentPassword(91);
		TestBrowser browser = new TestBrowser("http://localhost:" + this.port);
		assertThat(TestBrowser.location(browser.get("/account"))).endsWith("/login");

		HttpResponse<String> signIn = browser.signIn(this.email, TestOAuthClient.PASSWORD);
		assertThat(TestBrowser.location(signIn)).endsWith("/password/expired");
		assertThat(TestBrowser.location(browser.get("/account"))).as("not signed in").endsWith("/login");
		HttpResponse<String> page = browser.get("/password/expired");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Your password has expired").contains(this.email);

		HttpResponse<String> same = browser.post("/password/expired", Map.of("newPassword", TestOAuthClient.PASSWORD,
				"confirmation", TestOAuthClient.PASSWORD, "_csrf", TestBrowser.csrfToken(page.body())));
		assertThat(same.statusCode()).isEqualTo(400);
		assertThat(same.body()).contains("You used this password recently");
		HttpResponse<String> changed = browser.post("/password/expired", Map.of("newPassword", NEW_PASSWORD,
				"confirmation", NEW_PASSWORD, "_csrf", TestBrowser.csrfToken(same.body())));
		assertThat(TestBrowser.location(changed)).endsWith("/password/changed");
		assertThat(TestBrowser.location(browser.get("/password/expired"))).as("the change is over").endsWith("/login");

		assertThat(
				TestBrowser.location(new TestBrowser(browser.baseUrl()).signIn(this.email, TestOAuthClient.PASSWORD)))
			.endsWith("/login?error");
		HttpResponse<String> withNew = browser.signIn(this.email, NEW_PASSWORD);
		assertThat(TestBrowser.location(withNew)).as("goes on where the person was").contains("/account");
		assertThat(browser.get("/account").statusCode()).isEqualTo(200);
	}

	@Test
	void signInWhenExpiredButPasswordWrongThenUsualFailureWithoutHint() {
		ageTheCurrentPassword(200);
		TestBrowser browser = new TestBrowser("http://localhost:" + this.port);
		assertThat(TestBrowser.location(browser.signIn(this.email, "Wrong-Password-1!"))).endsWith("/login?error");
		assertThat(TestBrowser.location(browser.get("/password/expired"))).endsWith("/login");
	}

	@Test
	void signInWhenPasswordYoungerThan90DaysThenSignedIn() {
		ageTheCurrentPassword(89);
		TestBrowser browser = new TestBrowser("http://localhost:" + this.port);
		assertThat(TestBrowser.location(browser.signIn(this.email, TestOAuthClient.PASSWORD))).doesNotContain("error")
			.doesNotContain("expired");
	}

	private void ageTheCurrentPassword(int days) {
		this.jdbc.update("UPDATE account SET password_changed_at = now() - make_interval(days => ?) WHERE id = ?", days,
				this.accountId);
	}

}
