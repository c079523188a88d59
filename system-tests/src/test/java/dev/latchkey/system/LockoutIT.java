package dev.latchkey.system;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lockout as a person sees it in a real browser: after five wrong passwords the right
 * one gets exactly the wrong-password message, and the owner is told by mail. The account
 * is created for this test, so no other test's sign-ins are locked.
 */
class LockoutIT {

	private static final String WRONG = "Wrong-Password-99!";

	private ChromeDriver browser;

	private String issuer;

	@BeforeEach
	void setUp() {
		this.browser = Browser.start();
		this.issuer = AuthServers.shared().baseUrl();
	}

	@AfterEach
	void tearDown() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void signInWhenFiveWrongPasswordsThenRightPasswordGetsTheWrongPasswordMessage() {
		String email = "lockout-it-" + UUID.randomUUID() + "@example.test";
		SystemDatabase.shared().createAccountLike("user@example.com", email);

		String wrongMessage = null;
		for (int i = 0; i < 5; i++) {
			signIn(email, WRONG);
			assertThat(this.browser.getCurrentUrl()).as("wrong password %d", i + 1).endsWith("/login?error");
			wrongMessage = this.browser.findElement(By.id("login-error")).getText();
		}
		assertThat(wrongMessage).contains("The email address or password is wrong");
		assertThat(SystemDatabase.shared().isLocked(email)).as("locked after 5 failures").isTrue();

		signIn(email, OAuth.SAMPLE_PASSWORD);
		assertThat(this.browser.getCurrentUrl()).as("the right password while locked").endsWith("/login?error");
		assertThat(this.browser.findElement(By.id("login-error")).getText()).isEqualTo(wrongMessage);
		assertThat(this.browser.getTitle()).isEqualTo("Sign in – Latchkey");
		assertThat(this.browser.findElements(By.cssSelector("[aria-invalid=true]"))).hasSize(2);

		// Dev mode keeps the mails in its mailbox page.
		List<String> subjects = new WebDriverWait(this.browser, Duration.ofSeconds(20)).until((driver) -> {
			driver.get(this.issuer + "/dev/mail");
			List<String> found = driver.findElements(By.cssSelector("article.mail"))
				.stream()
				.filter((mail) -> mail.getText().contains(email))
				.map((mail) -> mail.findElement(By.tagName("h2")).getText())
				.toList();
			return found.isEmpty() ? null : found;
		});
		assertThat(subjects).as("one mail for one lock")
			.containsExactly("Your Latchkey account was locked for a while");
	}

	private void signIn(String email, String password) {
		this.browser.get(this.issuer + "/login?lang=en");
		this.browser.findElement(By.id("email")).sendKeys(email);
		this.browser.findElement(By.id("password")).sendKeys(password);
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until((driver) -> driver.getCurrentUrl().contains("/login?error")
					|| !driver.getCurrentUrl().contains("/login"));
	}

}
