package dev.latchkey.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole server on a random port, in dev mode (sample data) against the shared test
 * PostgreSQL, with metrics exported as in production. Every test class with this
 * annotation shares one running server. Tagged {@code integration}, so that mutation
 * testing (which runs only fast tests, once per mutant) leaves it out.
 * <p>
 * Every test of the suite talks to it from one address (127.0.0.1), far faster than
 * people do, so its rate limits are off; the lockout feature's tests run their own
 * servers with the shipped limits.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.defaults.metrics.export.enabled=true", "latchkey.rate-limits.enabled=false" })
@ActiveProfiles("dev")
@Tag("integration")
public @interface LatchkeyIntegrationTest {

}
