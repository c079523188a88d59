package dev.latchkey.auth.lockout;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import dev.latchkey.auth.TestOAuthClient;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.NewAccount;
import dev.latchkey.auth.account.Role;

/**
 * The two nodes the lockout tests share (started once per test JVM, stopped with it): one
 * database schema, one {@link MovableClock}. Node A believes {@code X-Forwarded-For} from
 * 127.0.0.1, so each test can be a client address of its own; node B trusts no proxy, so
 * a forwarded header sent to it changes nothing.
 */
final class LockoutCluster {

	static final String SCHEMA = "lockout_cluster";

	static final String PASSWORD = TestOAuthClient.PASSWORD;

	static final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

	private static LockoutNode a;

	private static LockoutNode b;

	private LockoutCluster() {
	}

	static synchronized LockoutNode a() {
		if (a == null) {
			LockoutNode.resetSchema(SCHEMA);
			a = LockoutNode.start(SCHEMA, clock, "--latchkey.http.trusted-proxies=127.0.0.1");
			Runtime.getRuntime().addShutdownHook(new Thread(a::close));
		}
		return a;
	}

	static synchronized LockoutNode b() {
		a();
		if (b == null) {
			b = LockoutNode.start(SCHEMA, clock);
			Runtime.getRuntime().addShutdownHook(new Thread(b::close));
		}
		return b;
	}

	/**
	 * A new account (with {@link #PASSWORD}) for one test.
	 */
	static Account newAccount(String name) {
		String email = name + "-" + UUID.randomUUID() + "@example.test";
		UUID id = a().bean(Accounts.class)
			.register(new NewAccount(email, "Lena Lockout", PASSWORD, Set.of(Role.USER)))
			.id();
		return new Account(id, email);
	}

	/**
	 * A test's account.
	 */
	record Account(UUID id, String email) {
	}

}
