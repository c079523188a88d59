package dev.latchkey.auth.authorization;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.TestDatabase;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shared test PostgreSQL with Latchkey's schema, and a {@link JdbcAuthorizationStore}
 * on it for a client of its own, without a Spring context.
 */
final class TestStoreDatabase {

	static final Duration FAMILY_LIFETIME = Duration.ofDays(30);

	final DataSource dataSource;

	final JdbcTemplate jdbc;

	final TransactionTemplate transactions;

	final RegisteredClient client;

	final InMemoryRegisteredClientRepository clients;

	private TestStoreDatabase(DataSource dataSource, RegisteredClient client) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.client = client;
		this.clients = new InMemoryRegisteredClientRepository(client);
	}

	static TestStoreDatabase migrated() {
		TestDatabase database = TestDatabase.get();
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(database.url());
		dataSource.setUsername(database.username());
		dataSource.setPassword(database.password());
		dataSource.setMaximumPoolSize(4);
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		String id = "store-test-" + UUID.randomUUID();
		RegisteredClient client = RegisteredClient.withId(id)
			.clientId(id)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUri("https://client.example/callback")
			.scope("openid")
			.build();
		return new TestStoreDatabase(dataSource, client);
	}

	JdbcAuthorizationStore store(Clock clock) {
		return new JdbcAuthorizationStore(this.jdbc, this.clients, this.transactions, clock, FAMILY_LIFETIME);
	}

	JdbcAuthorizationStore store() {
		return store(Clock.fixed(Instant.now(), ZoneOffset.UTC));
	}

}
