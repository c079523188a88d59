package dev.latchkey.auth.lockout;

import java.io.PrintWriter;
import java.io.StringWriter;

import dev.latchkey.auth.LatchkeyApplication;
import dev.latchkey.auth.TestDatabase;
import dev.latchkey.auth.system.AdminCli;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code admin preflight} fails while the rate limits are off or the lockout and limits
 * are laxer than recommended, naming each setting.
 */
class PreflightTests {

	static final String SCHEMA = "lockout_preflight";

	@Test
	void preflightWhenRateLimitsOffAndLockoutLaxThenFailsNamingEachSetting() {
		LockoutNode.resetSchema(SCHEMA);
		TestDatabase database = TestDatabase.get();
		String url = database.url() + (database.url().contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
		StringWriter out = new StringWriter();
		int code = AdminCli.run(LatchkeyApplication.class,
				new String[] { "preflight", "--spring.profiles.active=dev", "--spring.datasource.url=" + url,
						"--spring.datasource.username=" + database.username(),
						"--spring.datasource.password=" + database.password(), "--spring.flyway.schemas=" + SCHEMA,
						"--spring.datasource.hikari.maximum-pool-size=4", "--latchkey.rate-limits.enabled=false",
						"--latchkey.lockout.max-failures=20" },
				new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));

		assertThat(code).isEqualTo(1);
		assertThat(out.toString())
			.contains("FAIL  rate limits or lockout off or too lax: "
					+ "latchkey.lockout.max-failures is 20 (at most 10 recommended); "
					+ "latchkey.rate-limits.enabled is false: no rate limit applies")
			.contains("fix: remove these settings to get the defaults (README, \"Lockout and rate limits\")");
	}

}
