package dev.latchkey.resource.web;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

import dev.latchkey.resource.permission.Permission;
import dev.latchkey.resource.permission.PermissionPolicy;
import dev.latchkey.resource.permission.PermissionRules;
import dev.latchkey.resource.permission.TokenPermissions;
import dev.latchkey.resource.token.TokenProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The API's one security filter chain. Every request needs a valid access token except
 * health probes, the RFC 9728 metadata and the error page; each document endpoint
 * requires one permission, checked by {@link PermissionRules} against the permissions
 * {@link TokenPermissions} derived from the token. This table is the only place that says
 * which endpoint needs what.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "latchkey.security.enabled", matchIfMissing = true)
public class SecurityConfiguration {

	private static final String DOCUMENTS = "/api/documents";

	private static final String DOCUMENT = "/api/documents/{id}";

	@Bean
	SecurityFilterChain apiFilterChain(HttpSecurity http, PermissionRules permissions,
			TokenPermissions tokenPermissions, PermissionPolicy policy, TokenProperties tokens, JsonMapper json) {
		BearerProblems problems = new BearerProblems(new ProblemWriter(json), tokens.keys().minRefetchInterval());
		http.authorizeHttpRequests((requests) -> {
			// GET and HEAD alike: Spring MVC answers HEAD with the GET handler.
			readOnly(requests, "/api/documents/export").access(permissions.require(Permission.EXPORT));
			readOnly(requests, DOCUMENTS, DOCUMENT).access(permissions.require(Permission.READ));
			requests.requestMatchers(HttpMethod.POST, DOCUMENTS).access(permissions.require(Permission.WRITE));
			requests.requestMatchers(HttpMethod.PUT, DOCUMENT).access(permissions.require(Permission.WRITE));
			requests.requestMatchers(HttpMethod.DELETE, DOCUMENT).access(permissions.require(Permission.DELETE));
			requests.requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll();
			requests.anyRequest().authenticated();
		})
			.oauth2ResourceServer(
					(resourceServer) -> resourceServer.jwt((jwt) -> jwt.jwtAuthenticationConverter(tokenPermissions))
						.authenticationEntryPoint(problems)
						.accessDeniedHandler(problems)
						.protectedResourceMetadata(
								(metadata) -> metadata.protectedResourceMetadataCustomizer(metadata(tokens, policy)))
						.withObjectPostProcessor(failureHandler(problems)))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			// Bearer tokens only: no cookie, so no cross-site request to forge.
			.csrf(AbstractHttpConfigurer::disable);
		return http.build();
	}

	/**
	 * RFC 9728 metadata: this API's identifier, its issuer and its scopes.
	 */
	private static Consumer<OAuth2ProtectedResourceMetadata.Builder> metadata(TokenProperties tokens,
			PermissionPolicy policy) {
		return (resource) -> resource.resource(tokens.audience()).authorizationServers((servers) -> {
			servers.clear();
			servers.add(tokens.issuer().toString());
		}).scopes((scopes) -> {
			scopes.clear();
			scopes.addAll(policy.scopes());
		}).tlsClientCertificateBoundAccessTokens(false).resourceName("Latchkey sample document API");
	}

	/**
	 * Token verification failures go to {@link BearerProblems} too, so that an
	 * unreachable issuer is a 503 rather than the framework's rethrown 500.
	 */
	private static ObjectPostProcessor<BearerTokenAuthenticationFilter> failureHandler(BearerProblems problems) {
		return new ObjectPostProcessor<>() {
			@Override
			public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
				filter.setAuthenticationFailureHandler(problems);
				return filter;
			}
		};
	}

	private static AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl readOnly(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
			String... paths) {
		PathPatternRequestMatcher.Builder matchers = PathPatternRequestMatcher.withDefaults();
		List<RequestMatcher> getOrHead = Arrays.stream(paths)
			.flatMap((path) -> Stream.<RequestMatcher>of(matchers.matcher(HttpMethod.GET, path),
					matchers.matcher(HttpMethod.HEAD, path)))
			.toList();
		return requests.requestMatchers(new OrRequestMatcher(getOrHead));
	}

	/**
	 * The body size limit, after the security filter chain (order -100) so that 401 and
	 * 403 come first.
	 */
	@Bean
	FilterRegistrationBean<BodySizeLimit> bodySizeLimit(WebProperties properties, JsonMapper json) {
		FilterRegistrationBean<BodySizeLimit> registration = new FilterRegistrationBean<>(
				new BodySizeLimit(properties.maxBodySize(), new ProblemWriter(json)));
		registration.setOrder(0);
		return registration;
	}

}
