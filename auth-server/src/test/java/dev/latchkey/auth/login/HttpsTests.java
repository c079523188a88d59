package dev.latchkey.auth.login;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.latchkey.auth.TestBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production's https rules behind a TLS-terminating proxy at 127.0.0.1.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "latchkey.http.require-https=true", "latchkey.http.trusted-proxies=127.0.0.1",
				"server.servlet.session.cookie.secure=true" })
@ActiveProfiles("dev")
class HttpsTests {

	@LocalServerPort
	int port;

	TestBrowser browser;

	@BeforeEach
	void setUp() {
		this.browser = new TestBrowser("http://localhost:" + this.port);
	}

	@Test
	void plainHttpWhenNotForwardedAsHttpsThenPermanentRedirect() {
		HttpResponse<String> response = this.browser.get("/login?x=1");
		assertThat(response.statusCode()).isEqualTo(308);
		assertThat(TestBrowser.location(response)).isEqualTo("https://localhost:" + this.port + "/login?x=1");
	}

	@Test
	void healthProbeWhenPlainHttpThenServed() {
		HttpResponse<String> response = this.browser
			.send(HttpRequest.newBuilder(URI.create(this.browser.baseUrl() + "/actuator/health/liveness")).build());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void requestWhenProxySaysHttpsThenServedWithHstsAndSecureCookie() {
		HttpResponse<String> response = viaProxy("/login");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Strict-Transport-Security"))
			.hasValueSatisfying((hsts) -> assertThat(hsts).contains("max-age=31536000"));
		assertThat(response.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("SESSION=")
				.contains("Secure")
				.contains("HttpOnly")
				.contains("SameSite=Lax"));
	}

	private HttpResponse<String> viaProxy(String path) {
		return this.browser.send(HttpRequest.newBuilder(URI.create(this.browser.baseUrl() + path))
			.header("Accept", "text/html")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "id.example.com")
			.header("X-Forwarded-Port", "443")
			.header("X-Forwarded-For", "198.51.100.4")
			.GET()
			.build());
	}

}
