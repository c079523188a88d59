package dev.latchkey.auth.client;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an operator (or a dynamic registration) asks for; checked by
 * {@link ClientAdministration} before anything is stored. The client secret is never
 * chosen: the server generates it.
 *
 * @param clientId the wanted client id, or {@code null} to have one generated; ignored
 * when a client is changed
 * @param name the name people see on the consent page
 * @param authenticationMethod {@code client_secret_basic} (a generated secret, also
 * accepted as {@code client_secret_post}), {@code private_key_jwt} (keys at
 * {@code jwksUri}) or {@code none} (a public client: single-page or native app)
 * @param grantTypes {@code authorization_code}, {@code refresh_token},
 * {@code client_credentials}
 * @param redirectUris where authorization responses may go, matched exactly
 * @param postLogoutRedirectUris where RP-initiated logout may return to
 * @param scopes the scopes the client may ask for
 * @param requireConsent whether users approve the scopes on a consent page
 * @param requirePkce whether the code flow needs PKCE (it always does: S256 only)
 * @param accessTokenLifetime how long access tokens live
 * @param refreshTokenLifetime how long one refresh token lives
 * @param jwksUri where the client's public keys are, for {@code private_key_jwt}
 * @param backchannelLogoutUri where back-channel logout notices go, or {@code null}
 */
public record ClientRegistrationRequest(@Nullable String clientId, String name, String authenticationMethod,
		List<String> grantTypes, List<String> redirectUris, List<String> postLogoutRedirectUris, List<String> scopes,
		boolean requireConsent, boolean requirePkce, Duration accessTokenLifetime, Duration refreshTokenLifetime,
		@Nullable String jwksUri, @Nullable String backchannelLogoutUri) {

	public static final String CLIENT_SECRET_BASIC = "client_secret_basic";

	public static final String PRIVATE_KEY_JWT = "private_key_jwt";

	public static final String NONE = "none";

	public static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(10);

	public static final Duration DEFAULT_REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);

	public ClientRegistrationRequest {
		grantTypes = List.copyOf(grantTypes);
		redirectUris = List.copyOf(redirectUris);
		postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
		scopes = List.copyOf(scopes);
	}

	/**
	 * A confidential web application with the default lifetimes.
	 * @param name its name
	 * @param redirectUris its redirect URIs
	 * @param scopes its scopes
	 * @return the request
	 */
	public static ClientRegistrationRequest webApplication(String name, List<String> redirectUris,
			List<String> scopes) {
		return new ClientRegistrationRequest(null, name, CLIENT_SECRET_BASIC,
				List.of("authorization_code", "refresh_token"), redirectUris, List.of(), scopes, true, true,
				DEFAULT_ACCESS_TOKEN_LIFETIME, DEFAULT_REFRESH_TOKEN_LIFETIME, null, null);
	}

	/**
	 * A service that gets tokens for itself (client credentials).
	 * @param name its name
	 * @param scopes its scopes
	 * @return the request
	 */
	public static ClientRegistrationRequest service(String name, List<String> scopes) {
		return new ClientRegistrationRequest(null, name, CLIENT_SECRET_BASIC, List.of("client_credentials"), List.of(),
				List.of(), scopes, false, true, DEFAULT_ACCESS_TOKEN_LIFETIME, DEFAULT_REFRESH_TOKEN_LIFETIME, null,
				null);
	}

	public ClientRegistrationRequest withClientId(@Nullable String newClientId) {
		return new ClientRegistrationRequest(newClientId, this.name, this.authenticationMethod, this.grantTypes,
				this.redirectUris, this.postLogoutRedirectUris, this.scopes, this.requireConsent, this.requirePkce,
				this.accessTokenLifetime, this.refreshTokenLifetime, this.jwksUri, this.backchannelLogoutUri);
	}

	public ClientRegistrationRequest withName(String newName) {
		return new ClientRegistrationRequest(this.clientId, newName, this.authenticationMethod, this.grantTypes,
				this.redirectUris, this.postLogoutRedirectUris, this.scopes, this.requireConsent, this.requirePkce,
				this.accessTokenLifetime, this.refreshTokenLifetime, this.jwksUri, this.backchannelLogoutUri);
	}

	public ClientRegistrationRequest withRedirectUris(List<String> newRedirectUris) {
		return new ClientRegistrationRequest(this.clientId, this.name, this.authenticationMethod, this.grantTypes,
				newRedirectUris, this.postLogoutRedirectUris, this.scopes, this.requireConsent, this.requirePkce,
				this.accessTokenLifetime, this.refreshTokenLifetime, this.jwksUri, this.backchannelLogoutUri);
	}

	public ClientRegistrationRequest withRequireConsent(boolean consent) {
		return new ClientRegistrationRequest(this.clientId, this.name, this.authenticationMethod, this.grantTypes,
				this.redirectUris, this.postLogoutRedirectUris, this.scopes, consent, this.requirePkce,
				this.accessTokenLifetime, this.refreshTokenLifetime, this.jwksUri, this.backchannelLogoutUri);
	}

}
