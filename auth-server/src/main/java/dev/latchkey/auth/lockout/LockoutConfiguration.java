package dev.latchkey.auth.lockout;

import java.time.Clock;

import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.login.SignInGuard;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What the lockout feature adds to the login feature's sign-in (the lockout around the
 * password check) and to every request (the rate limits, right after the trusted-proxy
 * filter has settled the client's address).
 */
@Configuration(proxyBeanMethods = false)
class LockoutConfiguration {

	@Bean
	SignInGuard lockoutSignInGuard(Accounts accounts, Lockouts lockouts, RateLimits rateLimits,
			ApplicationEventPublisher events, PlatformTransactionManager transactionManager, Clock clock) {
		return (passwordSignIn) -> new GuardedSignIn(passwordSignIn, accounts, lockouts, rateLimits, events,
				transactionManager, clock);
	}

	@Bean
	FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimits rateLimits, ApplicationEventPublisher events,
			Clock clock) {
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
				new RateLimitFilter(rateLimits, events, clock));
		// After the trusted proxies (client address), the database check (503) and https.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
		return registration;
	}

}
