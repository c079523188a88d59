package dev.latchkey.auth;

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
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser over real HTTP: keeps cookies, does not follow redirects, reads forms
 * the way a person's browser would submit them. Used to drive the hosted pages and the
 * authorization code flow in tests.
 */
public final class TestBrowser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final Pattern HIDDEN = Pattern
		.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

	private final String baseUrl;

	private final HttpClient http;

	public TestBrowser(String baseUrl) {
		this.baseUrl = baseUrl;
		this.http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	public HttpResponse<String> get(String pathOrUrl) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "text/html").GET().build());
	}

	public HttpResponse<String> post(String pathOrUrl, Map<String, String> form) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(formBody(form)))
			.build());
	}

	public HttpResponse<String> post(String pathOrUrl, List<Map.Entry<String, String>> form) {
		String body = form.stream()
			.map((e) -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(uri(pathOrUrl))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	public HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Signs in through the hosted sign-in page.
	 * @return the response to the sign-in form (a redirect on success)
	 */
	public HttpResponse<String> signIn(String email, String password) {
		HttpResponse<String> page = get("/login");
		return post("/login", Map.of("email", email, "password", password, "_csrf", csrfToken(page.body())));
	}

	public static String csrfToken(String html) {
		Matcher matcher = CSRF.matcher(html);
		if (!matcher.find()) {
			throw new AssertionError("No CSRF token in page:\n" + html);
		}
		return matcher.group(1);
	}

	public static Map<String, String> hiddenFields(String html) {
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher matcher = HIDDEN.matcher(html);
		while (matcher.find()) {
			fields.putIfAbsent(matcher.group(1), unescape(matcher.group(2)));
		}
		return fields;
	}

	public static String location(HttpResponse<?> response) {
		return response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new AssertionError("No Location header, status " + response.statusCode()));
	}

	public static Map<String, String> queryParameters(String url) {
		String query = URI.create(url).getRawQuery();
		Map<String, String> parameters = new LinkedHashMap<>();
		if (query == null) {
			return parameters;
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return parameters;
	}

	public static String formBody(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((e) -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
	}

	public static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String unescape(String html) {
		return html.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&amp;", "&");
	}

	private URI uri(String pathOrUrl) {
		return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : this.baseUrl + pathOrUrl);
	}

	/**
	 * A PKCE verifier and its S256 challenge.
	 */
	public record Pkce(String verifier, String challenge) {

		public static Pkce create() {
			byte[] bytes = new byte[32];
			new SecureRandom().nextBytes(bytes);
			String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256")
					.digest(verifier.getBytes(StandardCharsets.US_ASCII));
				return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
