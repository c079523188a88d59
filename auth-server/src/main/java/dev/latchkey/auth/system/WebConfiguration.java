package dev.latchkey.auth.system;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Servlet filters that come before everything else: which forwarded headers to believe, a
 * clear 503 while the database is away, and https only.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	FilterRegistrationBean<TrustedProxyFilter> trustedProxyFilter(HttpProperties properties) {
		FilterRegistrationBean<TrustedProxyFilter> registration = new FilterRegistrationBean<>(
				new TrustedProxyFilter(properties.trustedProxies()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(MessageSource messages) {
		FilterRegistrationBean<DatabaseUnavailableFilter> registration = new FilterRegistrationBean<>(
				new DatabaseUnavailableFilter(messages));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	@Bean
	FilterRegistrationBean<HttpsOnlyFilter> httpsOnlyFilter(HttpProperties properties) {
		FilterRegistrationBean<HttpsOnlyFilter> registration = new FilterRegistrationBean<>(new HttpsOnlyFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		registration.setEnabled(properties.requireHttps());
		return registration;
	}

}
