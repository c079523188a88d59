package dev.latchkey.auth.lockout;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.latchkey.auth.LatchkeyApplication;
import dev.latchkey.auth.TestDatabase;
import dev.latchkey.auth.TestMailServer;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One node of Latchkey for the lockout tests: the whole server on a random port in dev
 * mode with the shipped lockout and rate-limit settings, a {@link MovableClock}, mail
 * over SMTP to {@link TestMailServer}, on its own PostgreSQL schema. Several nodes on one
 * schema form a cluster. The scheduled announcements and purges are left to the tests
 * (they call them), so they happen at known times.
 */
final class LockoutNode implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final List<Object> events;

	private LockoutNode(ConfigurableApplicationContext context, List<Object> events) {
		this.context = context;
		this.events = events;
	}

	static void resetSchema(String schema) {
		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reset schema " + schema, ex);
		}
	}

	static LockoutNode start(String schema, MovableClock clock, String... arguments) {
		TestDatabase database = TestDatabase.get();
		String url = database.url() + (database.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url,
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--spring.flyway.schemas=" + schema,
				"--spring.datasource.hikari.maximum-pool-size=10", "--latchkey.keys.check-interval=1h",
				"--latchkey.lockout.check-interval=1h", "--latchkey.rate-limits.purge-interval=1h",
				// Metrics exported as in production, so the Prometheus scrape can be
				// checked.
				"--management.defaults.metrics.export.enabled=true",
				// A burst of 50 sign-ins waits for its hashes rather than getting 503.
				"--latchkey.password.hashing.max-wait=2m"));
		args.addAll(List.of(arguments));
		List<Object> events = new CopyOnWriteArrayList<>();
		ApplicationListener<PayloadApplicationEvent<?>> recorder = (event) -> events.add(event.getPayload());
		ConfigurableApplicationContext context = new SpringApplicationBuilder(LatchkeyApplication.class).profiles("dev")
			.listeners(recorder)
			.initializers(new TestMailServer.Initializer(),
					(ConfigurableApplicationContext ctx) -> ctx
						.addBeanFactoryPostProcessor((ConfigurableListableBeanFactory beans) -> useClock(beans, clock)))
			.run(args.toArray(String[]::new));
		return new LockoutNode(context, events);
	}

	private static void useClock(ConfigurableListableBeanFactory beans, MovableClock clock) {
		((BeanDefinitionRegistry) beans).removeBeanDefinition("clock");
		beans.registerSingleton("clock", clock);
	}

	<E> List<E> events(Class<E> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	JdbcTemplate jdbc() {
		return bean(JdbcTemplate.class);
	}

	String baseUrl() {
		return "http://localhost:" + this.context.getEnvironment().getRequiredProperty("local.server.port");
	}

	/**
	 * A person's browser at a client address (through the trusted proxy, if this node has
	 * one).
	 */
	Visitor visitor(String address) {
		return new Visitor(baseUrl(), address);
	}

	/**
	 * A browser that sends no forwarded header: its address is 127.0.0.1.
	 */
	Visitor localVisitor() {
		return new Visitor(baseUrl(), null);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
