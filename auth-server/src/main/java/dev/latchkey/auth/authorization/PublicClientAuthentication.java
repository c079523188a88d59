package dev.latchkey.auth.authorization;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Identifies a public client on the requests {@link PublicClientTokenRequests} lets
 * through: the client must exist and be registered for authentication method
 * {@code none}. Whether it may refresh is then up to the refresh grant (the client's
 * {@code refresh_token} grant type), and which tokens it may revoke up to the revocation
 * endpoint (only its own).
 */
final class PublicClientAuthentication implements AuthenticationProvider {

	private final RegisteredClientRepository clients;

	PublicClientAuthentication(RegisteredClientRepository clients) {
		this.clients = clients;
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) {
		OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
		if (!ClientAuthenticationMethod.NONE.equals(request.getClientAuthenticationMethod())
				|| !handles(request.getAdditionalParameters())) {
			return null;
		}
		RegisteredClient client = this.clients.findByClientId(request.getPrincipal().toString());
		if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
					"Client authentication failed: " + OAuth2ParameterNames.CLIENT_ID, null));
		}
		return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
	}

	private static boolean handles(Map<String, Object> parameters) {
		Object grantType = parameters.get(OAuth2ParameterNames.GRANT_TYPE);
		return AuthorizationGrantType.REFRESH_TOKEN.getValue().equals(grantType)
				|| (grantType == null && parameters.get(OAuth2ParameterNames.TOKEN) != null);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
