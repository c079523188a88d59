package dev.latchkey.resource.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The same API with no token checks at all, as the baseline a benchmark compares the
 * secured API against ({@code latchkey.security.enabled=false}).
 * <p>
 * CAUTION: anyone can then read, change and delete every document. Never turn security
 * off outside a benchmark.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "latchkey.security.enabled", havingValue = false)
class UnsecuredBaseline {

	private static final Logger logger = LoggerFactory.getLogger(UnsecuredBaseline.class);

	@Bean
	SecurityFilterChain unsecuredFilterChain(HttpSecurity http) throws Exception {
		logger.warn("latchkey.security.enabled=false: the API checks NO tokens. For benchmark baselines only.");
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.csrf(AbstractHttpConfigurer::disable)
			.build();
	}

}
