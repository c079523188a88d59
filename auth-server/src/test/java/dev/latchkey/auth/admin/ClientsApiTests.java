package dev.latchkey.auth.admin;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import dev.latchkey.auth.client.InvalidRedirectUris;
import dev.latchkey.auth.client.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API for clients over real HTTP, with tokens of the {@code demo-admin} client
 * and with signed-in sessions, on the real database.
 */
@LatchkeyIntegrationTest
class ClientsApiTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	TestAdminApi writer;

	@BeforeEach
	void setUp() {
		this.writer = TestAdminApi.withToken(baseUrl(), "admin.write");
	}

	@Test
	void registerWhenServiceThenCreatedWithSecretOnceAndItGetsTokens() {
		HttpResponse<String> created = this.writer.post("/admin/api/clients",
				json(Map.of("client_name", "Reporting", "grant_types", List.of("client_credentials"), "scope",
						"documents.read", "access_token_lifetime", 300)));

		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((v) -> assertThat(v).contains("no-store"));
		Map<String, Object> body = TestAdminApi.json(created);
		String clientId = (String) body.get("client_id");
		String secret = (String) body.get("client_secret");
		assertThat(created.headers().firstValue("Location")).hasValue("/admin/api/clients/" + clientId);
		assertThat(secret).hasSize(43);
		assertThat(body).containsEntry("token_endpoint_auth_method", "client_secret_basic")
			.containsEntry("access_token_lifetime", 300L);

		HttpResponse<String> token = new TestOAuthClient(new TestBrowser(baseUrl()), clientId, secret)
			.clientCredentials("documents.read");
		assertThat(token.statusCode()).isEqualTo(200);
		assertThat(TestOAuthClient.json(token)).containsEntry("expires_in", 299L);

		HttpResponse<String> read = this.writer.get("/admin/api/clients/" + clientId);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).doesNotContain(secret).doesNotContain("client_secret\"");
		assertThat(this.writer.get("/admin/api/clients").body()).contains(clientId).doesNotContain(secret);
	}

	@Test
	void updateDisableEnableRotateWhenAdminTokenThenEachTakesEffect() {
		Map<String, Object> created = register("Lifecycle Service");
		String clientId = (String) created.get("client_id");
		String secret = (String) created.get("client_secret");
		String path = "/admin/api/clients/" + clientId;

		HttpResponse<String> patched = this.writer.send("PATCH", path,
				json(Map.of("client_name", "Renamed <b>Service</b>", "scope", "documents.read documents.write")));
		assertThat(patched.statusCode()).isEqualTo(200);
		assertThat(TestAdminApi.json(patched)).containsEntry("client_name", "Renamed <b>Service</b>")
			.containsEntry("scope", "documents.read documents.write")
			.containsEntry("grant_types", List.of("client_credentials"));
		assertThat(tokenStatus(clientId, secret, "documents.write")).isEqualTo(200);

		assertThat(TestAdminApi.json(this.writer.post(path + "/disable", null))).containsEntry("disabled", true);
		assertThat(tokenStatus(clientId, secret, "documents.read")).isEqualTo(401);
		assertThat(TestAdminApi.json(this.writer.post(path + "/enable", null))).containsEntry("disabled", false);
		assertThat(tokenStatus(clientId, secret, "documents.read")).isEqualTo(200);

		HttpResponse<String> rotated = this.writer.post(path + "/secret", json(Map.of("grace_period", 3600)));
		assertThat(rotated.statusCode()).isEqualTo(200);
		assertThat(rotated.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((v) -> assertThat(v).contains("no-store"));
		String second = (String) TestAdminApi.json(rotated).get("client_secret");
		assertThat(TestAdminApi.json(rotated).get("previous_secret_valid_until")).isNotNull();
		assertThat(tokenStatus(clientId, secret, "documents.read")).as("grace period").isEqualTo(200);
		assertThat(tokenStatus(clientId, second, "documents.read")).isEqualTo(200);

		String third = (String) TestAdminApi.json(this.writer.post(path + "/secret", json(Map.of("grace_period", 0))))
			.get("client_secret");
		assertThat(tokenStatus(clientId, second, "documents.read")).as("no grace period").isEqualTo(401);
		assertThat(tokenStatus(clientId, secret, "documents.read")).isEqualTo(401);
		assertThat(tokenStatus(clientId, third, "documents.read")).isEqualTo(200);

		assertThat(this.writer.post(path + "/secret", json(Map.of("grace_period", "soon"))).statusCode())
			.isEqualTo(400);
		assertThat(this.writer.get("/admin/api/clients/no-such-client").statusCode()).isEqualTo(404);
		assertThat(this.writer.post("/admin/api/clients/no-such-client/disable", null).statusCode()).isEqualTo(404);
	}

	@Test
	void registerWhenEveryInvalidRedirectUriThenEach400WithFieldAndNothingStored() {
		int before = clientCount();
		for (InvalidRedirectUris.Case invalid : InvalidRedirectUris.IN_DEV_MODE) {
			HttpResponse<String> response = this.writer.post("/admin/api/clients",
					json(Map.of("client_name", "Bad Redirect", "grant_types", List.of("authorization_code"),
							"redirect_uris", List.of(invalid.uri()), "scope", "openid")));
			assertThat(response.statusCode()).as(invalid.uri()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			List<Map<String, Object>> errors = errors(response);
			assertThat(errors).as(invalid.uri()).singleElement().satisfies((error) -> {
				assertThat(error).containsEntry("field", "redirect_uris");
				assertThat((String) error.get("message")).isNotBlank().doesNotContain("client.error");
			});
		}
		assertThat(clientCount()).isEqualTo(before);
	}

	@Test
	void registerWhenDuplicateOrOversizedOrWrongTypesThen400AndNothingStored() {
		int before = clientCount();
		assertThat(
				fields(this.writer.post("/admin/api/clients",
						json(Map.of("client_id", "demo-web", "client_name", "Copy", "grant_types",
								List.of("client_credentials"), "scope", "documents.read")))))
			.containsExactly("client_id");
		assertThat(fields(this.writer.post("/admin/api/clients", json(Map.of("client_name", "x".repeat(201),
				"grant_types", List.of("client_credentials"), "scope", "documents.read")))))
			.containsExactly("client_name");
		List<String> many = new ArrayList<>();
		for (int i = 0; i < 21; i++) {
			many.add("https://app.example.com/cb" + i);
		}
		assertThat(fields(this.writer.post("/admin/api/clients",
				json(Map.of("client_name", "Many", "redirect_uris", many, "scope", "openid")))))
			.containsExactly("redirect_uris");
		assertThat(fields(this.writer.post("/admin/api/clients",
				json(Map.of("client_name", "Long", "redirect_uris",
						List.of("https://app.example.com/" + "a".repeat(2000)), "scope", "openid")))))
			.containsExactly("redirect_uris");
		assertThat(fields(this.writer.post("/admin/api/clients", json(Map.of("client_name", "Scopes", "grant_types",
				List.of("client_credentials"), "scope", String.join(" ", Collections.nCopies(51, "s")))))))
			.containsExactly("scope");
		assertThat(fields(this.writer.post("/admin/api/clients", "{\"client_name\":\"" + "x".repeat(70_000) + "\"}")))
			.containsExactly("body");
		assertThat(fields(this.writer.post("/admin/api/clients",
				json(Map.of("client_name", 42, "grant_types", "client_credentials", "require_consent", "yes",
						"access_token_lifetime", "ten")))))
			.containsExactlyInAnyOrder("client_name", "grant_types", "require_consent", "access_token_lifetime");
		assertThat(fields(this.writer.post("/admin/api/clients", "not json"))).containsExactly("body");
		assertThat(clientCount()).isEqualTo(before);
	}

	@Test
	void rolesWhenReadScopeManagerOrUserThenOnlyWhatTheyMayDo() {
		String clientPath = "/admin/api/clients/demo-web";
		String body = json(Map.of("client_name", "Sneaky", "grant_types", List.of("client_credentials"), "scope",
				"documents.read"));
		TestAdminApi reader = TestAdminApi.withToken(baseUrl(), "admin.read");
		assertThat(reader.get("/admin/api/clients").statusCode()).isEqualTo(200);
		assertThat(reader.get(clientPath).statusCode()).isEqualTo(200);
		assertThat(reader.post("/admin/api/clients", body).statusCode()).isEqualTo(403);
		assertThat(reader.post(clientPath + "/disable", null).statusCode()).isEqualTo(403);
		assertThat(reader.post(clientPath + "/secret", "{}").statusCode()).isEqualTo(403);

		TestAdminApi manager = TestAdminApi.withSession(signedIn("manager@example.com"));
		assertThat(manager.get("/admin/api/clients").statusCode()).isEqualTo(200);
		assertThat(manager.post("/admin/api/clients", body).statusCode()).isEqualTo(403);
		assertThat(manager.send("PATCH", clientPath, "{\"client_name\":\"x\"}").statusCode()).isEqualTo(403);
		assertThat(manager.send("PUT", clientPath + "/logo", "x").statusCode()).isEqualTo(403);

		TestAdminApi user = TestAdminApi.withSession(signedIn("user@example.com"));
		assertThat(user.get("/admin/api/clients").statusCode()).isEqualTo(403);
		assertThat(user.post("/admin/api/clients", body).statusCode()).isEqualTo(403);

		TestAdminApi admin = TestAdminApi.withSession(signedIn("admin@example.com"));
		assertThat(admin.post("/admin/api/clients", body).statusCode()).isEqualTo(201);
		assertThat(this.jdbc.sql("SELECT count(*) FROM oauth2_registered_client WHERE client_name = 'Sneaky'")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void uploadLogoWhenImageThenStoredByContentAndServedSafely() {
		String clientId = (String) register("Logo Service").get("client_id");
		String logoPath = "/admin/api/clients/" + clientId + "/logo";
		TestBrowser browser = signedIn("user@example.com");

		// A PNG sent as "image/jpeg" named like a JPEG is still a PNG.
		HttpResponse<String> png = upload(logoPath, TestImages.png(64, 48), "image/jpeg");
		assertThat(png.statusCode()).isEqualTo(200);
		assertThat(TestAdminApi.json(png)).containsEntry("content_type", "image/png")
			.containsEntry("logo_uri", "/clients/" + clientId + "/logo");
		HttpResponse<String> served = browser.get("/clients/" + clientId + "/logo");
		assertThat(served.statusCode()).isEqualTo(200);
		assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(served.headers().allValues("Content-Security-Policy"))
			.containsExactly("default-src 'none'; sandbox");

		assertThat(TestAdminApi.json(upload(logoPath, TestImages.jpeg(32, 32), "image/png")))
			.containsEntry("content_type", "image/jpeg");
		assertThat(browser.get("/clients/" + clientId + "/logo").headers().firstValue("Content-Type"))
			.hasValue("image/jpeg");
		assertThat(TestAdminApi.json(upload(logoPath, TestImages.webp(), "application/octet-stream")))
			.containsEntry("content_type", "image/png");

		assertLogoRefused(logoPath, TestImages.svg(), "image/svg+xml", "SVG");
		assertLogoRefused(logoPath, TestImages.gif(), "image/png", "not a PNG, JPEG or WebP");
		assertLogoRefused(logoPath, TestImages.noisyPng(400), "image/png", "256 KB");
		assertLogoRefused(logoPath, TestImages.pngBomb(1, 100_000), "image/png", "1×100000");
		assertThat(browser.get("/clients/" + clientId + "/logo").headers().firstValue("Content-Type"))
			.as("the last good logo stays")
			.hasValue("image/png");

		assertThat(this.writer.delete(logoPath).statusCode()).isEqualTo(204);
		assertThat(browser.get("/clients/" + clientId + "/logo").statusCode()).isEqualTo(404);
	}

	@Test
	void dynamicRegistrationWhenNotEnabledThenNotFound() {
		HttpResponse<String> response = new TestBrowser(baseUrl())
			.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/connect/register"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer anything")
				.POST(HttpRequest.BodyPublishers.ofString("{\"client_name\":\"x\"}"))
				.build());
		assertThat(response.statusCode()).isEqualTo(404);
	}

	private void assertLogoRefused(String path, byte[] image, String contentType, String reason) {
		HttpResponse<String> response = upload(path, image, contentType);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(errors(response)).singleElement().satisfies((error) -> {
			assertThat(error).containsEntry("field", "logo");
			assertThat((String) error.get("message")).contains(reason);
		});
	}

	private HttpResponse<String> upload(String path, byte[] image, String contentType) {
		String token = TestAdminApi.token(new TestBrowser(baseUrl()), TestAdminApi.CLIENT_ID,
				TestAdminApi.CLIENT_SECRET, "admin.write");
		return new TestBrowser(baseUrl()).send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", contentType)
			.header("Accept", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofByteArray(image))
			.build());
	}

	private Map<String, Object> register(String name) {
		HttpResponse<String> created = this.writer.post("/admin/api/clients", json(
				Map.of("client_name", name, "grant_types", List.of("client_credentials"), "scope", "documents.read")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return TestAdminApi.json(created);
	}

	private int tokenStatus(String clientId, String secret, String scope) {
		return new TestOAuthClient(new TestBrowser(baseUrl()), clientId, secret).clientCredentials(scope).statusCode();
	}

	private TestBrowser signedIn(String email) {
		TestBrowser browser = new TestBrowser(baseUrl());
		assertThat(browser.signIn(email, TestOAuthClient.PASSWORD).statusCode()).isEqualTo(302);
		return browser;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> errors(HttpResponse<String> response) {
		return (List<Map<String, Object>>) TestAdminApi.json(response).get("errors");
	}

	static List<String> fields(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		return errors(response).stream().map((error) -> (String) error.get("field")).toList();
	}

	static String json(Map<String, ?> value) {
		return JSONObjectUtils.toJSONString(value);
	}

	private int clientCount() {
		return this.jdbc.sql("SELECT count(*) FROM oauth2_registered_client").query(Integer.class).single();
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
