package dev.latchkey.auth.lockout;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import dev.latchkey.auth.TestBrowser;

/**
 * A person's browser over real HTTP, at a client address of its own: every request
 * carries it in {@code X-Forwarded-For}, which a node believes when the request comes
 * from its trusted proxy (127.0.0.1, the tests themselves).
 */
final class Visitor {

	private final TestBrowser browser;

	private final @Nullable String address;

	private @Nullable String language;

	Visitor(String baseUrl, @Nullable String address) {
		this.browser = new TestBrowser(baseUrl);
		this.address = address;
	}

	/**
	 * A random address in 10.0.0.0/8, so every test has buckets of its own.
	 */
	static String randomAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
	}

	Visitor speaking(String language) {
		this.language = language;
		return this;
	}

	HttpResponse<String> get(String path) {
		return get(path, "text/html");
	}

	HttpResponse<String> get(String path, String accept) {
		return this.browser.send(request(path).header("Accept", accept).GET().build());
	}

	HttpResponse<String> post(String path, Map<String, String> form) {
		return this.browser.send(request(path).header("Accept", "text/html")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(TestBrowser.formBody(form)))
			.build());
	}

	/**
	 * Posts to a protocol endpoint as an OAuth client would.
	 */
	HttpResponse<String> postAsClient(String path, @Nullable String basicAuthorization, Map<String, String> form) {
		HttpRequest.Builder request = request(path).header("Accept", "application/json")
			.header("Content-Type", "application/x-www-form-urlencoded");
		if (basicAuthorization != null) {
			request.header("Authorization", basicAuthorization);
		}
		return this.browser.send(request.POST(HttpRequest.BodyPublishers.ofString(TestBrowser.formBody(form))).build());
	}

	/**
	 * Signs in through the sign-in page.
	 * @return the answer to the form (a redirect: to the start page on success, to
	 * {@code /login?error} on failure)
	 */
	HttpResponse<String> signIn(String email, String password) {
		String csrf = TestBrowser.csrfToken(get("/login").body());
		return post("/login", Map.of("email", email, "password", password, "_csrf", csrf));
	}

	/**
	 * Whether a sign-in succeeded.
	 */
	static boolean succeeded(HttpResponse<String> response) {
		return response.statusCode() == 302 && !TestBrowser.location(response).contains("/login");
	}

	/**
	 * Whether a sign-in got the answer of a wrong password.
	 */
	static boolean refusedAsWrongPassword(HttpResponse<String> response) {
		return response.statusCode() == 302 && TestBrowser.location(response).endsWith("/login?error");
	}

	@Nullable String address() {
		return this.address;
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(path.startsWith("http") ? path : this.browser.baseUrl() + path));
		if (this.address != null) {
			request.header("X-Forwarded-For", this.address);
		}
		if (this.language != null) {
			request.header("Accept-Language", this.language);
		}
		return request;
	}

}
