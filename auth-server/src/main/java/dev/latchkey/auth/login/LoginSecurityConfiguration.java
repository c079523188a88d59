package dev.latchkey.auth.login;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsChecker;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The user-facing filter chain: sign-in, sign-out, consent, account and error pages.
 */
@Configuration(proxyBeanMethods = false)
public class LoginSecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; object-src 'none'; "
			+ "base-uri 'none'; frame-ancestors 'none'";

	/**
	 * Pages of the password and reset features for people who are not signed in; the dev
	 * mailbox exists only in dev mode (elsewhere it is a 404).
	 */
	static final String[] PUBLIC_PASSWORD_PAGES = { "/forgot-password", "/reset/**", "/password/**", "/dev/mail" };

	static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
			+ "interest-cohort=()";

	@Bean
	@Order(2)
	SecurityFilterChain userFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
			AuthenticationFailureHandler signInFailures) {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/error", "/css/**", "/favicon.ico", "/actuator/health/**")
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
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer
					.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
				.permissionsPolicyHeader((permissions) -> permissions.policy(PERMISSIONS_POLICY)));
		return http.build();
	}

	/**
	 * Password sign-in. Spring Security hashes a dummy password for unknown emails, so an
	 * unknown account costs the same time as a wrong password. After a correct password
	 * the password feature's checks run (expiry). Outcomes are published as Spring
	 * Security authentication events.
	 */
	@Bean
	AuthenticationManager authenticationManager(UserDetailsService users, UserDetailsPasswordService passwords,
			PasswordEncoder passwordEncoder, UserDetailsChecker passwordExpiry, AuthenticationEventPublisher events) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(passwordEncoder);
		provider.setUserDetailsPasswordService(passwords);
		provider.setPostAuthenticationChecks(passwordExpiry);
		ProviderManager manager = new ProviderManager(provider);
		manager.setAuthenticationEventPublisher(events);
		return manager;
	}

}
