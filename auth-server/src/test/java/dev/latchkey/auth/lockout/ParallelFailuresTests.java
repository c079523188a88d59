package dev.latchkey.auth.lockout;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;

import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.lockout.LockoutCluster.Account;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcOperations;

import static dev.latchkey.auth.lockout.LockoutCluster.clock;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 50 wrong passwords at once: every one is counted, none is lost to a race, exactly one
 * locks the account (one event, one mail), and no failure after the lock extends it.
 */
class ParallelFailuresTests {

	static final int AT_ONCE = 50;

	static final String WRONG = "Wrong-Password-99!";

	private final LockoutNode node = LockoutCluster.a();

	@Test
	void signInWhenFiftyWrongPasswordsAtOnceOverHttpThenOneLockAndEveryFailureCounted() throws Exception {
		Account account = LockoutCluster.newAccount("parallel");
		double failuresBefore = failureCount();
		// Fifty clients of a botnet, each at an address of its own.
		List<Visitor> visitors = new ArrayList<>();
		List<String> csrfTokens = new ArrayList<>();
		for (int i = 0; i < AT_ONCE; i++) {
			Visitor visitor = this.node.visitor(Visitor.randomAddress());
			csrfTokens.add(TestBrowser.csrfToken(visitor.get("/login").body()));
			visitors.add(visitor);
		}
		Instant now = clock.instant();
		long began = System.nanoTime();
		List<HttpResponse<String>> responses = atOnce(AT_ONCE, (i) -> visitors.get(i)
			.post("/login", Map.of("email", account.email(), "password", WRONG, "_csrf", csrfTokens.get(i))));
		long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

		assertThat(responses).allSatisfy((response) -> assertThat(Visitor.refusedAsWrongPassword(response)).isTrue());
		List<SignInFailed> failures = this.node.events(SignInFailed.class)
			.stream()
			.filter((event) -> account.id().equals(event.accountId()))
			.toList();
		assertThat(failures).hasSize(AT_ONCE);
		assertThat(failures).filteredOn((event) -> event.reason() == SignInFailed.Reason.WRONG_PASSWORD).hasSize(5);
		assertThat(failures).filteredOn((event) -> event.reason() == SignInFailed.Reason.LOCKED).hasSize(45);
		assertThat(failureCount() - failuresBefore).as("the failure counter").isEqualTo(AT_ONCE);
		assertThat(this.node.bean(Lockouts.class).find(account.id())).get().satisfies((state) -> {
			assertThat(state.consecutiveFailures()).as("counted failures").isEqualTo(5);
			assertThat(state.refusedWhileLocked()).as("refused while locked").isEqualTo(45);
			assertThat(state.lockouts()).isEqualTo(1);
			assertThat(state.lockedUntil()).as("not extended").isEqualTo(now.plus(Duration.ofMinutes(1)));
		});
		assertThat(this.node.events(AccountLockedOut.class))
			.filteredOn((event) -> event.accountId().equals(account.id()))
			.hasSize(1);
		assertThat(this.node.jdbc()
			.queryForObject("SELECT count(*) FROM outbound_mail WHERE account_id = ? AND kind = 'ACCOUNT_LOCKED'",
					Integer.class, account.id()))
			.isEqualTo(1);
		System.out.printf("%d wrong passwords at once over HTTP: all answered in %d ms; 5 counted, 1 lock, "
				+ "45 refused as locked, %d failure events%n", AT_ONCE, elapsedMs, failures.size());
	}

	@Test
	void recordFailureWhenFiftyAtOnceBelowTheLimitThenCountsFifty() throws Exception {
		Account account = LockoutCluster.newAccount("parallel-count");
		// The same statement with the highest threshold allowed, so that none of the 50
		// locks the account: a lost update would show as a count below 50.
		JdbcLockouts rows = new JdbcLockouts(this.node.bean(JdbcOperations.class), new LockoutProperties(100,
				Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1), 100, Duration.ofMinutes(1)));
		Instant now = clock.instant();
		List<JdbcLockouts.Failure> failures = atOnce(AT_ONCE, (i) -> rows.recordFailure(account.id(), now));

		assertThat(failures).allSatisfy((failure) -> assertThat(failure.counted()).isTrue());
		assertThat(failures).extracting(JdbcLockouts.Failure::failures)
			.as("each saw its own count")
			.containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, AT_ONCE).boxed().toList());
		assertThat(rows.find(account.id())).get().satisfies((row) -> {
			assertThat(row.failures()).isEqualTo(AT_ONCE);
			assertThat(row.consecutiveFailures()).isEqualTo(AT_ONCE);
			assertThat(row.lockedAt(now)).isFalse();
		});
	}

	@Test
	void rateLimitsWhenFiftyAtOnceThenCountedExactlyAndNeverAdmitOverTheLimit() throws Exception {
		RateLimits limits = this.node.bean(RateLimits.class);
		String address = Visitor.randomAddress();
		Instant now = clock.instant();
		List<Integer> counts = atOnce(AT_ONCE,
				(i) -> limits.count(RateLimit.SIGN_IN_PER_ACCOUNT_AND_ADDRESS, now, "someone@example.test", address));
		assertThat(counts)
			.containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, AT_ONCE).boxed().toList());

		int max = limits.limit(RateLimit.FORGOT_PASSWORD_PER_ADDRESS).max();
		List<Boolean> admitted = atOnce(AT_ONCE,
				(i) -> limits.admit(RateLimit.FORGOT_PASSWORD_PER_ADDRESS, now, address).isEmpty());
		assertThat(admitted).filteredOn(Boolean::booleanValue).as("admitted of %d at once", AT_ONCE).hasSize(max);
	}

	private double failureCount() {
		return this.node.bean(MeterRegistry.class)
			.find(LockoutMetrics.FAILURES)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	/**
	 * Runs the same work on as many threads, released together.
	 */
	private static <T> List<T> atOnce(int threads, Work<T> work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				int index = i;
				Callable<T> task = () -> {
					start.await();
					return work.run(index);
				};
				futures.add(pool.submit(task));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(3, TimeUnit.MINUTES));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	@FunctionalInterface
	private interface Work<T> {

		T run(int index) throws Exception;

	}

}
