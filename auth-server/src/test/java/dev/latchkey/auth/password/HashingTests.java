package dev.latchkey.auth.password;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Hashing never truncates, and the number of hashes at once is bounded.
 */
class HashingTests {

	final PasswordEncoder encoder = new BoundedPasswordEncoder(PasswordHashingConfiguration.unboundedPasswordEncoder(),
			new HashingLimiter(2, Duration.ofSeconds(5)));

	@Test
	void encodeWhenNewPasswordThenArgon2idWithOwaspParameters() {
		assertThat(this.encoder.encode("Orchid-Lantern-42!")).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
	}

	@Test
	void matchesWhenPasswordExtendedOrCutThenNeverBothVerify() {
		String password = "Aa1!" + "x".repeat(96);
		String hash = this.encoder.encode(password);
		assertThat(this.encoder.matches(password, hash)).isTrue();
		assertThat(this.encoder.matches(password + "x", hash)).isFalse();
		assertThat(this.encoder.matches(password.substring(0, 72), hash)).isFalse();
		String emoji = "\uD83D\uDD11".repeat(128);
		String emojiHash = this.encoder.encode(emoji);
		assertThat(this.encoder.matches(emoji, emojiHash)).isTrue();
		assertThat(this.encoder.matches(emoji + "x", emojiHash)).isFalse();
	}

	@Test
	void matchesWhenBcryptHashAndPasswordLongerThan72BytesThenRefusedInsteadOfTruncated() {
		String password = "Aa1!" + "y".repeat(68);
		String bcrypt = new BCryptPasswordEncoder(10).encode(password);
		assertThat(this.encoder.matches(password, bcrypt)).isTrue();
		assertThat(this.encoder.matches(password + "z", bcrypt)).as("BCrypt alone would accept this").isFalse();
		assertThat(this.encoder.matches(password, "{bcrypt}" + bcrypt)).isTrue();
		assertThat(this.encoder.upgradeEncoding(bcrypt)).isTrue();
	}

	@Test
	void callWhenNoTurnWithinWaitThenBusy() throws Exception {
		HashingLimiter limiter = new HashingLimiter(1, Duration.ofMillis(50));
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<Object> holder = executor.submit(() -> limiter.call(() -> {
				holding.countDown();
				await(release);
				return "done";
			}));
			assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
			assertThatExceptionOfType(PasswordHashingBusyException.class).isThrownBy(() -> limiter.call(() -> "late"));
			release.countDown();
			assertThat(holder.get(5, TimeUnit.SECONDS)).isEqualTo("done");
			assertThat(limiter.call(() -> "next")).isEqualTo("next");
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void callWhenNestedThenSharesTheTurnInsteadOfQueueingAgain() {
		HashingLimiter limiter = new HashingLimiter(1, Duration.ofMillis(50));
		assertThat(limiter.call(() -> limiter.call(() -> "inner") + " and outer")).isEqualTo("inner and outer");
		assertThat(limiter.call(() -> "again")).as("the permit was given back").isEqualTo("again");
	}

	@Test
	void callWhenManyThreadsThenNeverMoreAtOnceThanCapacity() throws Exception {
		HashingLimiter limiter = new HashingLimiter(2, Duration.ofSeconds(30));
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<String>> results = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				results.add(executor.submit(() -> limiter.call(() -> {
					sleep(Duration.ofMillis(10));
					return "ok";
				})));
			}
			for (Future<String> result : results) {
				assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("ok");
			}
			assertThat(limiter.mostInFlight()).isEqualTo(2);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void capacityForWhenCoresAndHeapThenSmallerOfBoth() {
		long mib = 1024L * 1024;
		assertThat(HashingLimiter.capacityFor(2, 6144 * mib)).isEqualTo(2);
		assertThat(HashingLimiter.capacityFor(16, 256 * mib)).isEqualTo(2);
		assertThat(HashingLimiter.capacityFor(4, 32 * mib)).isEqualTo(1);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
