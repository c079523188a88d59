package dev.latchkey.auth.admin;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;

/**
 * A caller of the admin API over real HTTP: with a token of the {@code demo-admin} client
 * (client credentials), or with a signed-in browser's session and CSRF token.
 */
public final class TestAdminApi {

	public static final String CLIENT_ID = "demo-admin";

	public static final String CLIENT_SECRET = "demo-admin-secret";

	private final TestBrowser browser;

	private final String authorization;

	private final String csrf;

	private TestAdminApi(TestBrowser browser, String authorization, String csrf) {
		this.browser = browser;
		this.authorization = authorization;
		this.csrf = csrf;
	}

	/**
	 * A caller with a {@code demo-admin} token of the given scopes.
	 */
	public static TestAdminApi withToken(String baseUrl, String scope) {
		TestBrowser browser = new TestBrowser(baseUrl);
		return new TestAdminApi(browser, "Bearer " + token(browser, CLIENT_ID, CLIENT_SECRET, scope), null);
	}

	/**
	 * A caller with an access token as it is.
	 */
	public static TestAdminApi withBearer(String baseUrl, String accessToken) {
		return new TestAdminApi(new TestBrowser(baseUrl), "Bearer " + accessToken, null);
	}

	/**
	 * A caller using a signed-in browser's session; changes carry the CSRF token of a
	 * console page.
	 */
	public static TestAdminApi withSession(TestBrowser signedIn) {
		HttpResponse<String> page = signedIn.get("/account");
		return new TestAdminApi(signedIn, null, TestBrowser.csrfToken(page.body()));
	}

	public static String token(TestBrowser browser, String clientId, String secret, String scope) {
		TestOAuthClient client = new TestOAuthClient(browser, clientId, secret);
		HttpResponse<String> response = client.clientCredentials(scope);
		if (response.statusCode() != 200) {
			throw new AssertionError("No token: " + response.statusCode() + " " + response.body());
		}
		return (String) TestOAuthClient.json(response).get("access_token");
	}

	public HttpResponse<String> get(String path) {
		return send("GET", path, null);
	}

	public HttpResponse<String> post(String path, String json) {
		return send("POST", path, json);
	}

	public HttpResponse<String> put(String path, String json) {
		return send("PUT", path, json);
	}

	public HttpResponse<String> delete(String path) {
		return send("DELETE", path, null);
	}

	public HttpResponse<String> send(String method, String path, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.browser.baseUrl() + path))
			.header("Accept", "application/json")
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		if (this.csrf != null) {
			request.header("X-CSRF-TOKEN", this.csrf);
		}
		return this.browser.send(request.build());
	}

	public static Map<String, Object> json(HttpResponse<String> response) {
		return TestOAuthClient.json(response);
	}

}
