package dev.latchkey.auth.keys;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.latchkey.auth.LatchkeyApplication;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestDatabase;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * One node of Latchkey in a test: the whole server on a random port in dev mode, with a
 * {@link TestClock} and the {@link TestKeyGenerator}, on its own PostgreSQL schema of the
 * shared test database, so key rotations in one test never touch another test's keys.
 * Several nodes on the same schema form a cluster.
 */
final class TestNode implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final List<Object> events;

	private TestNode(ConfigurableApplicationContext context, List<Object> events) {
		this.context = context;
		this.events = events;
	}

	/**
	 * Empties (or creates) a schema for a test's nodes.
	 */
	static void resetSchema(String schema) {
		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reset schema " + schema, ex);
		}
	}

	static TestNode start(String schema, TestClock clock, String... arguments) {
		TestDatabase database = TestDatabase.get();
		String url = database.url() + (database.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url,
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--spring.flyway.schemas=" + schema,
				"--spring.datasource.hikari.maximum-pool-size=5", "--latchkey.keys.check-interval=1h"));
		args.addAll(List.of(arguments));
		List<Object> events = new CopyOnWriteArrayList<>();
		ApplicationListener<PayloadApplicationEvent<?>> recorder = (event) -> events.add(event.getPayload());
		ConfigurableApplicationContext context = new SpringApplicationBuilder(LatchkeyApplication.class).profiles("dev")
			.listeners(recorder)
			.initializers((ConfigurableApplicationContext ctx) -> ctx
				.addBeanFactoryPostProcessor((ConfigurableListableBeanFactory beans) -> replace(beans, clock)))
			.run(args.toArray(String[]::new));
		return new TestNode(context, events);
	}

	private static void replace(ConfigurableListableBeanFactory beans, TestClock clock) {
		BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beans;
		registry.removeBeanDefinition("clock");
		beans.registerSingleton("clock", clock);
		registry.removeBeanDefinition("signingKeyGenerator");
		beans.registerSingleton("signingKeyGenerator", new TestKeyGenerator());
	}

	/**
	 * The events this node published (records such as {@link SigningKeyActivated}).
	 */
	<E> List<E> events(Class<E> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

	void forgetEvents() {
		this.events.clear();
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	String baseUrl() {
		return "http://localhost" + ":" + this.context.getEnvironment().getRequiredProperty("local.server.port");
	}

	TestBrowser browser() {
		return new TestBrowser(baseUrl());
	}

	@Override
	public void close() {
		this.context.close();
	}

}
