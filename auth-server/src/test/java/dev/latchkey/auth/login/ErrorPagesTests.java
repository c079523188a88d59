package dev.latchkey.auth.login;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our own error pages for browsers and problem details for APIs, never a stack trace or
 * exception text.
 */
@LatchkeyIntegrationTest
@Import(ErrorPagesTests.Failing.class)
class ErrorPagesTests {

	@LocalServerPort
	int port;

	TestBrowser browser;

	@BeforeEach
	void setUp() {
		this.browser = new TestBrowser("http://localhost:" + this.port);
		this.browser.signIn("user@example.com", TestOAuthClient.PASSWORD);
	}

	@Test
	void notFoundWhenBrowserThenOwnPage() {
		HttpResponse<String> response = this.browser.get("/no-such-page");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).contains("Page not found").contains("<html lang=\"en\"");
	}

	@Test
	void notFoundWhenApiClientThenProblemDetails() {
		HttpResponse<String> response = json("/no-such-page");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		Map<String, Object> problem = TestOAuthClient.json(response);
		assertThat(problem).containsEntry("status", 404L).containsEntry("title", "Not Found");
	}

	@Test
	void apiPathWhenBrowserAcceptsHtmlThenStillProblemDetails() {
		HttpResponse<String> response = this.browser.get("/api/nothing-here");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void serverErrorWhenBrowserThenOwnPageWithoutDetails() {
		HttpResponse<String> response = this.browser.get("/test/fail");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).contains("Something went wrong on our side")
			.doesNotContain("secret-internal-detail")
			.doesNotContain("IllegalStateException")
			.doesNotContain("at dev.latchkey");
	}

	@Test
	void serverErrorWhenApiClientThenProblemWithoutDetails() {
		HttpResponse<String> response = json("/test/fail");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).doesNotContain("secret-internal-detail")
			.doesNotContain("Exception")
			.doesNotContain("trace");
	}

	@Test
	void csrfFailureWhenFormPostedWithoutTokenThenForbiddenPage() {
		HttpResponse<String> response = this.browser.post("/logout", Map.of());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("Access denied");
	}

	private HttpResponse<String> json(String path) {
		return this.browser.send(HttpRequest.newBuilder(URI.create(this.browser.baseUrl() + path))
			.header("Accept", "application/json")
			.GET()
			.build());
	}

	@RestController
	static class Failing {

		@GetMapping("/test/fail")
		String fail() {
			throw new IllegalStateException("secret-internal-detail");
		}

	}

}
