package dev.latchkey.auth.password;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.mail.internet.MimeMessage;

import dev.latchkey.auth.LatchkeyMailTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestMailServer;
import dev.latchkey.auth.TestOAuthClient;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.NewAccount;
import dev.latchkey.auth.account.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changing the password on the account page: a wrong current password counts as a failed
 * sign-in, every policy problem is shown next to its field, and a change ends every
 * session and refresh token of the account and mails a notice.
 */
@LatchkeyMailTest
class ChangePasswordTests {

	static final String NEW_PASSWORD = "Quartz-Meadow-93?";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ConfigurableApplicationContext context;

	String email;

	UUID accountId;

	TestBrowser browser;

	@BeforeEach
	void signIn() {
		this.email = "change-" + UUID.randomUUID() + "@example.test";
		this.accountId = this.accounts
			.register(new NewAccount(this.email, "Carl Change", TestOAuthClient.PASSWORD, Set.of(Role.USER)))
			.id();
		this.browser = newBrowser();
		assertThat(TestBrowser.location(this.browser.signIn(this.email, TestOAuthClient.PASSWORD)))
			.doesNotContain("error");
	}

	@Test
	void changeWhenWrongCurrentPasswordThenRefusedAndCountedAsFailedSignIn() {
		List<AuthenticationFailureBadCredentialsEvent> failures = new CopyOnWriteArrayList<>();
		ApplicationListener<AuthenticationFailureBadCredentialsEvent> listener = failures::add;
		this.context.addApplicationListener(listener);
		try {
			HttpResponse<String> response = change("Not-The-Password-1!", NEW_PASSWORD, NEW_PASSWORD);
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("The current password is wrong.")
				.contains("id=\"currentPassword-error\"")
				.contains("aria-describedby=\"currentPassword-error\"")
				.contains("href=\"#currentPassword\"")
				.doesNotContain("Not-The-Password-1!")
				.doesNotContain(NEW_PASSWORD);
			assertThat(failures).singleElement()
				.satisfies((event) -> assertThat(event.getAuthentication().getName()).isEqualTo(this.email));

			// A failed sign-in publishes the same event with the same principal, so
			// lockout
			// counts both alike.
			newBrowser().signIn(this.email, "Not-The-Password-1!");
			assertThat(failures).hasSize(2)
				.allSatisfy((event) -> assertThat(event.getAuthentication().getName()).isEqualTo(this.email));
		}
		finally {
			this.context
				.getBean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
						ApplicationEventMulticaster.class)
				.removeApplicationListener(listener);
		}
		assertThat(TestBrowser.location(newBrowser().signIn(this.email, TestOAuthClient.PASSWORD)))
			.as("the password did not change")
			.doesNotContain("error");
	}

	@Test
	void changeWhenPolicyBrokenThenEachProblemShownNextToItsField() {
		HttpResponse<String> weak = change(TestOAuthClient.PASSWORD, "short", "other");
		assertThat(weak.statusCode()).isEqualTo(400);
		assertThat(weak.body()).contains("Use at least 12 characters (this one has 5).")
			.contains("Add an upper-case letter.")
			.contains("Add a digit.")
			.contains("Add a symbol")
			.contains("The two new passwords are not the same.")
			.contains("aria-describedby=\"newPassword-hint newPassword-error\"")
			.contains("aria-describedby=\"confirmation-error\"")
			.contains("href=\"#newPassword\"")
			.contains("class=\"error-summary\"");

		HttpResponse<String> context = change(TestOAuthClient.PASSWORD, "Xq!9-Carl-Zz77", "Xq!9-Carl-Zz77");
		assertThat(context.body()).contains("Do not use “carl” in your password");
		HttpResponse<String> common = change(TestOAuthClient.PASSWORD, "Password1234!", "Password1234!");
		assertThat(common.body()).contains("This password is too common");
		HttpResponse<String> same = change(TestOAuthClient.PASSWORD, TestOAuthClient.PASSWORD,
				TestOAuthClient.PASSWORD);
		assertThat(same.body()).contains("You used this password recently");

		String csrf = TestBrowser.csrfToken(this.browser.get("/account/password").body());
		HttpResponse<String> german = this.browser
			.send(HttpRequest.newBuilder(URI.create(this.browser.baseUrl() + "/account/password"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept-Language", "de")
				.POST(HttpRequest.BodyPublishers.ofString(TestBrowser.formBody(Map.of("currentPassword",
						TestOAuthClient.PASSWORD, "newPassword", "short", "confirmation", "short", "_csrf", csrf))))
				.build());
		assertThat(german.body()).contains("Verwenden Sie mindestens 12 Zeichen (dieses hat 5).")
			.contains("Es gibt ein Problem");
	}

	@Test
	void changeWhenValidThenEverySessionAndRefreshTokenEndsAndNoticeIsMailed() {
		TestBrowser otherDevice = newBrowser();
		otherDevice.signIn(this.email, TestOAuthClient.PASSWORD);
		assertThat(otherDevice.get("/").statusCode()).isEqualTo(200);
		TestBrowser appBrowser = newBrowser();
		TestOAuthClient client = TestOAuthClient.demoWeb(appBrowser);
		TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
		String code = client.authorize(this.email, "openid documents.read", pkce);
		Map<String, Object> tokens = TestOAuthClient.json(client.exchangeCode(code, pkce.verifier()));

		HttpResponse<String> changed = change(TestOAuthClient.PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
		assertThat(changed.statusCode()).isEqualTo(302);
		assertThat(TestBrowser.location(changed)).endsWith("/password/changed");
		assertThat(this.browser.get("/password/changed").body()).contains("Your password was changed");

		assertThat(TestBrowser.location(this.browser.get("/account"))).endsWith("/login");
		assertThat(TestBrowser.location(otherDevice.get("/"))).endsWith("/login");
		assertThat(TestBrowser.location(appBrowser.get("/"))).endsWith("/login");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM spring_session WHERE principal_name = ?",
				Integer.class, this.accountId.toString()))
			.isZero();
		HttpResponse<String> refreshed = client.refresh((String) tokens.get("refresh_token"));
		assertThat(refreshed.statusCode()).isEqualTo(400);
		assertThat(TestOAuthClient.json(refreshed)).containsEntry("error", "invalid_grant");

		assertThat(TestBrowser.location(newBrowser().signIn(this.email, TestOAuthClient.PASSWORD)))
			.endsWith("/login?error");
		assertThat(TestBrowser.location(newBrowser().signIn(this.email, NEW_PASSWORD))).doesNotContain("error");

		MimeMessage notice = TestMailServer.awaitMailsTo(this.email, 1).get(0);
		assertThat(TestMailServer.subject(notice)).isEqualTo("Your Latchkey password was changed");
		assertThat(TestMailServer.text(notice)).contains("Hello Carl Change,")
			.contains("was changed on")
			.contains(TestMailServer.LINK_BASE + "/forgot-password")
			.doesNotContain(NEW_PASSWORD);
		assertThat(TestMailServer.html(notice)).contains("signed out everywhere");
	}

	private HttpResponse<String> change(String current, String newPassword, String confirmation) {
		HttpResponse<String> page = this.browser.get("/account/password");
		assertThat(page.statusCode()).isEqualTo(200);
		return this.browser.post("/account/password", Map.of("currentPassword", current, "newPassword", newPassword,
				"confirmation", confirmation, "_csrf", TestBrowser.csrfToken(page.body())));
	}

	private TestBrowser newBrowser() {
		return new TestBrowser("http://localhost:" + this.port);
	}

}
