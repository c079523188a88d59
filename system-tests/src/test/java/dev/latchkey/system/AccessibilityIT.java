package dev.latchkey.system;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WCAG 2.2 AA on every hosted page, checked by axe-core in headless Chromium, plus reflow
 * at 400% zoom (a 320 CSS pixel wide viewport) and the CSP stopping injected scripts.
 */
class AccessibilityIT {

	private static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

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
	void signedOutPagesWhenCheckedThenNoViolations() {
		check("/login");
		check("/login?error");
		check("/login?logout");
		check("/login?lang=de");
		check("/oauth2/authorize?response_type=code&client_id=nobody&state=x");
		check("/forgot-password");
		check("/reset/not-a-real-link");
	}

	@Test
	void resetPagesWhenLinkFromMailFollowedThenNoViolations() {
		this.browser.get(this.issuer + "/forgot-password");
		this.browser.findElement(By.id("email")).sendKeys("guest@example.com");
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.until((driver) -> driver.findElements(By.cssSelector("[role=status], .notice")).size() > 0);
		checkCurrent();
		// Dev mode keeps mails in its mailbox page; the newest reset link is followed.
		String link = new WebDriverWait(this.browser, Duration.ofSeconds(20)).until((driver) -> {
			driver.get(this.issuer + "/dev/mail");
			return driver.findElements(By.cssSelector("a[href*='/reset/']"))
				.stream()
				.map((a) -> a.getAttribute("href"))
				.findFirst()
				.orElse(null);
		});
		this.browser.get(link);
		assertThat(this.browser.getCurrentUrl()).contains("/reset");
		checkCurrent();
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
		checkCurrent();
	}

	@Test
	void signedInPagesWhenCheckedThenNoViolations() {
		this.browser.get(this.issuer + "/login?lang=en");
		this.browser.findElement(By.id("email")).sendKeys("admin@example.com");
		this.browser.findElement(By.id("password")).sendKeys(OAuth.SAMPLE_PASSWORD);
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.until((driver) -> !driver.getCurrentUrl().contains("/login"));
		check("/");
		check("/logout");
		check("/account");
		check("/account/password");
		check("/no-such-page");
		this.browser.get(OAuth.authorizeUrl(this.issuer, "demo-web", OAuth.DEMO_WEB_REDIRECT,
				"openid profile email documents.read documents.write", OAuth.Pkce.create(), "a11y"));
		assertThat(this.browser.getCurrentUrl()).contains("/oauth2/consent");
		checkCurrent();
	}

	@Test
	void tooManyAttemptsPageWhenRateLimitedThenNoViolationsInEnglishAndGerman() {
		// Five reset requests for one email from one address are allowed per 15 minutes.
		String email = "a11y-" + UUID.randomUUID() + "@example.test";
		for (int i = 0; i < 5; i++) {
			requestReset("/forgot-password?lang=en", email);
			assertThat(this.browser.findElement(By.tagName("h1")).getText()).isNotEqualTo("Too many attempts");
		}
		requestReset("/forgot-password?lang=en", email);
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Too many attempts");
		assertThat(this.browser.findElement(By.tagName("main")).getText()).contains("Try again in 15 minutes.");
		checkCurrent();

		requestReset("/forgot-password?lang=de", email);
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Zu viele Versuche");
		assertThat(this.browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
		checkCurrent();
		this.browser.get(this.issuer + "/login?lang=en");
	}

	@Test
	void injectedInlineScriptWhenAddedToPageThenBlockedByCsp() {
		this.browser.get(this.issuer + "/login");
		JavascriptExecutor js = this.browser;
		js.executeScript("var s = document.createElement('script'); s.textContent = 'window.injected = true;';"
				+ " document.body.appendChild(s);");
		assertThat(js.executeScript("return window.injected === true;")).isEqualTo(false);
	}

	@Test
	void adminPagesWhenCheckedThenNoViolations() {
		this.browser.get(this.issuer + "/login?lang=en");
		this.browser.findElement(By.id("email")).sendKeys("admin@example.com");
		this.browser.findElement(By.id("password")).sendKeys(OAuth.SAMPLE_PASSWORD);
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.until((driver) -> !driver.getCurrentUrl().contains("/login"));
		check("/admin");
		check("/admin/users");
		check("/admin/users?q=example.com&lang=de");
		check("/admin/users?lang=en");
		check("/admin/users/new");
		// The create form sent empty: the error summary and the fields' messages.
		this.browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.until((driver) -> !driver.findElements(By.cssSelector(".error-summary")).isEmpty());
		checkCurrent();
		this.browser.get(this.issuer + "/admin/users?q=user%40example.com");
		this.browser.findElement(By.cssSelector("table.data a")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.until((driver) -> !driver.findElements(By.cssSelector("dl.details")).isEmpty());
		checkCurrent();
		check("/admin/keys");
		check("/admin/audit");
		check("/admin/audit?from=nonsense");
		check("/admin/audit/verify");
	}

	private void requestReset(String path, String email) {
		this.browser.get(this.issuer + path);
		this.browser.findElement(By.id("email")).sendKeys(email);
		String form = this.browser.getCurrentUrl();
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(10)).until((driver) -> !form.equals(driver.getCurrentUrl()));
	}

	private void check(String path) {
		this.browser.get(this.issuer + path);
		checkCurrent();
	}

	private void checkCurrent() {
		String page = this.browser.getCurrentUrl();
		this.browser.manage().window().setSize(new Dimension(1280, 900));
		Results results = new AxeBuilder().withTags(WCAG_AA).analyze(this.browser);
		assertThat(results.getViolations()).as("axe violations on %s: %s", page, describe(results.getViolations()))
			.isEmpty();
		assertThat(results.getPasses()).as("axe ran rules on %s", page).isNotEmpty();

		// 400% zoom of a 1280 px window: the page reflows into 320 CSS pixels.
		this.browser.manage().window().setSize(new Dimension(320, 900));
		Object overflow = ((JavascriptExecutor) this.browser)
			.executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1;");
		assertThat(overflow).as("horizontal scrolling at 320 px on %s", page).isEqualTo(false);
		this.browser.manage().window().setSize(new Dimension(1280, 900));
	}

	private static String describe(List<Rule> violations) {
		return violations.stream()
			.map((rule) -> rule.getId() + " (" + rule.getNodes().size() + "): " + rule.getHelp())
			.collect(Collectors.joining("; "));
	}

}
