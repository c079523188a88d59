package dev.latchkey.auth.authorization;

import java.util.List;
import java.util.function.UnaryOperator;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * The token lifecycle's part of the protocol chain: refresh rotation with families,
 * public clients at the token and revocation endpoints, and introspection and revocation
 * limited to a client's own tokens.
 */
@Component
final class TokenLifecycle implements Customizer<OAuth2AuthorizationServerConfigurer> {

	private final RefreshTokenRotation rotation;

	private final RegisteredClientRepository clients;

	TokenLifecycle(RefreshTokenRotation rotation, RegisteredClientRepository clients) {
		this.rotation = rotation;
		this.clients = clients;
	}

	@Override
	public void customize(OAuth2AuthorizationServerConfigurer server) {
		server
			.tokenEndpoint((endpoint) -> endpoint.authenticationProviders((providers) -> replace(providers,
					OAuth2RefreshTokenAuthenticationProvider.class, this.rotation::around)))
			.clientAuthentication((clientAuthentication) -> clientAuthentication
				.authenticationConverter(new PublicClientTokenRequests())
				.authenticationProvider(new PublicClientAuthentication(this.clients)))
			.tokenIntrospectionEndpoint((endpoint) -> endpoint.authenticationProviders((providers) -> replace(providers,
					OAuth2TokenIntrospectionAuthenticationProvider.class, OwnTokensOnly::introspection)))
			.tokenRevocationEndpoint((endpoint) -> endpoint.authenticationProviders((providers) -> replace(providers,
					OAuth2TokenRevocationAuthenticationProvider.class, OwnTokensOnly::revocation)));
	}

	private static void replace(List<AuthenticationProvider> providers, Class<? extends AuthenticationProvider> type,
			UnaryOperator<AuthenticationProvider> wrapper) {
		boolean replaced = false;
		for (int i = 0; i < providers.size(); i++) {
			if (type.isInstance(providers.get(i))) {
				providers.set(i, wrapper.apply(providers.get(i)));
				replaced = true;
			}
		}
		if (!replaced) {
			throw new IllegalStateException("The framework no longer configures a " + type.getSimpleName());
		}
	}

}
