package dev.latchkey.auth.login;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The user-facing filter chain: sign-in, sign-out, consent, account and error pages.
 */
@Configuration(proxyBeanMethods = false)
public class LoginSecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; object-src 'none'; "
			+ "base-uri 'none'; frame-ancestors 'none'";

	static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
			+ "interest-cohort=()";

	@Bean
	@Order(2)
	SecurityFilterChain userFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
			ObjectProvider<LogoutHandler> logoutHandlers) {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/error", "/css/**", "/favicon.ico", "/actuator/health/**")
			.permitAll()
			.anyRequest()
			.authenticated())
			.authenticationManager(authenticationManager)
			.formLogin((form) -> form.loginPage("/login").usernameParameter("email").permitAll())
			.logout((logout) -> {
				logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout");
				// Features that must act when a session ends (back-channel logout) run
				// before it is invalidated.
				logoutHandlers.orderedStream().forEach(logout::addLogoutHandler);
			})
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer
					.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
				.permissionsPolicyHeader((permissions) -> permissions.policy(PERMISSIONS_POLICY)));
		return http.build();
	}

	/**
	 * Password sign-in. Spring Security hashes a dummy password for unknown emails, so an
	 * unknown account costs the same time as a wrong password.
	 */
	@Bean
	AuthenticationManager authenticationManager(UserDetailsService users, UserDetailsPasswordService passwords,
			PasswordEncoder passwordEncoder) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(passwordEncoder);
		provider.setUserDetailsPasswordService(passwords);
		return new ProviderManager(provider);
	}

}
