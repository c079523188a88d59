package dev.latchkey.auth.login;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsChecker;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The user-facing filter chain: sign-in, sign-out, consent, account and error pages.
 */
@Configuration(proxyBeanMethods = false)
public class LoginSecurityConfiguration {

	/**
	 * Pages of the password and reset features for people who are not signed in; the dev
	 * mailbox exists only in dev mode (elsewhere it is a 404).
	 */
	static final String[] PUBLIC_PASSWORD_PAGES = { "/forgot-password", "/reset/**", "/password/**", "/dev/mail" };

	@Bean
	@Order(2)
	SecurityFilterChain userFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
			Environment environment, ObjectProvider<LogoutHandler> logoutHandlers,
			AuthenticationFailureHandler signInFailures, ObjectProvider<UserChainRules> featureRules) {
		// Features' rules (the admin console and API) come before "anything else".
		featureRules.orderedStream().forEach((rules) -> rules.applyTo(http));
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/error", "/error/**", "/css/**", "/favicon.ico", "/actuator/health/**")
			.permitAll()
			.requestMatchers(metricsScrape(environment))
			.permitAll()
			.requestMatchers(PUBLIC_PASSWORD_PAGES)
			.permitAll()
			.anyRequest()
			.authenticated())
			.authenticationManager(authenticationManager)
			.formLogin((form) -> form.loginPage("/login")
				.usernameParameter("email")
				.failureHandler(signInFailures)
				.permitAll())
			.logout((logout) -> {
				logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout");
				// Features that must act when a session ends (back-channel logout) run
				// before it is invalidated.
				logoutHandlers.orderedStream().forEach(logout::addLogoutHandler);
			});
		return http.build();
	}

	/**
	 * Prometheus scrapes metrics without credentials, so they are open only on the
	 * separate management port (production), which is not exposed outside the cluster; in
	 * dev mode that is the main port on localhost.
	 */
	static RequestMatcher metricsScrape(Environment environment) {
		Integer managementPort = environment.getProperty("management.server.port", Integer.class);
		return (request) -> request.getRequestURI().equals("/actuator/prometheus")
				&& (managementPort == null || request.getLocalPort() == managementPort);
	}

	/**
	 * The security headers for every response of both filter chains, the error pages and
	 * static files included.
	 */
	/**
	 * No Spring Security observations: with them, every filter of both chains, every
	 * authentication and every authorization is wrapped in a Micrometer observation,
	 * which {@code management.observations.enable.spring.security=false} only turns into
	 * a no-op after the wrapping. Latchkey sends no traces; the request metrics
	 * ({@code http.server.requests}) are not affected.
	 * @return the settings
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
		FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(
				new SecurityHeadersFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	/**
	 * Password sign-in. Spring Security hashes a dummy password for unknown emails, so an
	 * unknown account costs the same time as a wrong password. After a correct password
	 * the password feature's checks run (expiry). Features wrap it with
	 * {@link SignInGuard}s (the lockout). Outcomes are published as Spring Security
	 * authentication events.
	 */
	@Bean
	AuthenticationManager authenticationManager(UserDetailsService users, UserDetailsPasswordService passwords,
			PasswordEncoder passwordEncoder, UserDetailsChecker passwordExpiry, AuthenticationEventPublisher events,
			ObjectProvider<SignInGuard> guards) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(passwordEncoder);
		provider.setUserDetailsPasswordService(passwords);
		provider.setPostAuthenticationChecks(passwordExpiry);
		AuthenticationProvider signIn = provider;
		for (SignInGuard guard : guards.orderedStream().toList()) {
			signIn = guard.guard(signIn);
		}
		ProviderManager manager = new ProviderManager(signIn);
		manager.setAuthenticationEventPublisher(events);
		return manager;
	}

}
