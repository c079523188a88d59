package dev.latchkey.auth.admin;

import java.io.IOException;
import java.util.LinkedHashMap;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.latchkey.auth.login.UserChainRules;

import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * Who may use the console ({@code /admin}) and the admin API ({@code /admin/api}), as
 * rules of the user-facing chain: ADMIN may act, MANAGER may read, everyone else gets
 * 403. The API also takes this server's own access tokens from client credentials, with
 * scope {@code admin.read} (read) or {@code admin.write} (read and act); a signed-in
 * ADMIN or MANAGER may call it with the session cookie, and then writes need the CSRF
 * token. API failures are RFC 9457 problem details (the error pages' API side).
 */
@Component
final class AdminSecurity implements UserChainRules {

	static final String CONSOLE = "/admin";

	static final String API = "/admin/api";

	static final String OPENAPI = API + "/openapi.json";

	private static final RequestMatcher API_PATHS = PathPatternRequestMatcher.withDefaults().matcher(API + "/**");

	private final JwtDecoder tokens;

	private final AuthorizationServerSettings settings;

	AdminSecurity(JwtDecoder tokens, AuthorizationServerSettings settings) {
		this.tokens = tokens;
		this.settings = settings;
	}

	@Override
	public void applyTo(HttpSecurity http) {
		AuthenticationEntryPoint apiEntryPoint = new ProblemEntryPoint();
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, OPENAPI)
			.permitAll()
			.requestMatchers(HttpMethod.GET, CONSOLE, CONSOLE + "/**")
			.hasAnyAuthority(AdminAccess.READERS)
			.requestMatchers(CONSOLE, CONSOLE + "/**")
			.hasAnyAuthority(AdminAccess.WRITERS))
			.oauth2ResourceServer((resourceServer) -> resourceServer.bearerTokenResolver(apiOnly())
				.authenticationEntryPoint(apiEntryPoint)
				.accessDeniedHandler(new ProblemAccessDenied())
				.jwt((jwt) -> jwt.authenticationManager(tokenAuthentication())))
			// Explicit, so the sign-in page stays every other path's entry point whatever
			// order the configurers register their defaults in.
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(DelegatingAuthenticationEntryPoint.builder()
					.addEntryPointFor(apiEntryPoint, API_PATHS)
					.defaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"))
					.build())
				.accessDeniedHandler(new RequestMatcherDelegatingAccessDeniedHandler(
						new LinkedHashMap<>(java.util.Map.of(API_PATHS, new ProblemAccessDenied())),
						new AccessDeniedHandlerImpl())));
	}

	/**
	 * Its own authentication manager: the chain's one knows passwords only.
	 */
	private AuthenticationManager tokenAuthentication() {
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider(this.tokens);
		provider.setJwtAuthenticationConverter(new AdminTokenConverter(this.settings.getIssuer()));
		return new ProviderManager(provider);
	}

	/**
	 * Bearer tokens are read on the API's paths only: a token sent to a page is ignored,
	 * so it can never stand in for a signed-in person there.
	 */
	private static BearerTokenResolver apiOnly() {
		DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
		return (request) -> API_PATHS.matches(request) ? header.resolve(request) : null;
	}

	/**
	 * 401 with {@code WWW-Authenticate: Bearer}, and a problem details body from the
	 * error pages.
	 */
	private static final class ProblemEntryPoint implements AuthenticationEntryPoint {

		private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

		@Override
		public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
				throws IOException {
			this.bearer.commence(request, response, failure);
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
		}

	}

	/**
	 * 403 (with {@code insufficient_scope} for a token), and a problem details body.
	 */
	private static final class ProblemAccessDenied implements AccessDeniedHandler {

		private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();

		@Override
		public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
				throws IOException, ServletException {
			String authorization = request.getHeader("Authorization");
			if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
				this.bearer.handle(request, response, denied);
			}
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
		}

	}

}
