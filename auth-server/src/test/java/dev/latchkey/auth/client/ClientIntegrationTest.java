package dev.latchkey.auth.client;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.latchkey.auth.LatchkeyIntegrationTest;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole server with {@link ClientTestSupport} (a clock to move, the client events),
 * and dynamic registration on with a known initial access token. Test classes with this
 * annotation share one server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@LatchkeyIntegrationTest
@Import(ClientTestSupport.class)
@TestPropertySource(properties = { "latchkey.clients.dynamic-registration.enabled=true",
		"latchkey.clients.dynamic-registration.initial-access-token=" + ClientTestSupport.INITIAL_ACCESS_TOKEN })
@interface ClientIntegrationTest {

}
