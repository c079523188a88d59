package dev.latchkey.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running identity server as the scenarios see it: its endpoints, the benchmark's
 * clients and users (with secrets made for this run), and how a person signs in and
 * consents there.
 */
abstract class Target {

	static final String REDIRECT_URI = "https://app.bench/callback";

	static final SecureRandom RANDOM = new SecureRandom();

	private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);

	private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:-]+)\\s*=\\s*\"([^\"]*)\"");

	private final AtomicInteger nextUser = new AtomicInteger();

	final String label;

	final String publicBase;

	final String localBase;

	final Credentials service;

	final Credentials web;

	final String userPassword;

	final int users;

	final String database;

	ServerProcess process;

	/**
	 * The algorithm access tokens are signed with; ID tokens are RS256 everywhere.
	 */
	String accessAlgorithm = "ES256";

	Target(String label, String publicBase, String localBase, Credentials service, Credentials web, String userPassword,
			int users, String database) {
		this.label = label;
		this.publicBase = publicBase;
		this.localBase = localBase;
		this.service = service;
		this.web = web;
		this.userPassword = userPassword;
		this.users = users;
		this.database = database;
	}

	abstract String tokenUrl();

	abstract String introspectionUrl();

	abstract String jwksUrl();

	abstract String discoveryUrl();

	abstract String authorizationUrl();

	/**
	 * The service client's scope for client credentials tokens.
	 */
	String serviceScope() {
		return "documents.read";
	}

	String webScope() {
		return "openid documents.read";
	}

	/**
	 * Signs a person in and consents, from a fresh browser session, and returns the
	 * authorization code the redirect carries.
	 */
	abstract String authorizationCode(Http http, String user, Pkce pkce, String state);

	abstract String userName(int index);

	/**
	 * Forgets every stored consent, so the next sign-ins go through the consent page
	 * again.
	 */
	abstract void forgetConsents(Database db);

	String nextUser() {
		return userName(Math.floorMod(this.nextUser.getAndIncrement(), this.users));
	}

	Http http(int clientNumber) {
		return new Http(this.publicBase, this.localBase, clientNumber);
	}

	String authorizeRequest(Pkce pkce, String state) {
		return authorizationUrl() + "?response_type=code&client_id=" + Http.encode(this.web.id()) + "&redirect_uri="
				+ Http.encode(REDIRECT_URI) + "&scope=" + Http.encode(webScope()) + "&state=" + state
				+ "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256";
	}

	/**
	 * The code of the final redirect to the client, after checking its state.
	 */
	static String codeFrom(Http.Response redirect, String state) {
		redirect.expect(302);
		String location = redirect.location();
		if (location == null || !location.startsWith(REDIRECT_URI)) {
			throw new BenchException("redirected to " + location + " instead of the client");
		}
		Map<String, String> query = Http.query(location);
		if (!state.equals(query.get("state"))) {
			throw new BenchException("state lost in the redirect: " + query.get("error"));
		}
		String code = query.get("code");
		if (code == null) {
			throw new BenchException("no code in the redirect: " + query.get("error"));
		}
		return code;
	}

	/**
	 * The hidden fields of a page's forms (first value of each name).
	 */
	static Map<String, String> hiddenFields(String html) {
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher input = INPUT.matcher(html);
		while (input.find()) {
			Map<String, String> attributes = attributes(input.group());
			if ("hidden".equalsIgnoreCase(attributes.get("type")) && attributes.containsKey("name")) {
				fields.putIfAbsent(attributes.get("name"), Http.unescapeHtml(attributes.getOrDefault("value", "")));
			}
		}
		return fields;
	}

	static Map<String, String> attributes(String tag) {
		Map<String, String> attributes = new LinkedHashMap<>();
		Matcher attribute = ATTRIBUTE.matcher(tag);
		while (attribute.find()) {
			attributes.put(attribute.group(1).toLowerCase(), attribute.group(2));
		}
		return attributes;
	}

	static String randomToken(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	/**
	 * A client's id and its secret for this run (none for a public client).
	 */
	record Credentials(String id, String secret) {

		String basic() {
			return Http.basic(this.id, this.secret);
		}

	}

	record Pkce(String verifier, String challenge) {

		static Pkce create() {
			String verifier = randomToken(32);
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
