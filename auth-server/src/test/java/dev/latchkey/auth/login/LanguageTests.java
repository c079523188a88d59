package dev.latchkey.auth.login;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@LatchkeyIntegrationTest
class LanguageTests {

	@LocalServerPort
	int port;

	TestBrowser browser;

	@BeforeEach
	void setUp() {
		this.browser = new TestBrowser("http://localhost:" + this.port);
	}

	@Test
	void pageWhenBrowserPrefersGermanThenGerman() {
		HttpResponse<String> page = get("/login", "de-DE,de;q=0.9,en;q=0.5");
		assertThat(page.body()).contains("<html lang=\"de\"").contains("Anmelden").contains("E-Mail-Adresse");
	}

	@Test
	void pageWhenUnsupportedLanguageThenEnglish() {
		assertThat(get("/login", "fr-FR,fr;q=0.9").body()).contains("<html lang=\"en\"").contains("Email address");
	}

	@Test
	void switcherWhenChosenThenRemembered() {
		HttpResponse<String> english = get("/login", "en");
		assertThat(english.body()).contains("href=\"/login?lang=de\"").contains("Deutsch");

		assertThat(get("/login?lang=de", "en").body()).contains("Anmelden");
		assertThat(get("/login", "en").body()).as("remembered in a cookie").contains("Anmelden");
		assertThat(get("/login?lang=xx", "en").body()).as("unknown languages ignored").contains("Anmelden");
	}

	@Test
	void switcherWhenPageHasQueryThenQueryKept() {
		String body = get("/login?logout&lang=en", "en").body();
		assertThat(body).contains("href=\"/login?logout&amp;lang=de\"");
	}

	private HttpResponse<String> get(String path, String acceptLanguage) {
		return this.browser.send(HttpRequest.newBuilder(URI.create(this.browser.baseUrl() + path))
			.header("Accept", "text/html")
			.header("Accept-Language", acceptLanguage)
			.GET()
			.build());
	}

}
