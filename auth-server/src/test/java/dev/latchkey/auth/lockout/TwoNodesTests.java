package dev.latchkey.auth.lockout;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.latchkey.auth.lockout.LockoutCluster.Account;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.latchkey.auth.lockout.LockoutCluster.PASSWORD;
import static dev.latchkey.auth.lockout.LockoutCluster.clock;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one database see the same failures, locks and rate-limit counters: an
 * attacker who spreads guesses over the nodes behind a load balancer gets no more than
 * from one. Node B trusts no proxy, so an {@code X-Forwarded-For} sent to it is ignored.
 */
class TwoNodesTests {

	static final String WRONG = "Wrong-Password-99!";

	private final LockoutNode a = LockoutCluster.a();

	private final LockoutNode b = LockoutCluster.b();

	/**
	 * These tests come from 127.0.0.1 itself (node B believes no forwarded address), so
	 * they start a fresh window for that address's buckets.
	 */
	@BeforeEach
	void freshWindows() {
		clock.advance(Duration.ofMinutes(16));
	}

	@Test
	void signInWhenFailuresSpreadOverTwoNodesThenLockedOnBothAndUnlockedOnBoth() {
		Account account = LockoutCluster.newAccount("two-nodes");
		for (int i = 0; i < 5; i++) {
			LockoutNode node = (i % 2 == 0) ? this.a : this.b;
			assertThat(Visitor
				.refusedAsWrongPassword(node.visitor(Visitor.randomAddress()).signIn(account.email(), WRONG))).isTrue();
		}
		// Node A saw 3 failures, node B 2: neither alone would lock.
		assertThat(this.a.bean(Lockouts.class).isLocked(account.id())).isTrue();
		assertThat(this.b.bean(Lockouts.class).isLocked(account.id())).isTrue();
		assertThat(Visitor.refusedAsWrongPassword(this.a.localVisitor().signIn(account.email(), PASSWORD)))
			.as("the right password on node A")
			.isTrue();
		assertThat(Visitor.refusedAsWrongPassword(this.b.localVisitor().signIn(account.email(), PASSWORD)))
			.as("the right password on node B")
			.isTrue();
		assertThat(this.b.bean(Lockouts.class).find(account.id())).get().satisfies((state) -> {
			assertThat(state.consecutiveFailures()).isEqualTo(5);
			assertThat(state.refusedWhileLocked()).isEqualTo(2);
		});
		List<AccountLockedOut> locks = this.a.events(AccountLockedOut.class)
			.stream()
			.filter((event) -> event.accountId().equals(account.id()))
			.toList();
		List<AccountLockedOut> locksOnB = this.b.events(AccountLockedOut.class)
			.stream()
			.filter((event) -> event.accountId().equals(account.id()))
			.toList();
		assertThat(locks.size() + locksOnB.size()).as("one lock, on the node of the fifth failure").isEqualTo(1);

		clock.advance(Duration.ofMinutes(1));
		assertThat(Visitor.succeeded(this.b.localVisitor().signIn(account.email(), PASSWORD))).isTrue();
		assertThat(this.a.bean(Lockouts.class).find(account.id())).as("the success on B reset the count for A")
			.isEmpty();
	}

	@Test
	void signInWhenTenFailuresForOneEmailOverTwoNodesThenBothAnswer429() {
		String email = "nobody-" + UUID.randomUUID() + "@example.test";
		for (int i = 0; i < 10; i++) {
			LockoutNode node = (i % 2 == 0) ? this.a : this.b;
			// From 127.0.0.1; to node B with a forged forwarded address, which it
			// ignores.
			Visitor visitor = (node == this.a) ? this.a.localVisitor() : this.b.visitor(Visitor.randomAddress());
			assertThat(Visitor.refusedAsWrongPassword(visitor.signIn(email, WRONG))).as("failure %d", i + 1).isTrue();
		}
		HttpResponse<String> onA = this.a.localVisitor().signIn(email, WRONG);
		HttpResponse<String> onB = this.b.visitor(Visitor.randomAddress()).signIn(email, WRONG);
		assertThat(onA.statusCode()).isEqualTo(429);
		assertThat(onB.statusCode()).as("node B, whatever X-Forwarded-For says").isEqualTo(429);
		assertThat(onA.headers().firstValue("Retry-After")).isPresent();
		assertThat(onB.headers().firstValue("Retry-After")).isPresent();
		assertThat(this.a.visitor(Visitor.randomAddress()).signIn(email, WRONG).statusCode())
			.as("through node A's trusted proxy, from another address")
			.isEqualTo(302);
	}

	@Test
	void clientAuthenticationWhenFailuresSpreadOverTwoNodesThenBothRefuseTheClient() {
		String clientId = "guessed-" + UUID.randomUUID();
		Map<String, String> grant = Map.of("grant_type", "client_credentials");
		for (int i = 0; i < 20; i++) {
			LockoutNode node = (i % 2 == 0) ? this.a : this.b;
			assertThat(node.localVisitor()
				.postAsClient("/oauth2/token", RateLimitTests.basic(clientId, "guess-" + i), grant)
				.statusCode()).isEqualTo(401);
		}
		for (LockoutNode node : List.of(this.a, this.b)) {
			HttpResponse<String> refused = node.localVisitor()
				.postAsClient("/oauth2/token", RateLimitTests.basic(clientId, "guess"), grant);
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.body()).contains("\"error\":\"slow_down\"");
		}
	}

}
