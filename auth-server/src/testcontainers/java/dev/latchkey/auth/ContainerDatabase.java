package dev.latchkey.auth;

import java.util.function.Supplier;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The test database in a PostgreSQL container, for {@code -Ptestcontainers} on machines
 * with a container engine. {@link TestDatabase} loads it by name so the default build
 * does not depend on Testcontainers.
 */
public final class ContainerDatabase implements Supplier<String[]> {

	@Override
	public String[] get() {
		PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");
		postgres.start();
		Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop));
		return new String[] { postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword() };
	}

}
