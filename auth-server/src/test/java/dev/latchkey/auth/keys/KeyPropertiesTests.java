package dev.latchkey.auth.keys;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class KeyPropertiesTests {

	@Test
	void bindWhenEnvironmentVariablesThenCurrentFileAndPreviousKeys() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("env",
					Map.of("LATCHKEY_KEK_FILE", "/run/secrets/kek", "LATCHKEY_KEK_PREVIOUS", "b2xk,b2xkZXI=, ")));
		KeyProperties properties = new Binder(ConfigurationPropertySources.get(environment)).bindOrCreate("latchkey",
				KeyProperties.class);
		assertThat(properties.kekFile()).isEqualTo(Path.of("/run/secrets/kek"));
		assertThat(properties.kekPrevious()).containsExactly("b2xk", "b2xkZXI=");
		assertThat(properties.toString()).doesNotContain("b2xk");
	}

}
