package dev.latchkey.system;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forgot password, mail over SMTP, reset, sign in: in a real browser, against its own
 * auth server and database (the sample password changes), with the mail server down when
 * the user asks for the link.
 */
class PasswordResetIT {

	private static final String NEW_PASSWORD = "Quartz-Meadow-73!";

	private static final Pattern RESET_LINK = Pattern.compile("https?://\\S+/reset/\\S+");

	private SystemDatabase database;

	private ServerProcess server;

	private GreenMail smtp;

	private WebDriver browser;

	@BeforeEach
	void setUp() {
		this.database = SystemDatabase.startEmbedded();
		int smtpPort = ServerProcess.freePort();
		this.smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		int port = ServerProcess.freePort();
		this.server = AuthServers.start("reset-auth-server", port, "http://localhost:" + port, this.database,
				"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort, "--latchkey.mail.retry-interval=1s");
		this.browser = Browser.start();
	}

	@AfterEach
	void tearDown() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.server != null) {
			this.server.close();
		}
		this.smtp.stop();
		this.database.close();
	}

	@Test
	void forgotPasswordWhileMailServerDownThenNormalAnswerAndMailRetriedThenResetAndSignIn() throws Exception {
		String issuer = this.server.baseUrl();
		this.browser.get(issuer + "/forgot-password");
		this.browser.findElement(By.id("email")).sendKeys("user@example.com");
		submit();
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Check your mail");

		// The first attempt failed (nothing listens on the SMTP port); the outbox
		// retries.
		awaitLog("Could not send the PASSWORD_RESET mail");
		this.smtp.start();
		assertThat(this.smtp.waitForIncomingEmail(Duration.ofSeconds(30).toMillis(), 1)).isTrue();
		MimeMessage mail = this.smtp.getReceivedMessages()[0];
		assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("user@example.com");
		String link = resetLink(mail);
		assertThat(link).startsWith(issuer + "/reset/");

		this.browser.get(link);
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Choose a new password");
		this.browser.findElements(By.cssSelector("input[type=password]"))
			.forEach((field) -> field.sendKeys(NEW_PASSWORD));
		submit();
		assertThat(this.browser.getCurrentUrl()).doesNotContain("/reset");

		signIn(issuer, OAuth.SAMPLE_PASSWORD);
		assertThat(this.browser.getCurrentUrl()).startsWith(issuer + "/login?error");
		signIn(issuer, NEW_PASSWORD);
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("You are signed in");

		// The link worked once.
		this.browser.get(link);
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("This link was already used");
		assertThat(this.server.output()).doesNotContain(link.substring(link.lastIndexOf('/') + 1));
	}

	private void signIn(String issuer, String password) {
		this.browser.manage().deleteAllCookies();
		this.browser.get(issuer + "/login");
		this.browser.findElement(By.id("email")).sendKeys("user@example.com");
		this.browser.findElement(By.id("password")).sendKeys(password);
		submit();
	}

	private void submit() {
		WebElement button = this.browser.findElement(By.cssSelector("main form button[type=submit]"));
		button.click();
		new WebDriverWait(this.browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(button));
	}

	private void awaitLog(String text) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!this.server.output().contains(text)) {
			assertThat(System.nanoTime()).as("log line '%s'", text).isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private static String resetLink(Part part) throws MessagingException, IOException {
		Object content = part.getContent();
		if (content instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String link = resetLink(multipart.getBodyPart(i));
				if (link != null) {
					return link;
				}
			}
			return null;
		}
		Matcher matcher = RESET_LINK.matcher(String.valueOf(content));
		return matcher.find() ? matcher.group().replaceAll("[\"'<>].*$", "") : null;
	}

}
