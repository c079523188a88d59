package dev.latchkey.auth.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dynamic client registration (RFC 7591), turned on with an initial access token: the
 * same rules as for operators, and a logo fetched through the SSRF guard. A local HTTP
 * server on the loopback address (allow-listed in dev mode) plays the client's website.
 */
@ClientIntegrationTest
class DynamicRegistrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpServer website;

	@BeforeEach
	void startWebsite() throws IOException {
		this.website = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		serve("/logo.png", TestImages.png(32, 32));
		serve("/logo.svg", TestImages.svg());
		this.website.start();
	}

	@AfterEach
	void stopWebsite() {
		this.website.stop(0);
	}

	@Test
	void registerWhenTokenMissingOrWrongThen401AndNothingStored() {
		int before = clientCount();
		String body = json(
				Map.of("client_name", "Anon", "grant_types", List.of("client_credentials"), "scope", "documents.read"));
		assertThat(post(null, body).statusCode()).isEqualTo(401);
		HttpResponse<String> wrong = post("Bearer " + ClientTestSupport.INITIAL_ACCESS_TOKEN + "x", body);
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
		assertThat(clientCount()).isEqualTo(before);
	}

	@Test
	void registerWhenValidThenClientGetsSecretAndTokensAndLogoFetched() {
		HttpResponse<String> created = post(bearer(),
				json(Map.of("client_name", "Self-Registered", "grant_types", List.of("client_credentials"), "scope",
						"documents.read", "token_endpoint_auth_method", "client_secret_post", "logo_uri",
						websiteUrl("/logo.png"))));

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((v) -> assertThat(v).contains("no-store"));
		Map<String, Object> body = TestOAuthClient.json(created);
		String clientId = (String) body.get("client_id");
		assertThat(body).containsEntry("client_secret_expires_at", 0L)
			.containsEntry("require_consent", true)
			.containsEntry("logo_uri", "/clients/" + clientId + "/logo");
		HttpResponse<String> token = new TestOAuthClient(new TestBrowser(baseUrl()), clientId,
				(String) body.get("client_secret"))
			.clientCredentials("documents.read");
		assertThat(token.statusCode()).isEqualTo(200);
		TestBrowser user = new TestBrowser(baseUrl());
		user.signIn("user@example.com", TestOAuthClient.PASSWORD);
		assertThat(user.get("/clients/" + clientId + "/logo").headers().firstValue("Content-Type"))
			.hasValue("image/png");
	}

	@Test
	void registerWhenBadMetadataThenRfc7591ErrorsAndNothingStored() {
		int before = clientCount();
		HttpResponse<String> redirect = post(bearer(), json(Map.of("client_name", "Bad", "redirect_uris",
				List.of("https://app.example.com/cb#fragment"), "scope", "openid")));
		assertThat(redirect.statusCode()).isEqualTo(400);
		assertThat(TestOAuthClient.json(redirect)).containsEntry("error", "invalid_redirect_uri");
		assertThat((String) TestOAuthClient.json(redirect).get("error_description")).contains("fragment");

		HttpResponse<String> metadata = post(bearer(),
				json(Map.of("client_name", "", "grant_types", List.of("password"), "scope", "documents.read")));
		assertThat(TestOAuthClient.json(metadata)).containsEntry("error", "invalid_client_metadata");

		HttpResponse<String> metadataLogo = post(bearer(),
				json(Map.of("client_name", "Metadata Logo", "grant_types", List.of("client_credentials"), "scope",
						"documents.read", "logo_uri", "http://169.254.169.254/latest/meta-data/iam")));
		assertThat(metadataLogo.statusCode()).isEqualTo(400);
		assertThat((String) TestOAuthClient.json(metadataLogo).get("error_description")).contains("logo_uri")
			.contains("cloud metadata");

		HttpResponse<String> privateLogo = post(bearer(), json(Map.of("client_name", "Private Logo", "grant_types",
				List.of("client_credentials"), "scope", "documents.read", "logo_uri", "http://10.0.0.8/logo.png")));
		assertThat((String) TestOAuthClient.json(privateLogo).get("error_description")).contains("private");

		HttpResponse<String> svgLogo = post(bearer(), json(Map.of("client_name", "SVG Logo", "grant_types",
				List.of("client_credentials"), "scope", "documents.read", "logo_uri", websiteUrl("/logo.svg"))));
		assertThat(svgLogo.statusCode()).isEqualTo(400);
		assertThat((String) TestOAuthClient.json(svgLogo).get("error_description")).contains("SVG");
		assertThat(clientCount()).as("a refused logo leaves no client behind").isEqualTo(before);
	}

	private void serve(String path, byte[] body) {
		this.website.createContext(path, (exchange) -> {
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
	}

	private String websiteUrl(String path) {
		return "http://127.0.0.1:" + this.website.getAddress().getPort() + path;
	}

	private HttpResponse<String> post(String authorization, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/connect/register"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return new TestBrowser(baseUrl()).send(request.build());
	}

	private static String bearer() {
		return "Bearer " + ClientTestSupport.INITIAL_ACCESS_TOKEN;
	}

	private static String json(Map<String, ?> value) {
		return JSONObjectUtils.toJSONString(value);
	}

	private int clientCount() {
		return this.jdbc.sql("SELECT count(*) FROM oauth2_registered_client").query(Integer.class).single();
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
