package dev.latchkey.auth.lockout;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.lockout.LockoutCluster.Account;
import org.junit.jupiter.api.Test;

import static dev.latchkey.auth.lockout.LockoutCluster.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A locked account's sign-in answers exactly as a wrong password does (and as an unknown
 * email does): the same status, the same redirect, the same page but for its CSRF token,
 * and the same time within noise, because the password is still hashed. An unknown email
 * leaves nothing behind but rate-limit counters.
 */
class LockedAccountAnswerTests {

	static final String WRONG = "Wrong-Password-99!";

	static final int TRIES = 60;

	static final int WARM_UP = 10;

	/**
	 * Below the Argon2id hash a locked answer must still pay for (checked), above the
	 * noise of a busy build machine (2 cores, load average 10: medians of paired
	 * differences within about 20 ms).
	 */
	static final double MAX_MEDIAN_DIFFERENCE_MS = 25;

	private final LockoutNode node = LockoutCluster.a();

	/** How long the sign-in page takes: an answer without a password hash. */
	private final List<Long> pageNanos = new ArrayList<>();

	@Test
	void signInWhenLockedThenSameAnswerAsWrongPasswordAndUnknownEmail() {
		Account locked = lockedAccount();
		Account other = LockoutCluster.newAccount("other");

		Answer lockedRight = answer(locked.email(), PASSWORD);
		Answer wrong = answer(other.email(), WRONG);
		Answer unknown = answer("nobody-" + other.id() + "@example.test", WRONG);

		assertThat(lockedRight.status()).isEqualTo(302).isEqualTo(wrong.status()).isEqualTo(unknown.status());
		assertThat(lockedRight.location()).endsWith("/login?error")
			.isEqualTo(wrong.location())
			.isEqualTo(unknown.location());
		assertThat(lockedRight.pageStatus()).isEqualTo(200).isEqualTo(wrong.pageStatus());
		assertThat(lockedRight.page()).contains("The email address or password is wrong")
			.isEqualTo(wrong.page())
			.isEqualTo(unknown.page());
	}

	@Test
	void signInWhenLockedThenTakesAsLongAsWrongPassword() {
		Account locked = lockedAccount();
		Account unlocked = LockoutCluster.newAccount("timing");
		String unknown = "nobody-" + unlocked.id() + "@example.test";
		List<Long> lockedMinusWrong = new ArrayList<>();
		List<Long> unknownMinusWrong = new ArrayList<>();
		List<Long> wrongNanos = new ArrayList<>();

		for (int round = 0; round < WARM_UP + TRIES; round++) {
			List<Supplier<Long>> attempts = List.of(() -> timed(locked.email(), PASSWORD),
					() -> timed(unlocked.email(), WRONG), () -> timed(unknown, WRONG));
			long[] nanos = new long[3];
			for (int k = 0; k < 3; k++) {
				// Rotate the order so that none always runs first.
				int which = (round + k) % 3;
				nanos[which] = attempts.get(which).get();
			}
			if (round % 3 == 2) {
				// A right password now and then, so the unlocked account never locks.
				assertThat(Visitor
					.succeeded(this.node.visitor(Visitor.randomAddress()).signIn(unlocked.email(), PASSWORD))).isTrue();
			}
			if (round >= WARM_UP) {
				// Differences within a round cancel out the machine's changing load.
				lockedMinusWrong.add(nanos[0] - nanos[1]);
				unknownMinusWrong.add(nanos[2] - nanos[1]);
				wrongNanos.add(nanos[1]);

			}
		}
		double lockedMs = median(lockedMinusWrong) / 1e6;
		double unknownMs = median(unknownMinusWrong) / 1e6;
		double wrongMs = median(wrongNanos) / 1e6;
		double pageMs = median(this.pageNanos) / 1e6;
		System.out.printf(
				"Sign-in timing over %d rounds: wrong password median %.2f ms (the sign-in page, without a hash, "
						+ "%.2f ms); median difference to a wrong password: locked account with the right password "
						+ "%+.2f ms, unknown email %+.2f ms (bound %.0f ms)%n",
				TRIES, wrongMs, pageMs, lockedMs, unknownMs, MAX_MEDIAN_DIFFERENCE_MS);
		assertThat(this.node.bean(Lockouts.class).isLocked(locked.id())).isTrue();
		assertThat(wrongMs - pageMs).as("the hash a locked answer must pay for is larger than the bound")
			.isGreaterThan(MAX_MEDIAN_DIFFERENCE_MS);
		assertThat(Math.abs(lockedMs)).isLessThan(MAX_MEDIAN_DIFFERENCE_MS);
		assertThat(Math.abs(unknownMs)).isLessThan(MAX_MEDIAN_DIFFERENCE_MS);
	}

	private Account lockedAccount() {
		Account account = LockoutCluster.newAccount("locked");
		for (int i = 0; i < 5; i++) {
			this.node.visitor(Visitor.randomAddress()).signIn(account.email(), WRONG);
		}
		assertThat(this.node.bean(Lockouts.class).isLocked(account.id())).isTrue();
		return account;
	}

	private Answer answer(String email, String password) {
		Visitor visitor = this.node.visitor(Visitor.randomAddress());
		HttpResponse<String> response = visitor.signIn(email, password);
		String location = TestBrowser.location(response);
		HttpResponse<String> page = visitor.get(location);
		return new Answer(response.statusCode(), location, page.statusCode(), withoutCsrf(page.body()));
	}

	private long timed(String email, String password) {
		Visitor visitor = this.node.visitor(Visitor.randomAddress());
		long pageStart = System.nanoTime();
		String csrf = TestBrowser.csrfToken(visitor.get("/login").body());
		this.pageNanos.add(System.nanoTime() - pageStart);
		long start = System.nanoTime();
		HttpResponse<String> response = visitor.post("/login",
				java.util.Map.of("email", email, "password", password, "_csrf", csrf));
		long elapsed = System.nanoTime() - start;
		assertThat(Visitor.refusedAsWrongPassword(response)).isTrue();
		return elapsed;
	}

	private static String withoutCsrf(String html) {
		return html.replaceAll("name=\"_csrf\"[^>]*value=\"[^\"]+\"", "name=\"_csrf\"");
	}

	private static double median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
	}

	private record Answer(int status, String location, int pageStatus, String page) {
	}

}
