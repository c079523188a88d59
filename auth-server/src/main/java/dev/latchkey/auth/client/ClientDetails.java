package dev.latchkey.auth.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A registered client as operators see it; never its secret.
 *
 * @param clientId the public identifier
 * @param name the name shown on the consent page
 * @param authenticationMethod {@code client_secret_basic}, {@code private_key_jwt} or
 * {@code none}
 * @param grantTypes the grant types
 * @param redirectUris the redirect URIs
 * @param postLogoutRedirectUris the post-logout redirect URIs
 * @param scopes the scopes
 * @param requireConsent whether users approve scopes
 * @param requirePkce whether the code flow needs PKCE (always, when it is used)
 * @param accessTokenLifetime access token lifetime
 * @param refreshTokenLifetime refresh token lifetime
 * @param jwksUri the key set URL for {@code private_key_jwt}
 * @param backchannelLogoutUri the back-channel logout URI
 * @param issuedAt when the client was registered
 * @param disabled whether it is disabled
 * @param previousSecretValidUntil until when the secret before the latest rotation still
 * works, or {@code null}
 * @param hasLogo whether it has a logo
 */
public record ClientDetails(String clientId, String name, String authenticationMethod, List<String> grantTypes,
		List<String> redirectUris, List<String> postLogoutRedirectUris, List<String> scopes, boolean requireConsent,
		boolean requirePkce, Duration accessTokenLifetime, Duration refreshTokenLifetime, @Nullable String jwksUri,
		@Nullable String backchannelLogoutUri, @Nullable Instant issuedAt, boolean disabled,
		@Nullable Instant previousSecretValidUntil, boolean hasLogo) {

	public ClientDetails {
		grantTypes = List.copyOf(grantTypes);
		redirectUris = List.copyOf(redirectUris);
		postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
		scopes = List.copyOf(scopes);
	}

	public boolean confidential() {
		return !ClientRegistrationRequest.NONE.equals(this.authenticationMethod);
	}

	public boolean hasSecret() {
		return ClientRegistrationRequest.CLIENT_SECRET_BASIC.equals(this.authenticationMethod);
	}

	/**
	 * The client's settings as a request, to change some of them.
	 * @return the request
	 */
	public ClientRegistrationRequest toRequest() {
		return new ClientRegistrationRequest(this.clientId, this.name, this.authenticationMethod, this.grantTypes,
				this.redirectUris, this.postLogoutRedirectUris, this.scopes, this.requireConsent, this.requirePkce,
				this.accessTokenLifetime, this.refreshTokenLifetime, this.jwksUri, this.backchannelLogoutUri);
	}

}
