package dev.latchkey.auth.authorization;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.latchkey.auth.LatchkeyIntegrationTest;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole server with {@link TokenLifecycleTestSupport} (a clock to move, account
 * locks, a record of reuse events), and back-channel logout notices sent only when a test
 * asks, so it can watch each attempt. Test classes with this annotation share one server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@LatchkeyIntegrationTest
@Import(TokenLifecycleTestSupport.class)
@TestPropertySource(properties = "latchkey.backchannel-logout.poll-interval=1h")
@interface TokenLifecycleIntegrationTest {

}
