package dev.latchkey.auth.authorization;

import java.util.List;

import java.util.Objects;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;

/**
 * Introspection and revocation that tell a client nothing about another client's tokens.
 * <ul>
 * <li>Introspection answers {@code active: false} unless the token was issued to the
 * asking client or names it in its audience (a resource server registered as a client
 * introspecting the tokens meant for it). The framework answers any authenticated
 * client.</li>
 * <li>Revocation of another client's token answers 200 and revokes nothing, as RFC 7009
 * (section 2.2) answers an unknown token. The framework answers {@code invalid_client},
 * which tells the caller that the token exists.</li>
 * </ul>
 */
final class OwnTokensOnly {

	private OwnTokensOnly() {
	}

	static AuthenticationProvider introspection(AuthenticationProvider frameworkProvider) {
		return new Wrapper(frameworkProvider, OAuth2TokenIntrospectionAuthenticationToken.class) {

			@Override
			public Authentication authenticate(Authentication authentication) {
				Authentication result = frameworkProvider.authenticate(authentication);
				if (result instanceof OAuth2TokenIntrospectionAuthenticationToken introspected
						&& introspected.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
						&& introspected.getTokenClaims().isActive()
						&& !mayKnow(Objects.requireNonNull(client.getRegisteredClient()).getClientId(),
								introspected.getTokenClaims())) {
					return new OAuth2TokenIntrospectionAuthenticationToken(introspected.getToken(), client,
							OAuth2TokenIntrospection.builder().build());
				}
				return result;
			}

		};
	}

	private static boolean mayKnow(String clientId, OAuth2TokenIntrospection claims) {
		List<String> audience = claims.getAudience();
		return clientId.equals(claims.getClientId()) || (audience != null && audience.contains(clientId));
	}

	static AuthenticationProvider revocation(AuthenticationProvider frameworkProvider) {
		return new Wrapper(frameworkProvider, OAuth2TokenRevocationAuthenticationToken.class) {

			@Override
			public Authentication authenticate(Authentication authentication) {
				try {
					return frameworkProvider.authenticate(authentication);
				}
				catch (OAuth2AuthenticationException ex) {
					// The framework's only invalid_client for an authenticated client is
					// a
					// token issued to another client.
					if (OAuth2ErrorCodes.INVALID_CLIENT.equals(ex.getError().getErrorCode())
							&& authentication.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
							&& client.isAuthenticated()) {
						return authentication;
					}
					throw ex;
				}
			}

		};
	}

	private abstract static class Wrapper implements AuthenticationProvider {

		private final AuthenticationProvider frameworkProvider;

		private final Class<? extends Authentication> type;

		Wrapper(AuthenticationProvider frameworkProvider, Class<? extends Authentication> type) {
			this.frameworkProvider = frameworkProvider;
			this.type = type;
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return this.type.isAssignableFrom(authentication) && this.frameworkProvider.supports(authentication);
		}

	}

}
