package dev.latchkey.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ContextConfiguration;

/**
 * Like {@link LatchkeyIntegrationTest}, but the server sends its mail over SMTP to
 * {@link TestMailServer} (GreenMail). Every test class with this annotation shares one
 * running server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@LatchkeyIntegrationTest
@ContextConfiguration(initializers = TestMailServer.Initializer.class)
public @interface LatchkeyMailTest {

}
