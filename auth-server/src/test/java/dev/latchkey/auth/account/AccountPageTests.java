package dev.latchkey.auth.account;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account page of a signed-in user: profile, name change, the way to change the
 * password.
 */
@LatchkeyIntegrationTest
class AccountPageTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Test
	void accountWhenSignedInThenProfileAndNameChange() {
		String email = "Profile-" + UUID.randomUUID() + "@Example.test";
		this.accounts.register(new NewAccount(email, "Pat Profile", TestOAuthClient.PASSWORD, Set.of(Role.MANAGER)));
		TestBrowser browser = new TestBrowser("http://localhost:" + this.port);
		assertThat(TestBrowser.location(browser.get("/account"))).endsWith("/login");
		assertThat(TestBrowser.location(browser.signIn(email.toUpperCase(), TestOAuthClient.PASSWORD)))
			.as("email is case-insensitive")
			.doesNotContain("error");

		HttpResponse<String> page = browser.get("/account");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains(email.toLowerCase())
			.contains("Pat Profile")
			.contains("MANAGER")
			.contains("href=\"/account/password\"");

		HttpResponse<String> blank = browser.post("/account/profile",
				Map.of("displayName", "  ", "_csrf", TestBrowser.csrfToken(page.body())));
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(blank.body()).contains("Enter a name.").contains("aria-describedby=\"displayName-error\"");
		HttpResponse<String> tooLong = browser.post("/account/profile",
				Map.of("displayName", "n".repeat(101), "_csrf", TestBrowser.csrfToken(page.body())));
		assertThat(tooLong.body()).contains("Use at most 100 characters for your name.");

		HttpResponse<String> saved = browser.post("/account/profile",
				Map.of("displayName", "  Pat Renamed ", "_csrf", TestBrowser.csrfToken(page.body())));
		assertThat(TestBrowser.location(saved)).endsWith("/account?saved");
		assertThat(browser.get("/account?saved").body()).contains("Pat Renamed").contains("Your name was saved.");
		assertThat(this.accounts.findByEmail(email).orElseThrow().displayName()).isEqualTo("Pat Renamed");

		HttpResponse<String> german = browser.send(HttpRequest.newBuilder(URI.create(browser.baseUrl() + "/account"))
			.header("Accept-Language", "de")
			.GET()
			.build());
		assertThat(german.body()).contains("Ihr Konto").contains("Passwort ändern");
	}

	@Test
	void registerWhenEmailDiffersOnlyInCaseThenRefused() {
		String email = "unique-" + UUID.randomUUID() + "@example.test";
		this.accounts.register(new NewAccount(email, "Una Unique", TestOAuthClient.PASSWORD, Set.of(Role.USER)));
		org.assertj.core.api.Assertions.assertThatExceptionOfType(EmailAlreadyRegisteredException.class)
			.isThrownBy(() -> this.accounts.register(
					new NewAccount(email.toUpperCase(), "Una Again", TestOAuthClient.PASSWORD, Set.of(Role.USER))));
	}

}
