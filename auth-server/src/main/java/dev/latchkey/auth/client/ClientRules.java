package dev.latchkey.auth.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The rules a client registration must follow, all checked at once so a form or an API
 * answer can list every problem. Fields are named as in RFC 7591.
 */
final class ClientRules {

	static final String CLIENT_ID = "client_id";

	static final String CLIENT_NAME = "client_name";

	static final String AUTH_METHOD = "token_endpoint_auth_method";

	static final String GRANT_TYPES = "grant_types";

	static final String REDIRECT_URIS = "redirect_uris";

	static final String POST_LOGOUT_REDIRECT_URIS = "post_logout_redirect_uris";

	static final String SCOPE = "scope";

	static final String REQUIRE_PKCE = "require_pkce";

	static final String ACCESS_TOKEN_LIFETIME = "access_token_lifetime";

	static final String REFRESH_TOKEN_LIFETIME = "refresh_token_lifetime";

	static final String JWKS_URI = "jwks_uri";

	static final String BACKCHANNEL_LOGOUT_URI = "backchannel_logout_uri";

	static final String AUTHORIZATION_CODE = "authorization_code";

	static final String REFRESH_TOKEN = "refresh_token";

	static final String CLIENT_CREDENTIALS = "client_credentials";

	static final Set<String> GRANT_TYPE_VALUES = Set.of(AUTHORIZATION_CODE, REFRESH_TOKEN, CLIENT_CREDENTIALS);

	static final Set<String> AUTH_METHODS = Set.of(ClientRegistrationRequest.CLIENT_SECRET_BASIC,
			ClientRegistrationRequest.PRIVATE_KEY_JWT, ClientRegistrationRequest.NONE);

	static final int MAX_NAME_LENGTH = 200;

	static final int MIN_CLIENT_ID_LENGTH = 3;

	static final int MAX_CLIENT_ID_LENGTH = 100;

	static final int MAX_URIS = 20;

	static final int MAX_SCOPES = 50;

	static final int MAX_SCOPE_LENGTH = 100;

	static final Duration MIN_ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(1);

	/** The signer refuses longer tokens ({@code latchkey.keys.max-token-lifetime}). */
	static final Duration MAX_ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(10);

	static final Duration MIN_REFRESH_TOKEN_LIFETIME = Duration.ofMinutes(5);

	static final Duration MAX_REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);

	private static final Pattern CLIENT_ID_FORMAT = Pattern.compile("[A-Za-z0-9._~-]+");

	/** RFC 6749 section 3.3 scope-token. */
	private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

	private final RedirectUriRules redirectUris;

	private final SsrfGuard guard;

	ClientRules(RedirectUriRules redirectUris, SsrfGuard guard) {
		this.redirectUris = redirectUris;
		this.guard = guard;
	}

	List<ClientProblem> problems(ClientRegistrationRequest request, boolean checkClientId) {
		List<ClientProblem> problems = new ArrayList<>();
		if (checkClientId && request.clientId() != null) {
			clientId(request.clientId(), problems);
		}
		name(request.name(), problems);
		boolean known = AUTH_METHODS.contains(request.authenticationMethod());
		if (!known) {
			problems.add(ClientProblem.of(AUTH_METHOD, "client.error.authMethod.unknown"));
		}
		boolean isPublic = ClientRegistrationRequest.NONE.equals(request.authenticationMethod());
		grantTypes(request.grantTypes(), isPublic, problems);
		boolean code = request.grantTypes().contains(AUTHORIZATION_CODE);
		uris(REDIRECT_URIS, request.redirectUris(), code, true, problems);
		uris(POST_LOGOUT_REDIRECT_URIS, request.postLogoutRedirectUris(), code, false, problems);
		scopes(request.scopes(), code, problems);
		if (code && !request.requirePkce()) {
			problems.add(ClientProblem.of(REQUIRE_PKCE, "client.error.pkce.required"));
		}
		lifetime(ACCESS_TOKEN_LIFETIME, request.accessTokenLifetime(), MIN_ACCESS_TOKEN_LIFETIME,
				MAX_ACCESS_TOKEN_LIFETIME, problems);
		lifetime(REFRESH_TOKEN_LIFETIME, request.refreshTokenLifetime(), MIN_REFRESH_TOKEN_LIFETIME,
				MAX_REFRESH_TOKEN_LIFETIME, problems);
		outboundUrls(request, code, problems);
		return problems;
	}

	private void outboundUrls(ClientRegistrationRequest request, boolean code, List<ClientProblem> problems) {
		boolean keyJwt = ClientRegistrationRequest.PRIVATE_KEY_JWT.equals(request.authenticationMethod());
		if (keyJwt && isBlank(request.jwksUri())) {
			problems.add(ClientProblem.of(JWKS_URI, "client.error.jwksUri.required"));
		}
		else if (!keyJwt && !isBlank(request.jwksUri())) {
			problems.add(ClientProblem.of(JWKS_URI, "client.error.jwksUri.unused"));
		}
		else if (keyJwt) {
			outboundUrl(JWKS_URI, request.jwksUri(), problems);
		}
		if (!isBlank(request.backchannelLogoutUri())) {
			if (!code) {
				problems.add(ClientProblem.of(BACKCHANNEL_LOGOUT_URI, "client.error.backchannelLogoutUri.unused"));
			}
			else {
				outboundUrl(BACKCHANNEL_LOGOUT_URI, request.backchannelLogoutUri(), problems);
			}
		}
	}

	private static void clientId(String clientId, List<ClientProblem> problems) {
		if (clientId.length() < MIN_CLIENT_ID_LENGTH || clientId.length() > MAX_CLIENT_ID_LENGTH
				|| !CLIENT_ID_FORMAT.matcher(clientId).matches()) {
			problems.add(ClientProblem.of(CLIENT_ID, "client.error.clientId.format", MIN_CLIENT_ID_LENGTH,
					MAX_CLIENT_ID_LENGTH));
		}
	}

	private static void name(String name, List<ClientProblem> problems) {
		if (name.isBlank()) {
			problems.add(ClientProblem.of(CLIENT_NAME, "client.error.name.required"));
		}
		else if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
			problems.add(ClientProblem.of(CLIENT_NAME, "client.error.name.tooLong", MAX_NAME_LENGTH));
		}
		else if (name.codePoints().anyMatch(Character::isISOControl) || !name.equals(name.strip())) {
			problems.add(ClientProblem.of(CLIENT_NAME, "client.error.name.characters"));
		}
	}

	private static void grantTypes(List<String> grantTypes, boolean isPublic, List<ClientProblem> problems) {
		if (grantTypes.isEmpty()) {
			problems.add(ClientProblem.of(GRANT_TYPES, "client.error.grantTypes.required"));
			return;
		}
		for (String grantType : grantTypes) {
			if (!GRANT_TYPE_VALUES.contains(grantType)) {
				problems.add(ClientProblem.of(GRANT_TYPES, "client.error.grantTypes.unknown", shorten(grantType)));
				return;
			}
		}
		if (grantTypes.contains(REFRESH_TOKEN) && !grantTypes.contains(AUTHORIZATION_CODE)) {
			problems.add(ClientProblem.of(GRANT_TYPES, "client.error.grantTypes.refreshWithoutCode"));
		}
		if (isPublic && grantTypes.contains(CLIENT_CREDENTIALS)) {
			problems.add(ClientProblem.of(GRANT_TYPES, "client.error.grantTypes.publicClientCredentials"));
		}
	}

	private void uris(String field, List<String> uris, boolean codeFlow, boolean required,
			List<ClientProblem> problems) {
		if (!codeFlow) {
			if (!uris.isEmpty()) {
				problems.add(ClientProblem.of(field, "client.error.uris.unused"));
			}
			return;
		}
		if (required && uris.isEmpty()) {
			problems.add(ClientProblem.of(field, "client.error.redirectUris.required"));
			return;
		}
		if (uris.size() > MAX_URIS) {
			problems.add(ClientProblem.of(field, "client.error.uris.tooMany", MAX_URIS));
			return;
		}
		Set<String> seen = new HashSet<>();
		for (String uri : uris) {
			String reason = this.redirectUris.problem(uri);
			if (reason != null) {
				problems.add(ClientProblem.of(field, "client.error.redirectUri." + reason, shorten(uri)));
			}
			else if (!seen.add(uri)) {
				problems.add(ClientProblem.of(field, "client.error.redirectUri.duplicate", shorten(uri)));
			}
		}
	}

	private static void scopes(List<String> scopes, boolean codeFlow, List<ClientProblem> problems) {
		if (scopes.isEmpty()) {
			problems.add(ClientProblem.of(SCOPE, "client.error.scope.required"));
			return;
		}
		if (scopes.size() > MAX_SCOPES) {
			problems.add(ClientProblem.of(SCOPE, "client.error.scope.tooMany", MAX_SCOPES));
			return;
		}
		for (String scope : scopes) {
			if (scope.length() > MAX_SCOPE_LENGTH || !SCOPE_TOKEN.matcher(scope).matches()) {
				problems.add(ClientProblem.of(SCOPE, "client.error.scope.invalid", shorten(scope), MAX_SCOPE_LENGTH));
			}
		}
		if (!codeFlow && scopes.contains("openid")) {
			problems.add(ClientProblem.of(SCOPE, "client.error.scope.openidWithoutCode"));
		}
	}

	private static void lifetime(String field, Duration lifetime, Duration min, Duration max,
			List<ClientProblem> problems) {
		if (lifetime.compareTo(min) < 0 || lifetime.compareTo(max) > 0) {
			problems.add(ClientProblem.of(field, "client.error.lifetime.range", min.toMinutes(), max.toMinutes()));
		}
	}

	private void outboundUrl(String field, @Nullable String url, List<ClientProblem> problems) {
		try {
			this.guard.check(url);
		}
		catch (UnsafeUrlException ex) {
			List<Object> arguments = new ArrayList<>();
			arguments.add(shorten(url));
			arguments.addAll(ex.arguments());
			problems.add(new ClientProblem(field, "client.error.url." + ex.reason(), arguments));
		}
	}

	/**
	 * A value for an error message: what was sent, cut short so a huge input does not
	 * make a huge answer.
	 */
	static String shorten(@Nullable String value) {
		if (value == null) {
			return "";
		}
		return (value.length() <= 120) ? value : value.substring(0, 117) + "...";
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
