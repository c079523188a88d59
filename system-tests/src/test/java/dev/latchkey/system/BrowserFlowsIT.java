package dev.latchkey.system;

import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person in a real browser (headless Chromium) against the auth-server jar.
 */
class BrowserFlowsIT {

	private ServerProcess server;

	private WebDriver browser;

	@BeforeEach
	void setUp() {
		this.browser = Browser.start();
		this.server = AuthServers.shared();
	}

	@AfterEach
	void tearDown() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void signInThenConsentThenBackAtClientWithTokens() throws Exception {
		String issuer = this.server.baseUrl();
		OAuth.Pkce pkce = OAuth.Pkce.create();
		this.browser.get(OAuth.authorizeUrl(issuer, "demo-web", OAuth.DEMO_WEB_REDIRECT,
				"openid profile documents.read", pkce, "browser-state"));

		assertThat(this.browser.getCurrentUrl()).startsWith(issuer + "/login");
		signIn("user@example.com");

		assertThat(this.browser.getCurrentUrl()).contains("/oauth2/consent");
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).contains("Demo Web App");
		assertThat(this.browser.findElement(By.cssSelector("label[for=scope-0]")).getText()).isNotBlank();
		this.browser.findElement(By.cssSelector("#consent-form button[type=submit]")).click();

		new WebDriverWait(this.browser, java.time.Duration.ofSeconds(10))
			.until(ExpectedConditions.urlContains("127.0.0.1:8080/callback"));
		Map<String, String> callback = OAuth.query(this.browser.getCurrentUrl());
		assertThat(callback).containsEntry("state", "browser-state").containsKey("code");

		Map<String, Object> tokens = OAuth.json(OAuth.exchangeCode(issuer, callback.get("code"), pkce));
		SignedJWT idToken = OAuth.verify(issuer, (String) tokens.get("id_token"));
		assertThat(idToken.getJWTClaimsSet().getStringClaim("name")).isEqualTo("Uma User");
		SignedJWT accessToken = OAuth.verify(issuer, (String) tokens.get("access_token"));
		assertThat(accessToken.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("USER");
	}

	@Test
	void signOutThenSignedOutPageAndProtectedPageAsksToSignIn() {
		String issuer = this.server.baseUrl();
		this.browser.get(issuer + "/");
		assertThat(this.browser.getCurrentUrl()).startsWith(issuer + "/login");
		signIn("guest@example.com");
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("You are signed in");

		this.browser.get(issuer + "/logout");
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
		new WebDriverWait(this.browser, java.time.Duration.ofSeconds(10))
			.until(ExpectedConditions.urlContains("/login"));
		assertThat(this.browser.getCurrentUrl()).isEqualTo(issuer + "/login?logout");
		assertThat(this.browser.findElement(By.cssSelector("[role=status]")).getText())
			.isEqualTo("You are signed out.");

		this.browser.get(issuer + "/");
		assertThat(this.browser.getCurrentUrl()).startsWith(issuer + "/login");
	}

	private void signIn(String email) {
		this.browser.findElement(By.id("email")).sendKeys(email);
		this.browser.findElement(By.id("password")).sendKeys(OAuth.SAMPLE_PASSWORD);
		String before = this.browser.getCurrentUrl();
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
		new WebDriverWait(this.browser, java.time.Duration.ofSeconds(10))
			.until((driver) -> !before.equals(driver.getCurrentUrl()));
	}

}
