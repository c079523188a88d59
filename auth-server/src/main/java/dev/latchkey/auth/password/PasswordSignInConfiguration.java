package dev.latchkey.auth.password;

import java.time.Clock;

import dev.latchkey.auth.account.Accounts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.UserDetailsChecker;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * What the password feature adds to the sign-in form of the login feature's filter chain:
 * the expiry check after a correct password, and the failure handling for expired
 * passwords and for too many hashes at once.
 */
@Configuration(proxyBeanMethods = false)
class PasswordSignInConfiguration {

	@Bean
	UserDetailsChecker passwordExpiry(Accounts accounts, Passwords passwords, PasswordProperties properties) {
		return new PasswordExpiry(accounts, passwords, properties);
	}

	@Bean
	AuthenticationFailureHandler signInFailures(Clock clock) {
		return new SignInFailures(clock);
	}

}
