package dev.latchkey.auth.authorization;

import java.util.Set;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;

import dev.latchkey.auth.client.ClientSecretHasher;
import dev.latchkey.auth.client.GuardedClientAssertionDecoders;

/**
 * The protocol filter chain: every OAuth 2.1 and OpenID Connect endpoint, and nothing
 * else. The user-facing pages live in the login feature's chain.
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizationServerConfiguration {

	static final String CONSENT_PAGE = "/oauth2/consent";

	@Bean
	@Order(1)
	SecurityFilterChain protocolFilterChain(HttpSecurity http, ClientSecretHasher clientSecretHasher,
			UserInfoClaims userInfoClaims, TokenLifecycle tokenLifecycle,
			GuardedClientAssertionDecoders clientAssertionDecoders) {
		http.oauth2AuthorizationServer(
				(server) -> server.authorizationEndpoint((endpoint) -> endpoint.consentPage(CONSENT_PAGE)
					.authenticationProviders((providers) -> providers.forEach((provider) -> {
						if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequests) {
							codeRequests.setAuthenticationValidator(new ExactRedirectUriValidator().andThen(
									OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR));
						}
					}))
					.authorizationResponseHandler(new AuthorizationResponse())
					.errorResponseHandler(new AuthorizationErrorPage()))
					.clientAuthentication((clients) -> clients
						.authenticationProviders((providers) -> providers.forEach((provider) -> {
							if (provider instanceof ClientSecretAuthenticationProvider secrets) {
								secrets.setPasswordEncoder(clientSecretHasher);
							}
							// private_key_jwt key sets are fetched through the SSRF
							// guard.
							if (provider instanceof JwtClientAssertionAuthenticationProvider assertions) {
								assertions.setJwtDecoderFactory(clientAssertionDecoders);
							}
						})))
					.oidc((oidc) -> oidc.userInfoEndpoint((userInfo) -> userInfo.userInfoMapper(userInfoClaims))))
			.oauth2AuthorizationServer(tokenLifecycle)
			.securityMatcher(endpoints(http))
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"), browserNavigation()));
		return http.build();
	}

	/**
	 * A person's browser, which asks for HTML by name; an API client that sends no
	 * {@code Accept} (or {@code *}{@code /*}) gets a 401, not a redirect to the sign-in
	 * page.
	 */
	private static RequestMatcher browserNavigation() {
		MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		return html;
	}

	private static RequestMatcher endpoints(HttpSecurity http) {
		OAuth2AuthorizationServerConfigurer server = http.getConfigurer(OAuth2AuthorizationServerConfigurer.class);
		return server.getEndpointsMatcher();
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(AuthorizationProperties properties) {
		AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
		if (properties.issuer() != null) {
			settings.issuer(properties.issuer());
		}
		return settings.build();
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbc,
			RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
	}

	/**
	 * Sessions for OpenID Connect {@code sid} and logout come from Spring Session's JDBC
	 * store, not from memory, so any node can end a session another node started.
	 */
	@Bean
	<S extends Session> SessionRegistry sessionRegistry(FindByIndexNameSessionRepository<S> sessions) {
		return new SpringSessionBackedSessionRegistry<>(sessions);
	}

	@Bean
	FilterRegistrationBean<ParameterSizeLimit> parameterSizeLimit() {
		FilterRegistrationBean<ParameterSizeLimit> registration = new FilterRegistrationBean<>(
				new ParameterSizeLimit());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
		return registration;
	}

}
