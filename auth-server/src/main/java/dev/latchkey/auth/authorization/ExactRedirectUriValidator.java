package dev.latchkey.auth.authorization;

import java.util.function.Consumer;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.StringUtils;

/**
 * Accepts a {@code redirect_uri} only if it is, character for character, one of the
 * client's registered URIs (OAuth 2.1, section 2.3.1).
 * <p>
 * The framework's default lets a loopback redirect URI differ in its port, as RFC 8252
 * allows for native apps that listen on an ephemeral port. DESIGN.md decides on exact
 * matching for every client, so a web app registered on {@code 127.0.0.1:8080} cannot
 * have its codes sent to another local port.
 */
final class ExactRedirectUriValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		RegisteredClient client = context.getRegisteredClient();
		String requested = request.getRedirectUri();
		if (StringUtils.hasText(requested)) {
			if (!client.getRedirectUris().contains(requested)) {
				reject(request);
			}
		}
		else if (request.getScopes().contains(OidcScopes.OPENID) || client.getRedirectUris().size() != 1) {
			// redirect_uri is required for OpenID Connect and when more than one is
			// registered.
			reject(request);
		}
	}

	private static void reject(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
		OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
				"OAuth 2.0 Parameter: " + OAuth2ParameterNames.REDIRECT_URI,
				"https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1");
		// No redirect URI in the result: an error about the redirect URI must never be
		// sent to it.
		OAuth2AuthorizationCodeRequestAuthenticationToken result = new OAuth2AuthorizationCodeRequestAuthenticationToken(
				request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(), null,
				request.getState(), request.getScopes(), request.getAdditionalParameters());
		result.setAuthenticated(true);
		throw new OAuth2AuthorizationCodeRequestAuthenticationException(error, result);
	}

}
