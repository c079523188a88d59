package dev.latchkey.system;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample resource server trusting a real Latchkey, both run from their jars as
 * separate processes: tokens issued by the auth server (client credentials for
 * {@code demo-service}, the code flow for the four sample users through {@code demo-web})
 * are accepted and enforced as the table of DESIGN.md section 3 says.
 */
class ResourceServerIT {

	private static final String BOTH = "documents.read documents.write";

	private static final String DOCUMENT = "{\"title\":\"Cross-service check\",\"content\":\"Issued by Latchkey.\"}";

	/**
	 * The table of DESIGN.md section 3, restated here on purpose rather than shared with
	 * the sample's own tests.
	 */
	private static final Map<String, Set<String>> TABLE = new LinkedHashMap<>();

	static {
		TABLE.put("guest@example.com", Set.of());
		TABLE.put("user@example.com", Set.of("read"));
		TABLE.put("manager@example.com", Set.of("read", "write", "export"));
		TABLE.put("admin@example.com", Set.of("read", "write", "export", "delete"));
		TABLE.put("demo-service", Set.of("read", "write", "export", "delete"));
		TABLE.put("demo-service (documents.read)", Set.of("read", "export"));
	}

	private static final List<Endpoint> ENDPOINTS = List.of(new Endpoint("GET", "/api/documents", "read", 200),
			new Endpoint("GET", "/api/documents/{id}", "read", 200),
			new Endpoint("POST", "/api/documents", "write", 201),
			new Endpoint("PUT", "/api/documents/{id}", "write", 200),
			new Endpoint("DELETE", "/api/documents/{id}", "delete", 204),
			new Endpoint("GET", "/api/documents/export", "export", 200), new Endpoint("GET", "/api/me", null, 200));

	private static ServerProcess authServer;

	private static ServerProcess resourceServer;

	private static final Map<String, String> accessTokens = new LinkedHashMap<>();

	private static String managerIdToken;

	private static final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startBothServersAndGetTokens() {
		// The shared auth server of the run (dev mode, sample data, its own issuer URL).
		authServer = AuthServers.shared();
		String issuer = authServer.baseUrl();
		resourceServer = ServerProcess.start("latchkey.resource-server.jar", "resource-server",
				ServerProcess.freePort(), List.of("--latchkey.issuer=" + issuer));
		resourceServer.awaitReady(Duration.ofMinutes(1));

		accessTokens.put("demo-service", clientCredentials(BOTH));
		accessTokens.put("demo-service (documents.read)", clientCredentials("documents.read"));
		for (String email : List.of("guest@example.com", "user@example.com", "manager@example.com",
				"admin@example.com")) {
			Map<String, Object> tokens = new Browser(authServer.baseUrl()).signInAndAuthorize(email);
			accessTokens.put(email, (String) tokens.get("access_token"));
			if (email.startsWith("manager")) {
				managerIdToken = (String) tokens.get("id_token");
			}
		}
	}

	@AfterAll
	static void stopBothServers() {
		if (resourceServer != null) {
			resourceServer.close();
		}
	}

	static Stream<Arguments> matrix() {
		return TABLE.keySet()
			.stream()
			.flatMap((principal) -> ENDPOINTS.stream().map((e) -> Arguments.of(principal, e)));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("matrix")
	void endpointWhenCalledWithLatchkeyTokenThenAnswersAsDesignTableSays(String principal, Endpoint endpoint) {
		String id = createdId(call("POST", "/api/documents", accessTokens.get("admin@example.com"), DOCUMENT));
		String body = (endpoint.method().equals("POST") || endpoint.method().equals("PUT")) ? DOCUMENT : null;

		HttpResponse<String> response = call(endpoint.method(), endpoint.path().replace("{id}", id),
				accessTokens.get(principal), body);

		boolean allowed = endpoint.permission() == null || TABLE.get(principal).contains(endpoint.permission());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(allowed ? endpoint.success() : 403);
	}

	@Test
	void serviceTokenWhenBothScopesThenCreatesReadsExportsAndDeletes() {
		String token = accessTokens.get("demo-service");
		HttpResponse<String> created = call("POST", "/api/documents", token,
				"{\"title\":\"Made by demo-service\",\"content\":\"x\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = createdId(created);
		assertThat(json(created)).containsEntry("owner", "demo-service");
		assertThat(created.headers().firstValue("Location"))
			.hasValue(resourceServer.baseUrl() + "/api/documents/" + id);

		assertThat(call("GET", "/api/documents/" + id, token, null).statusCode()).isEqualTo(200);
		HttpResponse<String> export = call("GET", "/api/documents/export", token, null);
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
		assertThat(export.body()).contains("\r\n" + id + ",Made by demo-service,demo-service,");
		assertThat(call("DELETE", "/api/documents/" + id, token, null).statusCode()).isEqualTo(204);
		assertThat(call("GET", "/api/documents/" + id, token, null).statusCode()).isEqualTo(404);
	}

	@Test
	void serviceTokenWhenReadScopeOnlyThenForbiddenToWriteWithScopeHint() {
		String token = accessTokens.get("demo-service (documents.read)");
		assertThat(call("GET", "/api/documents", token, null).statusCode()).isEqualTo(200);
		assertThat(call("GET", "/api/documents/export", token, null).statusCode()).isEqualTo(200);

		HttpResponse<String> write = call("POST", "/api/documents", token, DOCUMENT);
		assertThat(write.statusCode()).isEqualTo(403);
		assertThat(write.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer error=\"insufficient_scope\"")
				.contains("scope=\"documents.write\""));
		assertThat(json(write)).containsEntry("permission", "write");
		assertThat(resourceServer.output()).contains("\"subject\":\"demo-service\"")
			.contains(
					"\"permission\":\"write\",\"method\":\"POST\",\"resource\":\"/api/documents\",\"decision\":\"denied\"");
	}

	@Test
	void userTokenWhenAskingWhoAmIThenRolesAndPermissionsFromLatchkey() throws ParseException {
		Map<String, Object> me = json(call("GET", "/api/me", accessTokens.get("manager@example.com"), null));
		assertThat(me).containsEntry("client", "demo-web")
			.containsEntry("kind", "user")
			.containsEntry("roles", List.of("MANAGER"))
			.containsEntry("permissions", List.of("read", "write", "export"));
		assertThat(me.get("subject")).as("the account id, not the email")
			.isEqualTo(SignedJWT.parse(accessTokens.get("manager@example.com")).getJWTClaimsSet().getSubject())
			.isNotEqualTo("manager@example.com");
	}

	@Test
	void idTokenWhenUsedAsAccessTokenThenUnauthorized() {
		assertThat(managerIdToken).isNotNull();
		HttpResponse<String> response = call("GET", "/api/me", managerIdToken, null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""));
	}

	@Test
	void latchkeyTokenWhenPayloadEditedThenUnauthorized() {
		String[] parts = accessTokens.get("demo-service (documents.read)").split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String widened = payload.replace("\"documents.read\"", "\"documents.read documents.write\"");
		assertThat(widened).isNotEqualTo(payload);
		String forged = parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(widened.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];
		assertThat(call("POST", "/api/documents", forged, DOCUMENT).statusCode()).isEqualTo(401);
	}

	@Test
	void metadataWhenFetchedThenNamesTheRealIssuer() {
		Map<String, Object> metadata = json(call("GET", "/.well-known/oauth-protected-resource", null, null));
		assertThat(metadata).containsEntry("resource", "http://localhost:8081")
			.containsEntry("authorization_servers", List.of(authServer.baseUrl()))
			.containsEntry("scopes_supported", List.of("documents.read", "documents.write"));
	}

	private static String clientCredentials(String scope) {
		String credentials = Base64.getEncoder()
			.encodeToString("demo-service:demo-service-secret".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(authServer.baseUrl() + "/oauth2/token"))
			.header("Authorization", "Basic " + credentials)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + Browser.encode(scope)))
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return (String) json(response).get("access_token");
	}

	private static HttpResponse<String> call(String method, String path, String token, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(resourceServer.baseUrl() + path))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return send(request.build());
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String createdId(HttpResponse<String> created) {
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return String.valueOf(((Number) json(created).get("id")).longValue());
	}

	private static Map<String, Object> json(HttpResponse<String> response) {
		try {
			return JSONObjectUtils.parse(response.body());
		}
		catch (ParseException ex) {
			throw new AssertionError("Not JSON (status " + response.statusCode() + "): " + response.body(), ex);
		}
	}

	/**
	 * An endpoint, the permission it requires ({@code null}: any valid token) and its
	 * status when allowed.
	 */
	record Endpoint(String method, String path, String permission, int success) {

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

	/**
	 * A person's browser in the authorization code flow of {@code demo-web}: keeps
	 * cookies, follows no redirects, signs in and consents through the hosted pages, then
	 * exchanges the code with PKCE.
	 */
	static final class Browser {

		private static final String REDIRECT_URI = "http://127.0.0.1:8080/callback";

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

		private static final Pattern HIDDEN = Pattern
			.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

		private final String baseUrl;

		private final HttpClient client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		Browser(String baseUrl) {
			this.baseUrl = baseUrl;
		}

		/**
		 * @return the token response for {@code email}, with both document scopes
		 */
		Map<String, Object> signInAndAuthorize(String email) {
			String verifier = randomVerifier();
			String state = "s" + System.nanoTime();
			String scope = "openid " + BOTH;
			HttpResponse<String> response = get("/oauth2/authorize?response_type=code&client_id=demo-web&redirect_uri="
					+ encode(REDIRECT_URI) + "&scope=" + encode(scope) + "&state=" + state + "&code_challenge="
					+ challenge(verifier) + "&code_challenge_method=S256");
			if (location(response).endsWith("/login")) {
				HttpResponse<String> page = get("/login");
				HttpResponse<String> signedIn = post("/login", List.of(Map.entry("email", email),
						Map.entry("password", "Orchid-Lantern-42!"), Map.entry("_csrf", csrf(page.body()))));
				assertThat(signedIn.statusCode()).as(email + " signs in").isEqualTo(302);
				response = get(location(signedIn));
			}
			String location = location(response);
			if (location.contains("/oauth2/consent")) {
				Map<String, String> hidden = hiddenFields(get(location).body());
				List<Map.Entry<String, String>> form = new ArrayList<>();
				form.add(Map.entry("client_id", hidden.get("client_id")));
				form.add(Map.entry("state", hidden.get("state")));
				for (String requested : BOTH.split(" ")) {
					form.add(Map.entry("scope", requested));
				}
				location = location(post("/oauth2/authorize", form));
			}
			assertThat(location).startsWith(REDIRECT_URI + "?");
			Map<String, String> parameters = query(location);
			assertThat(parameters).containsEntry("state", state);

			String credentials = Base64.getEncoder()
				.encodeToString("demo-web:demo-web-secret".getBytes(StandardCharsets.UTF_8));
			HttpResponse<String> tokens = send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/oauth2/token"))
				.header("Authorization", "Basic " + credentials)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(List.of(Map.entry("grant_type", "authorization_code"),
						Map.entry("code", parameters.get("code")), Map.entry("redirect_uri", REDIRECT_URI),
						Map.entry("code_verifier", verifier)))))
				.build());
			assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
			return json(tokens);
		}

		private HttpResponse<String> get(String pathOrUrl) {
			return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "text/html").GET().build());
		}

		private HttpResponse<String> post(String path, List<Map.Entry<String, String>> fields) {
			return send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "text/html")
				.POST(HttpRequest.BodyPublishers.ofString(form(fields)))
				.build());
		}

		private HttpResponse<String> send(HttpRequest request) {
			try {
				return this.client.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private URI uri(String pathOrUrl) {
			return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : this.baseUrl + pathOrUrl);
		}

		static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

		private static String form(List<Map.Entry<String, String>> fields) {
			return fields.stream()
				.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
				.collect(Collectors.joining("&"));
		}

		private static String location(HttpResponse<?> response) {
			return response.headers()
				.firstValue("Location")
				.orElseThrow(() -> new AssertionError("No redirect, status " + response.statusCode()));
		}

		private static String csrf(String html) {
			Matcher matcher = CSRF.matcher(html);
			assertThat(matcher.find()).as("CSRF token in the sign-in page").isTrue();
			return matcher.group(1);
		}

		private static Map<String, String> hiddenFields(String html) {
			Map<String, String> fields = new LinkedHashMap<>();
			Matcher matcher = HIDDEN.matcher(html);
			while (matcher.find()) {
				fields.putIfAbsent(matcher.group(1), matcher.group(2).replace("&amp;", "&"));
			}
			return fields;
		}

		private static Map<String, String> query(String url) {
			Map<String, String> parameters = new LinkedHashMap<>();
			for (String pair : URI.create(url).getRawQuery().split("&")) {
				int eq = pair.indexOf('=');
				parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
			return parameters;
		}

		private static String randomVerifier() {
			byte[] bytes = new byte[32];
			new SecureRandom().nextBytes(bytes);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		}

		private static String challenge(String verifier) {
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256")
					.digest(verifier.getBytes(StandardCharsets.US_ASCII));
				return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
