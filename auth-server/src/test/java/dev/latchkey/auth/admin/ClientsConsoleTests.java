package dev.latchkey.auth.admin;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import dev.latchkey.auth.client.InvalidRedirectUris;
import dev.latchkey.auth.client.TestImages;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's client pages as people use them, over real HTTP: forms with their CSRF
 * tokens, the secret page, the logo upload, and what each role sees and may do.
 */
@LatchkeyIntegrationTest
class ClientsConsoleTests {

	private static final Pattern SECRET = Pattern.compile("<code id=\"client-secret\">([^<]+)</code>");

	private static final Pattern CLIENT_ID = Pattern.compile("<code id=\"client-id\">([^<]+)</code>");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void registerWhenAdminThenSecretShownOnceUncachedAndNameEscapedInList() {
		TestBrowser admin = signedIn("admin@example.com");
		String name = "<script>alert('x')</script> & Co";
		HttpResponse<String> page = register(admin, Map.of("client_name", name, "grant_types", "client_credentials",
				"scope", "documents.read", "access_token_lifetime", "10", "refresh_token_lifetime", "60"));

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((v) -> assertThat(v).contains("no-store"));
		String clientId = group(CLIENT_ID, page.body());
		String secret = group(SECRET, page.body());
		assertThat(page.body()).doesNotContain("<script>alert")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co");
		assertThat(new TestOAuthClient(admin, clientId, secret).clientCredentials("documents.read").statusCode())
			.isEqualTo(200);

		HttpResponse<String> list = admin.get("/admin/clients");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains(clientId)
			.doesNotContain("<script>alert")
			.contains("&lt;script&gt;")
			.doesNotContain(secret);
		HttpResponse<String> details = admin.get("/admin/clients/" + clientId);
		assertThat(details.body()).doesNotContain("<script>alert").doesNotContain(secret);
	}

	@Test
	void registerWhenEveryInvalidRedirectUriThenFormErrorLinkedToFieldAndNothingStored() {
		TestBrowser admin = signedIn("admin@example.com");
		int before = clientCount();
		// The form takes one URI per line, so line breaks separate URIs there.
		List<InvalidRedirectUris.Case> cases = InvalidRedirectUris.IN_DEV_MODE.stream()
			.filter((c) -> !c.uri().contains("\n"))
			.toList();
		assertThat(cases).hasSizeGreaterThanOrEqualTo(25);
		for (InvalidRedirectUris.Case invalid : cases) {
			HttpResponse<String> page = register(admin, Map.of("client_name", "Bad", "grant_types",
					"authorization_code", "redirect_uris", invalid.uri(), "scope", "openid"));
			assertThat(page.statusCode()).as(invalid.uri()).isEqualTo(400);
			assertThat(page.body()).as(invalid.uri())
				.contains("class=\"error-summary\"")
				.contains("href=\"#redirect_uris\"")
				.contains("id=\"redirect_uris-error\"")
				.containsPattern("aria-describedby=\"redirect_uris-hint redirect_uris-error\"")
				.doesNotContain("client.error.");
		}
		assertThat(clientCount()).isEqualTo(before);
	}

	@Test
	void registerWhenDuplicateOrOversizedOrBadLifetimeThenFormErrorsAndNothingStored() {
		TestBrowser admin = signedIn("admin@example.com");
		int before = clientCount();
		HttpResponse<String> duplicate = register(admin, Map.of("client_id", "demo-service", "client_name", "Copy",
				"grant_types", "client_credentials", "scope", "documents.read"));
		assertThat(duplicate.statusCode()).isEqualTo(400);
		assertThat(duplicate.body()).contains("href=\"#client_id\"").contains("already taken");

		HttpResponse<String> oversized = register(admin, Map.of("client_name", "n".repeat(201), "grant_types",
				"client_credentials", "scope", "documents.read", "access_token_lifetime", "abc"));
		assertThat(oversized.statusCode()).isEqualTo(400);
		assertThat(oversized.body()).contains("href=\"#client_name\"").contains("href=\"#access_token_lifetime\"");
		assertThat(oversized.body()).as("what was entered is kept").contains("value=\"abc\"");
		assertThat(clientCount()).isEqualTo(before);
	}

	@Test
	void editDisableRotateAndLogoWhenAdminThenEachTakesEffect() {
		TestBrowser admin = signedIn("admin@example.com");
		HttpResponse<String> created = register(admin,
				Map.of("client_name", "Console App", "grant_types", "authorization_code", "redirect_uris",
						"http://127.0.0.1:8080/console/cb", "scope", "openid profile", "require_consent", "on",
						"require_pkce", "on", "access_token_lifetime", "10", "refresh_token_lifetime", "60"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		String clientId = group(CLIENT_ID, created.body());
		String secret = group(SECRET, created.body());
		String path = "/admin/clients/" + clientId;

		HttpResponse<String> page = admin.get(path);
		List<Map.Entry<String, String>> edit = new ArrayList<>(
				List.of(Map.entry("_csrf", TestBrowser.csrfToken(page.body())),
						Map.entry("client_name", "Console App <i>renamed</i>"),
						Map.entry("token_endpoint_auth_method", "client_secret_basic"),
						Map.entry("grant_types", "authorization_code"), Map.entry("grant_types", "refresh_token"),
						Map.entry("redirect_uris",
								"http://127.0.0.1:8080/console/cb\nhttp://127.0.0.1:8080/console/cb2"),
						Map.entry("scope", "openid profile"), Map.entry("require_pkce", "on"),
						Map.entry("access_token_lifetime", "5"), Map.entry("refresh_token_lifetime", "120")));
		HttpResponse<String> saved = admin.post(path, edit);
		assertThat(saved.statusCode()).isEqualTo(302);
		HttpResponse<String> after = admin.get(TestBrowser.location(saved));
		assertThat(after.body()).contains("Console App &lt;i&gt;renamed&lt;/i&gt;")
			.contains("console/cb2")
			.contains("role=\"status\"");

		assertThat(admin.post(path + "/disable", Map.of("_csrf", TestBrowser.csrfToken(after.body()))).statusCode())
			.isEqualTo(302);
		assertThat(new TestOAuthClient(admin, clientId, secret)
			.postAuthenticated("/oauth2/introspect", Map.of("token", "x"))
			.statusCode()).isEqualTo(401);
		HttpResponse<String> disabled = admin.get(path);
		assertThat(disabled.body()).contains("action=\"" + path + "/enable\"");
		assertThat(admin.post(path + "/enable", Map.of("_csrf", TestBrowser.csrfToken(disabled.body()))).statusCode())
			.isEqualTo(302);

		HttpResponse<String> enabled = admin.get(path);
		HttpResponse<String> rotated = admin.post(path + "/secret",
				Map.of("_csrf", TestBrowser.csrfToken(enabled.body()), "grace_period", "24"));
		assertThat(rotated.statusCode()).isEqualTo(200);
		assertThat(rotated.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((v) -> assertThat(v).contains("no-store"));
		String second = group(SECRET, rotated.body());
		assertThat(second).isNotEqualTo(secret);
		assertThat(introspectStatus(admin, clientId, secret)).as("grace period").isEqualTo(200);
		assertThat(introspectStatus(admin, clientId, second)).isEqualTo(200);

		HttpResponse<String> uploaded = uploadLogo(admin, path, TestImages.png(40, 40), "logo.jpg", "image/jpeg");
		assertThat(uploaded.statusCode()).isEqualTo(302);
		HttpResponse<String> logo = admin.get("/clients/" + clientId + "/logo");
		assertThat(logo.headers().firstValue("Content-Type")).hasValue("image/png");
		HttpResponse<String> svg = uploadLogo(admin, path, TestImages.svg(), "logo.png", "image/png");
		assertThat(svg.statusCode()).isEqualTo(400);
		assertThat(svg.body()).contains("href=\"#logo\"").contains("SVG").contains("id=\"logo-error\"");
		HttpResponse<String> bomb = uploadLogo(admin, path, TestImages.pngBomb(1, 100_000), "bomb.png", "image/png");
		assertThat(bomb.statusCode()).isEqualTo(400);
		assertThat(bomb.body()).contains("1×100000");
	}

	@Test
	void consentPageWhenClientHasLogoThenShownWithEscapedNameAsAltText() {
		TestBrowser admin = signedIn("admin@example.com");
		String redirect = "http://127.0.0.1:8080/logo-app/cb";
		HttpResponse<String> created = register(admin,
				Map.of("client_name", "Logo \"App\" <b>", "grant_types", "authorization_code", "redirect_uris",
						redirect, "scope", "openid profile", "require_consent", "on", "require_pkce", "on",
						"access_token_lifetime", "10", "refresh_token_lifetime", "60"));
		String clientId = group(CLIENT_ID, created.body());
		assertThat(
				uploadLogo(admin, "/admin/clients/" + clientId, TestImages.webp(), "x.webp", "image/webp").statusCode())
			.isEqualTo(302);

		TestBrowser user = signedIn("user@example.com");
		TestOAuthClient client = new TestOAuthClient(user, clientId, group(SECRET, created.body()), redirect);
		HttpResponse<String> authorize = user
			.get(client.authorizeUrl("openid profile", TestBrowser.Pkce.create(), "s1"));
		HttpResponse<String> consent = user.get(TestBrowser.location(authorize));
		assertThat(consent.statusCode()).isEqualTo(200);
		assertThat(consent.body())
			.contains("<img src=\"/clients/" + clientId + "/logo\" alt=\"Logo &quot;App&quot; &lt;b&gt;\"")
			.doesNotContain("<b>");
		assertThat(user.get("/clients/" + clientId + "/logo").statusCode()).isEqualTo(200);
	}

	@Test
	void managerWhenReadingThenSeesNoFormsAndMayNotChangeAnything() {
		TestBrowser manager = signedIn("manager@example.com");
		HttpResponse<String> list = manager.get("/admin/clients");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("demo-web").doesNotContain("/admin/clients/new");
		HttpResponse<String> details = manager.get("/admin/clients/demo-web");
		assertThat(details.statusCode()).isEqualTo(200);
		assertThat(details.body()).contains("http://127.0.0.1:8080/callback")
			.doesNotContain("<form method=\"post\" action=\"/admin/clients/demo-web")
			.doesNotContain("/disable")
			.doesNotContain("/secret");
		assertThat(manager.get("/admin/clients/new").statusCode()).isEqualTo(403);
		String csrf = TestBrowser.csrfToken(manager.get("/account").body());
		assertThat(manager.post("/admin/clients", Map.of("_csrf", csrf, "client_name", "x")).statusCode())
			.isEqualTo(403);
		assertThat(manager.post("/admin/clients/demo-web/disable", Map.of("_csrf", csrf)).statusCode()).isEqualTo(403);
		assertThat(manager.post("/admin/clients/demo-web/secret", Map.of("_csrf", csrf)).statusCode()).isEqualTo(403);
		assertThat(this.jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = 'demo-web'")
			.query(String.class)
			.single()).startsWith("{sha256}");
	}

	@Test
	void userWhenAskingForClientPagesThenForbiddenAndNoAdminLink() {
		TestBrowser user = signedIn("user@example.com");
		assertThat(user.get("/admin/clients").statusCode()).isEqualTo(403);
		assertThat(user.get("/admin/clients/demo-web").statusCode()).isEqualTo(403);
		String csrf = TestBrowser.csrfToken(user.get("/account").body());
		assertThat(user.post("/admin/clients/demo-web/disable", Map.of("_csrf", csrf)).statusCode()).isEqualTo(403);
		assertThat(user.get("/account").body()).doesNotContain("href=\"/admin\"");
	}

	private HttpResponse<String> register(TestBrowser browser, Map<String, String> fields) {
		HttpResponse<String> form = browser.get("/admin/clients/new");
		assertThat(form.statusCode()).isEqualTo(200);
		Map<String, String> submitted = new java.util.LinkedHashMap<>(fields);
		submitted.put("_csrf", TestBrowser.csrfToken(form.body()));
		submitted.putIfAbsent("token_endpoint_auth_method", "client_secret_basic");
		submitted.putIfAbsent("access_token_lifetime", "10");
		submitted.putIfAbsent("refresh_token_lifetime", "60");
		submitted.putIfAbsent("require_pkce", "on");
		return browser.post("/admin/clients", submitted);
	}

	private HttpResponse<String> uploadLogo(TestBrowser browser, String clientPath, byte[] image, String fileName,
			String contentType) {
		String csrf = TestBrowser.csrfToken(browser.get(clientPath).body());
		String boundary = "----latchkey" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(image);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return browser.send(HttpRequest.newBuilder(URI.create(browser.baseUrl() + clientPath + "/logo"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build());
	}

	private static int introspectStatus(TestBrowser browser, String clientId, String secret) {
		return new TestOAuthClient(browser, clientId, secret)
			.postAuthenticated("/oauth2/introspect", Map.of("token", "x"))
			.statusCode();
	}

	private TestBrowser signedIn(String email) {
		TestBrowser browser = new TestBrowser("http://localhost:" + this.port);
		assertThat(browser.signIn(email, TestOAuthClient.PASSWORD).statusCode()).isEqualTo(302);
		return browser;
	}

	private static String group(Pattern pattern, String html) {
		Matcher matcher = pattern.matcher(html);
		assertThat(matcher.find()).as("%s in %s", pattern, html).isTrue();
		return matcher.group(1);
	}

	private int clientCount() {
		return this.jdbc.sql("SELECT count(*) FROM oauth2_registered_client").query(Integer.class).single();
	}

}
