package dev.latchkey.auth.login;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The headers of DESIGN.md section 4 on every kind of response, with a new nonce each
 * time.
 */
@LatchkeyIntegrationTest
class SecurityHeadersTests {

	private static final Pattern NONCE = Pattern.compile("script-src 'nonce-([A-Za-z0-9+/=]{24})'");

	@LocalServerPort
	int port;

	TestBrowser browser;

	@BeforeEach
	void setUp() {
		this.browser = new TestBrowser("http://localhost:" + this.port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/login", "/logout", "/", "/no-such-page", "/css/latchkey.css", "/oauth2/jwks",
			"/.well-known/openid-configuration", "/oauth2/authorize?client_id=nobody", "/error" })
	void responseWhenAnyPathThenSecurityHeaders(String path) {
		HttpResponse<String> response = this.browser.get(path);
		assertThat(nonce(response)).isNotBlank();
		assertThat(header(response, "Content-Security-Policy")).contains("default-src 'self'")
			.contains("object-src 'none'")
			.contains("base-uri 'none'")
			.contains("frame-ancestors 'none'")
			.doesNotContain("unsafe-inline");
		assertThat(header(response, "X-Frame-Options")).isEqualTo("DENY");
		assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(header(response, "Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
		assertThat(header(response, "Permissions-Policy")).contains("camera=()").contains("geolocation=()");
		assertThat(response.headers().firstValue("Server")).isEmpty();
		assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
	}

	@Test
	void nonceWhenTwoResponsesThenDifferent() {
		String first = nonce(this.browser.get("/login"));
		String second = nonce(this.browser.get("/login"));
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void formPagesWhenServedThenNotCached() {
		assertThat(header(this.browser.get("/login"), "Cache-Control")).contains("no-store");
		HttpResponse<String> token = new TestOAuthClient(this.browser, "demo-service", "demo-service-secret")
			.clientCredentials("documents.read");
		assertThat(header(token, "Cache-Control")).contains("no-store");
	}

	@Test
	void templatesWhenRenderedThenNoInlineScriptStyleOrHandlers() {
		for (String path : List.of("/login", "/login?error", "/login?logout", "/no-such-page")) {
			String body = this.browser.get(path).body();
			assertThat(body).doesNotContainPattern("(?i)<script(?![^>]*\\bnonce=)")
				.doesNotContainPattern("(?i)\\sstyle=")
				.doesNotContainPattern("(?i)<style")
				.doesNotContainPattern("(?i)\\son[a-z]+=");
		}
	}

	static String nonce(HttpResponse<?> response) {
		Matcher matcher = NONCE.matcher(header(response, "Content-Security-Policy"));
		assertThat(matcher.find()).as("nonce in CSP").isTrue();
		return matcher.group(1);
	}

	static String header(HttpResponse<?> response, String name) {
		return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("No header " + name));
	}

}
