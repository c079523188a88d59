package dev.latchkey.auth.authorization;

import java.util.List;
import java.util.function.UnaryOperator;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Component;

/**
 * The token lifecycle's part of the protocol chain: refresh rotation with families,
 * public clients at the token and revocation endpoints, introspection and revocation
 * limited to a client's own tokens, RP-initiated logout with back-channel notices, and
 * server metadata that advertises exactly this.
 */
@Component
final class TokenLifecycle implements Customizer<OAuth2AuthorizationServerConfigurer> {

	private final RefreshTokenRotation rotation;

	private final RegisteredClientRepository clients;

	private final BackChannelLogout backChannelLogout;

	private final ServerMetadata metadata;

	TokenLifecycle(RefreshTokenRotation rotation, RegisteredClientRepository clients,
			BackChannelLogout backChannelLogout, ServerMetadata metadata) {
		this.rotation = rotation;
		this.clients = clients;
		this.backChannelLogout = backChannelLogout;
		this.metadata = metadata;
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
					OAuth2TokenRevocationAuthenticationProvider.class, OwnTokensOnly::revocation)))
			.authorizationServerMetadataEndpoint((endpoint) -> endpoint
				.authorizationServerMetadataCustomizer((builder) -> builder.claims(this.metadata::advertise)))
			.oidc((oidc) -> oidc
				.providerConfigurationEndpoint((endpoint) -> endpoint
					.providerConfigurationCustomizer((builder) -> builder.claims(this.metadata::advertiseOidc)))
				.logoutEndpoint((endpoint) -> endpoint.logoutResponseHandler(rpInitiatedLogout())));
	}

	/**
	 * Ends the user's session, which lives in the database and so ends on every node,
	 * after queueing back-channel logout notices while the session's id is still known.
	 */
	private AuthenticationSuccessHandler rpInitiatedLogout() {
		OidcLogoutAuthenticationSuccessHandler handler = new OidcLogoutAuthenticationSuccessHandler();
		SecurityContextLogoutHandler endSession = new SecurityContextLogoutHandler();
		handler.setLogoutHandler((request, response, authentication) -> {
			OidcLogoutAuthenticationToken logout = (OidcLogoutAuthenticationToken) authentication;
			if (logout.isPrincipalAuthenticated()) {
				Authentication user = (Authentication) logout.getPrincipal();
				this.backChannelLogout.logout(request, response, user);
				endSession.logout(request, response, user);
			}
		});
		return handler;
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
