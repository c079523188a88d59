package dev.latchkey.auth.reset;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password reset by a link sent over real SMTP (GreenMail), end to end.
 */
@LatchkeyMailTest
class PasswordResetTests {

	static final String NEW_PASSWORD = "Harbor-Violet-58#";

	static final Pattern LINK = Pattern.compile(Pattern.quote(TestMailServer.LINK_BASE) + "/reset/[A-Za-z0-9_-]{43}");

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
		this.email = "reset-" + UUID.randomUUID() + "@example.test";
		this.accountId = this.accounts
			.register(new NewAccount(this.email, "Rita Reset", TestOAuthClient.PASSWORD, Set.of(Role.USER)))
			.id();
	}

	@Test
	void resetWhenLinkFromMailThenPasswordChangesAndEverythingFromBeforeIsRevoked() {
		TestBrowser signedIn = browser();
		signedIn.signIn(this.email, TestOAuthClient.PASSWORD);
		TestBrowser appBrowser = browser();
		TestOAuthClient client = TestOAuthClient.demoWeb(appBrowser);
		TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
		Map<String, Object> tokens = TestOAuthClient
			.json(client.exchangeCode(client.authorize(this.email, "openid", pkce), pkce.verifier()));

		TestBrowser person = browser();
		HttpResponse<String> form = person.get("/forgot-password");
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		// A forged forwarding header must not change the link: its base is a setting.
		HttpResponse<String> answer = person
			.send(HttpRequest.newBuilder(URI.create(person.baseUrl() + "/forgot-password"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("X-Forwarded-Host", "evil.example")
				.POST(HttpRequest.BodyPublishers.ofString(
						TestBrowser.formBody(Map.of("email", this.email, "_csrf", TestBrowser.csrfToken(form.body())))))
				.build());
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("If an account exists for that address, we sent a link to it.");

		MimeMessage mail = TestMailServer.awaitMailsTo(this.email, 1).get(0);
		assertThat(TestMailServer.subject(mail)).isEqualTo("Reset your Latchkey password");
		String link = link(TestMailServer.text(mail));
		assertThat(TestMailServer.html(mail)).contains("href=\"" + link + "\"");
		assertThat(TestMailServer.text(mail)).contains("Hello Rita Reset,").contains("The link works for 60 minutes");
		String token = link.substring(link.lastIndexOf('/') + 1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM password_reset_link WHERE token_hash = ?",
				Integer.class, (Object) ResetTokens.hash(token).orElseThrow()))
			.as("only the token's SHA-256 is stored")
			.isEqualTo(1);

		// Opening the link (a mail scanner, then the person) does not use it.
		HttpResponse<String> scanner = browser().get(path(link));
		assertThat(scanner.statusCode()).isEqualTo(302);
		assertThat(scanner.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(person.get(path(link)).statusCode()).isEqualTo(302);
		assertThat(linkState(token)).isEqualTo("LIVE");
		HttpResponse<String> newPasswordPage = person.get("/reset");
		assertThat(newPasswordPage.statusCode()).isEqualTo(200);
		assertThat(newPasswordPage.body()).contains("Choose a new password for " + this.email).doesNotContain(token);
		assertThat(newPasswordPage.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

		HttpResponse<String> weak = submit(person, "Password1234!", "Password1234!");
		assertThat(weak.statusCode()).isEqualTo(400);
		assertThat(weak.body()).contains("This password is too common");
		HttpResponse<String> reused = submit(person, TestOAuthClient.PASSWORD, TestOAuthClient.PASSWORD);
		assertThat(reused.body()).contains("You used this password recently");
		assertThat(linkState(token)).as("a refused password leaves the link usable").isEqualTo("LIVE");

		HttpResponse<String> done = submit(person, NEW_PASSWORD, NEW_PASSWORD);
		assertThat(done.statusCode()).isEqualTo(302);
		assertThat(TestBrowser.location(done)).endsWith("/password/changed");
		assertThat(linkState(token)).isEqualTo("USED");
		assertThat(TestBrowser.location(person.get("/"))).as("no automatic sign-in").endsWith("/login");

		assertThat(TestBrowser.location(browser().signIn(this.email, TestOAuthClient.PASSWORD)))
			.endsWith("/login?error");
		assertThat(TestBrowser.location(browser().signIn(this.email, NEW_PASSWORD))).doesNotContain("error");
		assertThat(TestBrowser.location(signedIn.get("/"))).as("sessions from before end").endsWith("/login");
		HttpResponse<String> refreshed = client.refresh((String) tokens.get("refresh_token"));
		assertThat(refreshed.statusCode()).as("refresh tokens from before are dead").isEqualTo(400);

		List<MimeMessage> mails = TestMailServer.awaitMailsTo(this.email, 2);
		assertThat(mails).extracting(TestMailServer::subject).contains("Your Latchkey password was changed");

		HttpResponse<String> again = browser().get(path(link));
		assertThat(again.statusCode()).isEqualTo(410);
		assertThat(again.body()).contains("This link was already used");
	}

	@Test
	void resetWhenTwentyPostsAtOnceThenExactlyOneSucceeds() throws Exception {
		String link = requestLink();
		List<TestBrowser> browsers = new ArrayList<>();
		List<String> csrfTokens = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			TestBrowser browser = browser();
			assertThat(browser.get(path(link)).statusCode()).isEqualTo(302);
			csrfTokens.add(TestBrowser.csrfToken(browser.get("/reset").body()));
			browsers.add(browser);
		}
		ExecutorService pool = Executors.newFixedThreadPool(20);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<HttpResponse<String>>> futures = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				TestBrowser browser = browsers.get(i);
				String csrf = csrfTokens.get(i);
				futures.add(pool.submit(() -> {
					start.await();
					return browser.post("/reset",
							Map.of("newPassword", NEW_PASSWORD, "confirmation", NEW_PASSWORD, "_csrf", csrf));
				}));
			}
			start.countDown();
			int succeeded = 0;
			int refused = 0;
			for (Future<HttpResponse<String>> future : futures) {
				HttpResponse<String> response = future.get(2, TimeUnit.MINUTES);
				if (response.statusCode() == 302) {
					assertThat(TestBrowser.location(response)).endsWith("/password/changed");
					succeeded++;
				}
				else if (response.statusCode() == 410) {
					assertThat(response.body()).contains("This link was already used");
					refused++;
				}
				else {
					assertThat(response.statusCode()).as("busy hashing is the only other answer").isEqualTo(503);
				}
			}
			System.out.printf("Twenty parallel reset POSTs: %d succeeded, %d told the link was used, %d busy%n",
					succeeded, refused, 20 - succeeded - refused);
			assertThat(succeeded).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(TestBrowser.location(browser().signIn(this.email, NEW_PASSWORD))).doesNotContain("error");
	}

	@Test
	void openWhenLinkExpiredThenClearPage() {
		String link = requestLink();
		TestBrowser person = browser();
		assertThat(person.get(path(link)).statusCode()).isEqualTo(302);
		String csrf = TestBrowser.csrfToken(person.get("/reset").body());
		this.jdbc.update("UPDATE password_reset_link SET expires_at = now() - interval '1 second' WHERE account_id = ?",
				this.accountId);

		HttpResponse<String> opened = browser().get(path(link));
		assertThat(opened.statusCode()).isEqualTo(410);
		assertThat(opened.body()).contains("This link has expired");
		HttpResponse<String> posted = person.post("/reset",
				Map.of("newPassword", NEW_PASSWORD, "confirmation", NEW_PASSWORD, "_csrf", csrf));
		assertThat(posted.statusCode()).isEqualTo(410);
		assertThat(posted.body()).contains("This link has expired");
		assertThat(TestBrowser.location(browser().signIn(this.email, NEW_PASSWORD))).endsWith("/login?error");
	}

	@Test
	void openWhenNewerLinkSentThenOlderShowsClearPageAndNewerWorks() {
		String older = requestLink();
		String newer = requestLink();
		assertThat(newer).isNotEqualTo(older);
		HttpResponse<String> opened = browser().get(path(older));
		assertThat(opened.statusCode()).isEqualTo(410);
		assertThat(opened.body()).contains("A newer link was sent").contains("Use the link in the newest mail");
		assertThat(browser().get(path(newer)).statusCode()).isEqualTo(302);
	}

	@Test
	void openWhenLinkUnknownOrNotOpenedThenClearPage() {
		HttpResponse<String> unknown = browser().get("/reset/not-a-token");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("This link does not work");
		HttpResponse<String> wellFormed = browser().get("/reset/" + "A".repeat(43));
		assertThat(wellFormed.statusCode()).isEqualTo(404);
		HttpResponse<String> notOpened = browser().get("/reset");
		assertThat(notOpened.statusCode()).isEqualTo(400);
		assertThat(notOpened.body()).contains("Open the link from your mail");
	}

	@Test
	void requestWhenEmailMissingOrMalformedThenErrorNextToField() {
		TestBrowser person = browser();
		String csrf = TestBrowser.csrfToken(person.get("/forgot-password").body());
		HttpResponse<String> empty = person.post("/forgot-password", Map.of("email", " ", "_csrf", csrf));
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.body()).contains("Enter your email address.").contains("aria-describedby=\"email-error\"");
		HttpResponse<String> malformed = person.post("/forgot-password", Map.of("email", "no-at-sign", "_csrf", csrf));
		assertThat(malformed.body()).contains("Enter an email address such as name@example.com.");
	}

	private String requestLink() {
		int before = TestMailServer.mailsTo(this.email).size();
		TestBrowser person = browser();
		String csrf = TestBrowser.csrfToken(person.get("/forgot-password").body());
		assertThat(person.post("/forgot-password", Map.of("email", this.email, "_csrf", csrf)).statusCode())
			.isEqualTo(200);
		List<MimeMessage> mails = TestMailServer.awaitMailsTo(this.email, before + 1);
		return link(TestMailServer.text(mails.get(mails.size() - 1)));
	}

	private HttpResponse<String> submit(TestBrowser browser, String newPassword, String confirmation) {
		String csrf = TestBrowser.csrfToken(browser.get("/reset").body());
		return browser.post("/reset", Map.of("newPassword", newPassword, "confirmation", confirmation, "_csrf", csrf));
	}

	private String linkState(String token) {
		return this.jdbc.queryForObject("SELECT state FROM password_reset_link WHERE token_hash = ?", String.class,
				(Object) ResetTokens.hash(token).orElseThrow());
	}

	static String link(String text) {
		Matcher matcher = LINK.matcher(text);
		assertThat(matcher.find()).as("a reset link in:%n%s", text).isTrue();
		return matcher.group();
	}

	static String path(String link) {
		return link.substring(TestMailServer.LINK_BASE.length());
	}

	private TestBrowser browser() {
		return new TestBrowser("http://localhost:" + this.port);
	}

}
