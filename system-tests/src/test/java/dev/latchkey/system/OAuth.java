package dev.latchkey.system;

import java.io.IOException;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;

/**
 * The client side of OAuth over real HTTP, as a relying party would do it.
 */
final class OAuth {

	static final String DEMO_WEB_REDIRECT = "http://127.0.0.1:8080/callback";

	static final String SAMPLE_PASSWORD = "Orchid-Lantern-42!";

	private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private OAuth() {
	}

	record Pkce(String verifier, String challenge) {

		static Pkce create() {
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

	static String authorizeUrl(String issuer, String clientId, String redirectUri, String scope, Pkce pkce,
			String state) {
		return issuer + "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri="
				+ encode(redirectUri) + "&scope=" + encode(scope) + "&state=" + state + "&code_challenge="
				+ pkce.challenge() + "&code_challenge_method=S256";
	}

	static HttpResponse<String> token(String issuer, String clientId, String secret, Map<String, String> form) {
		String credentials = Base64.getEncoder()
			.encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
			.header("Authorization", "Basic " + credentials)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(form)))
			.build());
	}

	static HttpResponse<String> exchangeCode(String issuer, String code, Pkce pkce) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("redirect_uri", DEMO_WEB_REDIRECT);
		form.put("code_verifier", pkce.verifier());
		return token(issuer, "demo-web", "demo-web-secret", form);
	}

	static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, Object> json(HttpResponse<String> response) {
		try {
			return JSONObjectUtils.parse(response.body());
		}
		catch (ParseException ex) {
			throw new AssertionError("Not JSON (" + response.statusCode() + "): " + response.body(), ex);
		}
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> jsonArray(HttpResponse<String> response) {
		try {
			return JSONArrayUtils.parse(response.body()).stream().map((item) -> (Map<String, Object>) item).toList();
		}
		catch (ParseException | ClassCastException ex) {
			throw new AssertionError("Not a JSON array of objects (" + response.statusCode() + "): " + response.body(),
					ex);
		}
	}

	/**
	 * Parses a JWT and verifies it with the key the issuer publishes for its kid.
	 */
	static SignedJWT verify(String issuer, String token) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			HttpResponse<String> jwks = send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/jwks")).build());
			JWK key = JWKSet.parse(jwks.body()).getKeyByKeyId(jwt.getHeader().getKeyID());
			if (key == null) {
				throw new AssertionError("kid " + jwt.getHeader().getKeyID() + " not in the JWKS");
			}
			boolean valid = jwt.verify(new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(),
					key.getKeyType().getValue().equals("RSA") ? key.toRSAKey().toPublicKey()
							: key.toECKey().toPublicKey()));
			if (!valid) {
				throw new AssertionError("Bad signature on " + jwt.getHeader());
			}
			return jwt;
		}
		catch (ParseException | JOSEException ex) {
			throw new AssertionError(ex);
		}
	}

	static Map<String, String> query(String url) {
		String query = URI.create(url).getRawQuery();
		Map<String, String> parameters = new LinkedHashMap<>();
		if (query != null) {
			for (String pair : query.split("&")) {
				int eq = pair.indexOf('=');
				parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return parameters;
	}

	static String form(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((e) -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
