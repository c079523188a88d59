package dev.latchkey.auth.client;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

@Configuration(proxyBeanMethods = false)
class ClientConfiguration {

	@Bean
	RegisteredClientRepository registeredClientRepository(JdbcOperations jdbc, Clock clock) {
		return new CachedRegisteredClients(new JdbcRegisteredClientRepository(jdbc), clock);
	}

}
