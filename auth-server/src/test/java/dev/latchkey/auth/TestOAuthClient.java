package dev.latchkey.auth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An OAuth client as a relying party would write it, over real HTTP: builds authorization
 * requests, walks a {@link TestBrowser} through sign-in and consent, and calls the token,
 * introspection, revocation and userinfo endpoints.
 */
public final class TestOAuthClient {

	public static final String REDIRECT_URI = "http://127.0.0.1:8080/callback";

	public static final String SPA_REDIRECT_URI = "http://127.0.0.1:8080/spa/callback";

	public static final String PASSWORD = "Orchid-Lantern-42!";

	private final TestBrowser browser;

	private final String clientId;

	private final String clientSecret;

	private final String redirectUri;

	public TestOAuthClient(TestBrowser browser, String clientId, String clientSecret) {
		this(browser, clientId, clientSecret, REDIRECT_URI);
	}

	/**
	 * A client; with a {@code null} secret, a public client that sends its
	 * {@code client_id} in the form.
	 */
	public TestOAuthClient(TestBrowser browser, String clientId, String clientSecret, String redirectUri) {
		this.browser = browser;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.redirectUri = redirectUri;
	}

	public static TestOAuthClient demoWeb(TestBrowser browser) {
		return new TestOAuthClient(browser, "demo-web", "demo-web-secret");
	}

	public static TestOAuthClient demoSpa(TestBrowser browser) {
		return new TestOAuthClient(browser, "demo-spa", null, SPA_REDIRECT_URI);
	}

	public String authorizeUrl(String scope, TestBrowser.Pkce pkce, String state) {
		return "/oauth2/authorize?response_type=code&client_id=" + this.clientId + "&redirect_uri="
				+ TestBrowser.encode(this.redirectUri) + "&scope=" + TestBrowser.encode(scope) + "&state=" + state
				+ "&nonce=n-" + state + "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256";
	}

	/**
	 * Runs the browser part of the code flow: authorization request, sign-in, consent.
	 * @return the authorization code delivered to the redirect URI
	 */
	public String authorize(String email, String scope, TestBrowser.Pkce pkce) {
		String state = "s" + System.nanoTime();
		HttpResponse<String> response = this.browser.get(authorizeUrl(scope, pkce, state));
		if (TestBrowser.location(response).endsWith("/login")) {
			this.browser.get(TestBrowser.location(response));
			HttpResponse<String> signedIn = this.browser.signIn(email, PASSWORD);
			assertThat(signedIn.statusCode()).isEqualTo(302);
			response = this.browser.get(TestBrowser.location(signedIn));
		}
		String location = TestBrowser.location(response);
		if (location.contains("/oauth2/consent")) {
			HttpResponse<String> consentPage = this.browser.get(location);
			assertThat(consentPage.statusCode()).isEqualTo(200);
			Map<String, String> hidden = TestBrowser.hiddenFields(consentPage.body());
			List<Map.Entry<String, String>> form = new java.util.ArrayList<>();
			form.add(Map.entry("client_id", hidden.get("client_id")));
			form.add(Map.entry("state", hidden.get("state")));
			for (String requested : scope.split(" ")) {
				if (!requested.equals("openid")) {
					form.add(Map.entry("scope", requested));
				}
			}
			response = this.browser.post("/oauth2/authorize", form);
			location = TestBrowser.location(response);
		}
		assertThat(location).startsWith(this.redirectUri + "?");
		Map<String, String> parameters = TestBrowser.queryParameters(location);
		assertThat(parameters).containsEntry("state", state)
			.containsEntry("iss", this.browser.baseUrl())
			.containsKey("code");
		return parameters.get("code");
	}

	public HttpResponse<String> exchangeCode(String code, String verifier) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("redirect_uri", this.redirectUri);
		form.put("code_verifier", verifier);
		return postAuthenticated("/oauth2/token", form);
	}

	public HttpResponse<String> refresh(String refreshToken) {
		return postAuthenticated("/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
	}

	public HttpResponse<String> clientCredentials(String scope) {
		return postAuthenticated("/oauth2/token", Map.of("grant_type", "client_credentials", "scope", scope));
	}

	public HttpResponse<String> introspect(String token) {
		return postAuthenticated("/oauth2/introspect", Map.of("token", token));
	}

	public HttpResponse<String> revoke(String token) {
		return postAuthenticated("/oauth2/revoke", Map.of("token", token));
	}

	public HttpResponse<String> userInfo(String accessToken) {
		return this.browser.send(HttpRequest.newBuilder(URI.create(this.browser.baseUrl() + "/userinfo"))
			.header("Authorization", "Bearer " + accessToken)
			.GET()
			.build());
	}

	public HttpResponse<String> postAuthenticated(String path, Map<String, String> form) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.browser.baseUrl() + path));
		if (this.clientSecret != null) {
			String credentials = Base64.getEncoder()
				.encodeToString((this.clientId + ":" + this.clientSecret).getBytes(StandardCharsets.UTF_8));
			request.header("Authorization", "Basic " + credentials);
		}
		else {
			form = new LinkedHashMap<>(form);
			form.put("client_id", this.clientId);
		}
		return this.browser.send(request.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(TestBrowser.formBody(form)))
			.build());
	}

	public static Map<String, Object> json(HttpResponse<String> response) {
		try {
			return JSONObjectUtils.parse(response.body());
		}
		catch (ParseException ex) {
			throw new AssertionError("Not JSON (status " + response.statusCode() + "): " + response.body(), ex);
		}
	}

	/**
	 * Parses a JWT and checks its signature against the keys the server publishes.
	 * @return the verified token
	 */
	public SignedJWT verifiedWithJwks(String token) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			HttpResponse<String> jwks = this.browser.get("/oauth2/jwks");
			assertThat(jwks.statusCode()).isEqualTo(200);
			JWKSet keys = JWKSet.parse(jwks.body());
			JWK key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
			assertThat(key).as("signing key %s in the JWKS", jwt.getHeader().getKeyID()).isNotNull();
			assertThat(key.isPrivate()).as("JWKS must not leak private keys").isFalse();
			JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(),
					key.getKeyType().getValue().equals("RSA") ? key.toRSAKey().toPublicKey()
							: key.toECKey().toPublicKey());
			assertThat(jwt.verify(verifier)).as("signature of %s", jwt.getHeader()).isTrue();
			return jwt;
		}
		catch (ParseException | JOSEException ex) {
			throw new AssertionError(ex);
		}
	}

}
