package dev.latchkey.auth.reset;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import dev.latchkey.auth.LatchkeyMailTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestMailServer;
import dev.latchkey.auth.TestOAuthClient;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.NewAccount;
import dev.latchkey.auth.account.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the SMTP server is down the person still gets the usual answer, the failure is
 * logged without the link, and the mail waits in the outbox until a retry sends it.
 */
@LatchkeyMailTest
@ExtendWith(OutputCaptureExtension.class)
class MailOutageTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	MailOutbox outbox;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void requestWhenSmtpDownThenUsualAnswerAndMailSentByRetry(CapturedOutput output) {
		String email = "outage-" + UUID.randomUUID() + "@example.test";
		UUID accountId = this.accounts
			.register(new NewAccount(email, "Otto Outage", TestOAuthClient.PASSWORD, Set.of(Role.USER)))
			.id();
		TestBrowser person = new TestBrowser("http://localhost:" + this.port);
		String csrf = TestBrowser.csrfToken(person.get("/forgot-password").body());

		TestMailServer.stop();
		try {
			HttpResponse<String> answer = person.post("/forgot-password", Map.of("email", email, "_csrf", csrf));
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.body()).contains("If an account exists for that address, we sent a link to it.");
			awaitFailedAttempt(accountId);
		}
		finally {
			TestMailServer.start();
		}
		assertThat(output.getAll()).contains("Could not send the PASSWORD_RESET mail")
			.doesNotContain("/reset/")
			.doesNotContain(TestMailServer.LINK_BASE);
		assertThat(this.jdbc.queryForObject("SELECT state FROM outbound_mail WHERE account_id = ?", String.class,
				accountId))
			.isEqualTo("PENDING");

		this.jdbc.update("UPDATE outbound_mail SET next_attempt_at = now() WHERE account_id = ?", accountId);
		this.outbox.sendWaiting();

		MimeMessage mail = TestMailServer.awaitMailsTo(email, 1).get(0);
		String link = PasswordResetTests.link(TestMailServer.text(mail));
		TestBrowser fromMail = new TestBrowser("http://localhost:" + this.port);
		assertThat(fromMail.get(PasswordResetTests.path(link)).statusCode()).isEqualTo(302);
		assertThat(fromMail.get("/reset").statusCode()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject("SELECT state FROM outbound_mail WHERE account_id = ?", String.class,
				accountId))
			.isEqualTo("SENT");
	}

	@Test
	void retryDelayWhenAttemptsGrowThenDoublesUpToAnHour() {
		assertThat(this.outbox.retryDelay(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.outbox.retryDelay(2)).isEqualTo(Duration.ofSeconds(60));
		assertThat(this.outbox.retryDelay(4)).isEqualTo(Duration.ofMinutes(4));
		assertThat(this.outbox.retryDelay(30)).isEqualTo(Duration.ofHours(1));
	}

	private void awaitFailedAttempt(UUID accountId) {
		Instant deadline = Instant.now().plusSeconds(20);
		while (Instant.now().isBefore(deadline)) {
			Integer failed = this.jdbc.queryForObject(
					"SELECT count(*) FROM outbound_mail WHERE account_id = ? AND attempts = 1 AND last_error IS NOT NULL",
					Integer.class, accountId);
			if (failed == 1) {
				return;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		throw new AssertionError("The mail was never attempted");
	}

}
