package dev.latchkey.resource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole sample on a random port, trusting the shared {@link TestIssuer}, with a
 * {@link TestClock} in place of the system clock. Test classes share one context: each
 * test makes its own documents and moves the clock only forward.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestIssuer.Initializer.class)
@Import(ResourceServerTest.Clocks.class)
public @interface ResourceServerTest {

	@TestConfiguration(proxyBeanMethods = false)
	class Clocks {

		@Bean
		@Primary
		TestClock testClock() {
			return new TestClock();
		}

	}

}
