package dev.latchkey.auth.client;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;

@Configuration(proxyBeanMethods = false)
class ClientConfiguration {

	@Bean
	CachedRegisteredClients registeredClientRepository(JdbcOperations jdbc, Clock clock) {
		return new CachedRegisteredClients(new JdbcRegisteredClientRepository(jdbc), clock);
	}

	@Bean
	SsrfGuard ssrfGuard(OutboundProperties properties) {
		return new SsrfGuard(properties);
	}

	@Bean
	GuardedClientAssertionDecoders guardedClientAssertionDecoders(SsrfGuard guard) {
		return new GuardedClientAssertionDecoders(guard);
	}

	@Bean
	ClientRules clientRules(ClientProperties properties, SsrfGuard guard) {
		return new ClientRules(new RedirectUriRules(properties.localhostRedirects()), guard);
	}

}
