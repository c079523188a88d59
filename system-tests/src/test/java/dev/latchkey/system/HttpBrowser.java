package dev.latchkey.system;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a screen: keeps cookies, follows no redirects, submits forms as they
 * are in the page. Cookies on localhost are shared across ports, so one instance can move
 * between nodes like a user moved by a load balancer.
 */
final class HttpBrowser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final Pattern HIDDEN = Pattern
		.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build());
	}

	HttpResponse<String> post(String url, List<Map.Entry<String, String>> form) {
		String body = form.stream()
			.map((e) -> OAuth.encode(e.getKey()) + "=" + OAuth.encode(e.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	HttpResponse<String> signIn(String baseUrl, String email) {
		return signIn(baseUrl, email, OAuth.SAMPLE_PASSWORD);
	}

	HttpResponse<String> signIn(String baseUrl, String email, String password) {
		String csrf = csrf(get(baseUrl + "/login").body());
		return post(baseUrl + "/login",
				List.of(Map.entry("email", email), Map.entry("password", password), Map.entry("_csrf", csrf)));
	}

	/**
	 * Approves every scope on a consent page.
	 */
	HttpResponse<String> consent(String baseUrl, String consentUrl, String scope) {
		Map<String, String> hidden = hidden(get(consentUrl).body());
		List<Map.Entry<String, String>> form = new ArrayList<>();
		form.add(Map.entry("client_id", hidden.get("client_id")));
		form.add(Map.entry("state", hidden.get("state")));
		for (String requested : scope.split(" ")) {
			if (!requested.equals("openid")) {
				form.add(Map.entry("scope", requested));
			}
		}
		return post(baseUrl + "/oauth2/authorize", form);
	}

	private HttpResponse<String> send(HttpRequest request) {
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

	static String location(HttpResponse<?> response) {
		return response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new AssertionError("No redirect, status " + response.statusCode()));
	}

	static String csrf(String html) {
		Matcher matcher = CSRF.matcher(html);
		if (!matcher.find()) {
			throw new AssertionError("No CSRF token in:\n" + html);
		}
		return matcher.group(1);
	}

	static Map<String, String> hidden(String html) {
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher matcher = HIDDEN.matcher(html);
		while (matcher.find()) {
			fields.putIfAbsent(matcher.group(1), matcher.group(2).replace("&amp;", "&"));
		}
		return fields;
	}

}
