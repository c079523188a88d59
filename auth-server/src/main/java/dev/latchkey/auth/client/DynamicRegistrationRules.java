package dev.latchkey.auth.client;

import dev.latchkey.auth.login.UserChainRules;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.stereotype.Component;

/**
 * The dynamic registration endpoint is called by programs, not people: no session, no
 * CSRF token; it checks its own initial access token (and answers 404 while it is off).
 */
@Component
final class DynamicRegistrationRules implements UserChainRules {

	@Override
	public void applyTo(HttpSecurity http) {
		var endpoint = PathPatternRequestMatcher.withDefaults()
			.matcher(HttpMethod.POST, DynamicRegistrationController.PATH);
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(endpoint).permitAll())
			.csrf((csrf) -> csrf.ignoringRequestMatchers(endpoint));
	}

}
