package dev.latchkey.auth.password;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 50 sign-ins at once (on this machine's cores, 2 in CI): each one completes or gets the
 * 503 page, never more hashes run at once than the bound allows, and the heap stays under
 * its limit.
 */
@LatchkeyIntegrationTest
class SignInBurstTests {

	static final int SIGN_INS = 50;

	@LocalServerPort
	int port;

	@Autowired
	HashingLimiter limiter;

	@Test
	void signInWhenFiftyAtOnceThenEachCompletesOrGets503AndHeapStaysBounded() throws Exception {
		List<TestBrowser> browsers = new ArrayList<>();
		List<String> csrfTokens = new ArrayList<>();
		for (int i = 0; i < SIGN_INS; i++) {
			TestBrowser browser = new TestBrowser("http://localhost:" + this.port);
			csrfTokens.add(TestBrowser.csrfToken(browser.get("/login").body()));
			browsers.add(browser);
		}
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long maxHeap = memory.getHeapMemoryUsage().getMax();
		AtomicLong peakHeap = new AtomicLong();
		AtomicBoolean sampling = new AtomicBoolean(true);
		Thread sampler = new Thread(() -> {
			while (sampling.get()) {
				peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
				Thread.onSpinWait();
			}
		});
		sampler.start();
		ExecutorService pool = Executors.newFixedThreadPool(SIGN_INS);
		CountDownLatch start = new CountDownLatch(1);
		long began = System.nanoTime();
		try {
			List<Future<HttpResponse<String>>> responses = new ArrayList<>();
			for (int i = 0; i < SIGN_INS; i++) {
				TestBrowser browser = browsers.get(i);
				String csrf = csrfTokens.get(i);
				responses.add(pool.submit(() -> {
					start.await();
					return browser.post("/login",
							Map.of("email", "guest@example.com", "password", TestOAuthClient.PASSWORD, "_csrf", csrf));
				}));
			}
			start.countDown();
			int succeeded = 0;
			int busy = 0;
			for (Future<HttpResponse<String>> future : responses) {
				HttpResponse<String> response = future.get(2, TimeUnit.MINUTES);
				assertThat(response.statusCode()).as("status of a sign-in in the burst").isIn(302, 503);
				if (response.statusCode() == 302) {
					assertThat(TestBrowser.location(response)).doesNotContain("/login");
					succeeded++;
				}
				else {
					assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
					assertThat(response.body()).contains("Latchkey is busy");
					busy++;
				}
			}
			long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
			sampling.set(false);
			sampler.join();
			System.out.printf(
					"Sign-in burst: %d at once on %d cores, at most %d hashes at once (bound %d, wait %s): "
							+ "%d signed in, %d got 503, all answered in %d ms; peak heap used %d MiB of %d MiB%n",
					SIGN_INS, Runtime.getRuntime().availableProcessors(), this.limiter.mostInFlight(),
					this.limiter.capacity(), this.limiter.maxWait(), succeeded, busy, elapsedMs,
					peakHeap.get() / (1024 * 1024), maxHeap / (1024 * 1024));
			assertThat(succeeded + busy).isEqualTo(SIGN_INS);
			assertThat(succeeded).isPositive();
			assertThat(this.limiter.mostInFlight()).isLessThanOrEqualTo(this.limiter.capacity());
			assertThat(peakHeap.get()).isLessThan(maxHeap);
		}
		finally {
			sampling.set(false);
			pool.shutdownNow();
		}
	}

}
