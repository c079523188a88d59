package dev.latchkey.resource.web;

import org.junit.jupiter.api.Test;

import dev.latchkey.resource.ResourceServerApplication;

import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Unsafe or broken settings stop the API at startup with a message naming them.
 */
class SettingsTests {

	@Test
	void startWhenClockSkewOverSixtySecondsThenRefused() {
		assertThatException().isThrownBy(() -> start("--latchkey.clock-skew=61s"))
			.withStackTraceContaining("latchkey.clock-skew");
	}

	@Test
	void startWhenPermissionNameUnknownThenRefused() {
		assertThatException().isThrownBy(() -> start("--latchkey.permissions.roles.USER=read,wirte"))
			.withStackTraceContaining("latchkey.permissions.roles.user");
	}

	@Test
	void startWhenIssuerNotAnHttpUrlThenRefused() {
		assertThatException().isThrownBy(() -> start("--latchkey.issuer=ftp://issuer.example"))
			.withStackTraceContaining("latchkey.issuer must be an absolute http(s) URL");
	}

	private static void start(String setting) {
		SpringApplication.run(ResourceServerApplication.class, "--server.port=0", setting).close();
	}

}
