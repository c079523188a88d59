package dev.latchkey.auth.system;

import java.util.List;

import dev.latchkey.auth.LatchkeyApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Production mode (no {@code dev} profile) refuses to start without a real database, a
 * key-encryption key and an https issuer, and says so in one message.
 */
class ProductionModeTests {

	@Test
	void startWhenNothingConfiguredThenRefusesAndNamesEverySetting() {
		assertThatExceptionOfType(UnsafeConfigurationException.class)
			.isThrownBy(
					() -> new SpringApplicationBuilder(LatchkeyApplication.class).environment(new StandardEnvironment())
						.properties("server.port=0")
						.run())
			.satisfies((ex) -> {
				assertThat(ex.problems()).hasSize(3);
				assertThat(ex.getMessage()).contains("SPRING_DATASOURCE_URL")
					.contains("LATCHKEY_KEK")
					.contains("LATCHKEY_ISSUER");
			});
	}

	@Test
	void problemsWhenAllSetSafelyThenNone() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/latchkey")
			.withProperty("latchkey.kek", "q3CTmGFi4mDqPJ4hHpU0Z9c8m0jEpqh0u7cY4lXG1Bs=")
			.withProperty("latchkey.issuer", "https://id.example.com");
		assertThat(ProductionReadiness.problems(environment)).isEmpty();
	}

	@Test
	void problemsWhenUnsafeValuesThenEachNamed() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.datasource.url", "jdbc:h2:mem:latchkey")
			.withProperty("latchkey.kek", "c2hvcnQ=")
			.withProperty("latchkey.issuer", "http://id.example.com")
			.withProperty("latchkey.dev.sample-data", "true");
		List<String> problems = ProductionReadiness.problems(environment);
		assertThat(problems).hasSize(4);
		assertThat(problems.get(0)).contains("not a PostgreSQL URL");
		assertThat(problems.get(1)).contains("must be 32 bytes").doesNotContain("c2hvcnQ=");
		assertThat(problems.get(2)).contains("https");
		assertThat(problems.get(3)).contains("sample-data");
	}

	@Test
	void problemsWhenKekFileMissingThenNamed() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.datasource.url", "jdbc:postgresql://db/latchkey")
			.withProperty("latchkey.kek-file", "/nonexistent/kek")
			.withProperty("latchkey.issuer", "https://id.example.com");
		assertThat(ProductionReadiness.problems(environment)).singleElement().asString().contains("LATCHKEY_KEK_FILE");
	}

}
