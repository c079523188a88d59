package dev.latchkey.auth.reset;

import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.NewAccount;
import dev.latchkey.auth.account.Role;
import dev.latchkey.auth.password.FormErrors;
import dev.latchkey.auth.password.PasswordChange;
import dev.latchkey.auth.password.Passwords;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dev mode without {@code spring.mail.host} keeps mails in memory and shows them, links
 * clickable, at {@code /dev/mail}.
 */
@LatchkeyIntegrationTest
class DevMailboxTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Passwords passwords;

	@Autowired
	DevMailbox mailbox;

	@Test
	void devMailWhenPasswordChangedThenNoticeShownOnPage() throws Exception {
		String email = "devmail-" + UUID.randomUUID() + "@example.test";
		UUID id = this.accounts
			.register(new NewAccount(email, "Dev Mailer", TestOAuthClient.PASSWORD, Set.of(Role.USER)))
			.id();
		PasswordChange change = this.passwords.prepare(id, "Quince-Harbor-31%", "Quince-Harbor-31%", new FormErrors());
		this.passwords.apply(change);

		TestBrowser browser = new TestBrowser("http://localhost:" + this.port);
		HttpResponse<String> page = awaitPageWith(browser, email);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(page.body()).contains("Dev mailbox").contains("Your Latchkey password was changed");
	}

	@Test
	void devMailWhenMailHasLinkThenLinkIsClickable() throws Exception {
		MimeMessage message = this.mailbox.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom("no-reply@localhost");
		helper.setTo("linked@example.test");
		helper.setSubject("A mail with a link");
		helper.setText("Open http://localhost:9000/reset/abc to go on.", "<p>html</p>");
		this.mailbox.send(message);

		assertThat(this.mailbox.mails().get(0).links()).containsExactly("http://localhost:9000/reset/abc");
		HttpResponse<String> page = new TestBrowser("http://localhost:" + this.port).get("/dev/mail");
		assertThat(page.body()).contains("<a href=\"http://localhost:9000/reset/abc\"").contains("linked@example.test");
	}

	private static HttpResponse<String> awaitPageWith(TestBrowser browser, String text) throws InterruptedException {
		HttpResponse<String> page = browser.get("/dev/mail");
		for (int i = 0; i < 200 && !page.body().contains(text); i++) {
			Thread.sleep(50);
			page = browser.get("/dev/mail");
		}
		return page;
	}

}
