package dev.latchkey.auth.admin;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import dev.latchkey.auth.client.ClientDefinition;
import dev.latchkey.auth.client.ClientRegistrations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may reach the console and the admin API, over real HTTP: ADMIN and MANAGER see the
 * console (only ADMIN may act), USER gets 403 and no link to it; the API wants a token of
 * this server from client credentials with an admin scope, and answers problem details.
 */
@LatchkeyIntegrationTest
class AdminSecurityTests {

	private static final String PASSWORD = TestOAuthClient.PASSWORD;

	@LocalServerPort
	int port;

	@Autowired
	ClientRegistrations clients;

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

	private TestBrowser signedIn(String email) {
		TestBrowser browser = new TestBrowser(baseUrl());
		assertThat(browser.signIn(email, PASSWORD).statusCode()).isEqualTo(302);
		return browser;
	}

	@Test
	void consoleWhenAdminThenShownWithLinkAndNoReadOnlyNotice() {
		TestBrowser admin = signedIn("admin@example.com");
		assertThat(admin.get("/").body()).contains("href=\"/admin\"");
		HttpResponse<String> console = admin.get("/admin");
		assertThat(console.statusCode()).isEqualTo(200);
		assertThat(console.body()).contains("href=\"/admin/users\"")
			.contains("href=\"/admin/audit\"")
			.doesNotContain("only an administrator can change it");
	}

	@Test
	void consoleWhenManagerThenReadOnly() {
		TestBrowser manager = signedIn("manager@example.com");
		assertThat(manager.get("/account").body()).contains("href=\"/admin\"");
		HttpResponse<String> console = manager.get("/admin");
		assertThat(console.statusCode()).isEqualTo(200);
		assertThat(console.body()).contains("only an administrator can change it");
		String csrf = TestBrowser.csrfToken(manager.get("/account").body());
		assertThat(manager.post("/admin/users", java.util.Map.of("_csrf", csrf)).statusCode()).isEqualTo(403);
	}

	@Test
	void consoleWhenUserOrGuestThenForbiddenAndNoLink() {
		for (String email : List.of("user@example.com", "guest@example.com")) {
			TestBrowser person = signedIn(email);
			assertThat(person.get("/").body()).doesNotContain("/admin");
			assertThat(person.get("/account").body()).doesNotContain("/admin");
			HttpResponse<String> console = person.get("/admin");
			assertThat(console.statusCode()).isEqualTo(403);
			assertThat(console.body()).doesNotContain("href=\"/admin/users\"");
			assertThat(person.get("/admin/users").statusCode()).isEqualTo(403);
		}
	}

	@Test
	void consoleWhenNotSignedInThenSignInPage() {
		HttpResponse<String> console = new TestBrowser(baseUrl()).get("/admin");
		assertThat(console.statusCode()).isEqualTo(302);
		assertThat(TestBrowser.location(console)).endsWith("/login");
	}

	@Test
	void apiWhenNoTokenThenUnauthorizedProblem() {
		HttpResponse<String> response = new TestBrowser(baseUrl())
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/admin/api/users"))
				.header("Accept", "text/html")
				.build());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> value.startsWith("Bearer"));
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> type.startsWith("application/problem+json"));
		assertThat(TestAdminApi.json(response)).containsEntry("status", 401L);
	}

	@Test
	void apiWhenForgedTokenThenUnauthorized() {
		HttpResponse<String> response = TestAdminApi.withBearer(baseUrl(), "eyJhbGciOiJFUzI1NiJ9.e30.c2ln")
			.get("/admin/api/users");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> value.contains("invalid_token"));
	}

	@Test
	void apiWhenTokenWithoutAdminScopeThenForbidden() {
		TestBrowser browser = new TestBrowser(baseUrl());
		String token = TestAdminApi.token(browser, "demo-service", "demo-service-secret", "documents.read");
		HttpResponse<String> response = TestAdminApi.withBearer(baseUrl(), token).get("/admin/api/users");
		assertThat(response.statusCode()).as(response.headers().map() + response.body()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> type.startsWith("application/problem+json"));
	}

	@Test
	void apiWhenAdminTokenMintedAlsoForResourceServerThenForbidden() {
		this.clients.ensure(new ClientDefinition("admin-and-documents", "Mixed", "mixed-secret-0123456789",
				Set.of("client_credentials"), List.of(), List.of(), Set.of("admin.read", "documents.read"), false));
		TestBrowser browser = new TestBrowser(baseUrl());
		String token = TestAdminApi.token(browser, "admin-and-documents", "mixed-secret-0123456789",
				"admin.read documents.read");
		assertThat(TestAdminApi.withBearer(baseUrl(), token).get("/admin/api/users").statusCode()).isEqualTo(403);
	}

	@Test
	void apiWhenBearerTokenSentToConsolePageThenIgnored() {
		String token = TestAdminApi.token(new TestBrowser(baseUrl()), TestAdminApi.CLIENT_ID,
				TestAdminApi.CLIENT_SECRET, "admin.write");
		HttpResponse<String> page = new TestBrowser(baseUrl())
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/admin"))
				.header("Accept", "text/html")
				.header("Authorization", "Bearer " + token)
				.build());
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(TestBrowser.location(page)).endsWith("/login");
	}

	@Test
	void openApiDocumentWhenFetchedThenServedWithoutSignIn() {
		HttpResponse<String> response = new TestBrowser(baseUrl())
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/admin/api/openapi.json"))
				.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(TestAdminApi.json(response)).containsEntry("openapi", "3.1.0");
	}

}
