package dev.latchkey.auth.lockout;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.latchkey.auth.lockout.LockoutCluster.Account;
import org.junit.jupiter.api.Test;

import static dev.latchkey.auth.lockout.LockoutCluster.PASSWORD;
import static dev.latchkey.auth.lockout.LockoutCluster.clock;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lockout of DESIGN.md section 4 with the shipped settings, over real HTTP with a
 * moved clock: 5 failures within 15 minutes lock the account for 1 minute, each further
 * lock lasts twice as long up to 1 hour, a lock ends by itself, a successful sign-in
 * resets the count, and failures during a lock neither count nor extend it.
 */
class LockoutTests {

	static final String WRONG = "Wrong-Password-99!";

	private final LockoutNode node = LockoutCluster.a();

	@Test
	void signInWhenFiveFailuresInWindowThenLockedForOneMinute() {
		Account account = LockoutCluster.newAccount("threshold");
		failTimes(account, 4);
		assertThat(lockouts().isLocked(account.id())).as("after 4 failures").isFalse();
		Instant lockedAt = clock.instant();
		failTimes(account, 1);

		assertThat(lockouts().isLocked(account.id())).as("after 5 failures").isTrue();
		assertThat(Visitor.refusedAsWrongPassword(signIn(account, PASSWORD))).as("the right password while locked")
			.isTrue();
		assertThat(lockedOut(account)).singleElement().satisfies((event) -> {
			assertThat(event.lockedAt()).isEqualTo(lockedAt);
			assertThat(event.lockedUntil()).isEqualTo(lockedAt.plus(Duration.ofMinutes(1)));
			assertThat(event.lockout()).isEqualTo(1);
			assertThat(event.consecutiveFailures()).isEqualTo(5);
		});
	}

	@Test
	void signInWhenFailuresOlderThanWindowThenTheyNoLongerCount() {
		Account account = LockoutCluster.newAccount("window");
		failTimes(account, 4);
		clock.advance(Duration.ofMinutes(15));
		failTimes(account, 4);
		assertThat(lockouts().isLocked(account.id())).as("4 + 4 failures, 15 minutes apart").isFalse();
		failTimes(account, 1);
		assertThat(lockouts().isLocked(account.id())).as("the 5th failure of the new window").isTrue();
	}

	@Test
	void signInWhenLockedAgainThenEachLockLastsTwiceAsLongUpToOneHour() {
		Account account = LockoutCluster.newAccount("doubling");
		List<Duration> durations = new ArrayList<>();
		for (int lock = 0; lock < 8; lock++) {
			failTimes(account, 5);
			AccountLockedOut event = lockedOut(account).get(lock);
			Duration duration = Duration.between(event.lockedAt(), event.lockedUntil());
			durations.add(duration);
			clock.advance(duration.minusSeconds(1));
			assertThat(lockouts().isLocked(account.id())).as("a second before lock %d ends", lock + 1).isTrue();
			clock.advance(Duration.ofSeconds(1));
			assertThat(lockouts().isLocked(account.id())).as("when lock %d ends", lock + 1).isFalse();
		}
		assertThat(durations).extracting(Duration::toMinutes).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L);
	}

	@Test
	void signInWhenLockRunsOutThenRightPasswordWorksAndUnlockIsAnnouncedOnce() {
		Account account = LockoutCluster.newAccount("auto-unlock");
		failTimes(account, 5);
		Instant until = lockedOut(account).get(0).lockedUntil();
		clock.advance(Duration.ofSeconds(59));
		assertThat(Visitor.refusedAsWrongPassword(signIn(account, PASSWORD))).as("59 s into the lock").isTrue();
		clock.advance(Duration.ofSeconds(1));
		this.node.bean(Lockouts.class).announceEnded(clock.instant());
		this.node.bean(Lockouts.class).announceEnded(clock.instant());
		assertThat(unlocked(account)).singleElement().satisfies((event) -> {
			assertThat(event.reason()).isEqualTo(AccountUnlocked.Reason.EXPIRED);
			assertThat(event.at()).isEqualTo(until);
		});
		assertThat(Visitor.succeeded(signIn(account, PASSWORD))).as("after the lock").isTrue();
	}

	@Test
	void signInWhenFailingDuringLockThenLockNotExtendedAndFailuresNotCounted() {
		Account account = LockoutCluster.newAccount("during-lock");
		failTimes(account, 5);
		clock.advance(Duration.ofSeconds(30));
		failTimes(account, 10);
		assertThat(lockouts().find(account.id())).get().satisfies((state) -> {
			assertThat(state.lockedUntil()).isEqualTo(lockedOut(account).get(0).lockedUntil());
			assertThat(state.consecutiveFailures()).as("failures during the lock do not count").isEqualTo(5);
			assertThat(state.refusedWhileLocked()).isEqualTo(10);
		});
		clock.advance(Duration.ofSeconds(30));
		assertThat(lockouts().isLocked(account.id())).isFalse();
		failTimes(account, 4);
		assertThat(lockouts().isLocked(account.id())).as("4 failures after the lock").isFalse();
		assertThat(lockedOut(account)).hasSize(1);
	}

	@Test
	void signInWhenSuccessfulThenCountAndDoublingStartAgain() {
		Account account = LockoutCluster.newAccount("reset-count");
		failTimes(account, 5);
		clock.advance(Duration.ofMinutes(1));
		failTimes(account, 4);
		assertThat(Visitor.succeeded(signIn(account, PASSWORD))).isTrue();
		assertThat(lockouts().find(account.id())).as("a successful sign-in forgets the failures").isEmpty();
		failTimes(account, 4);
		assertThat(lockouts().isLocked(account.id())).isFalse();
		failTimes(account, 1);
		AccountLockedOut second = lockedOut(account).get(1);
		assertThat(Duration.between(second.lockedAt(), second.lockedUntil())).as("the lock after a success")
			.isEqualTo(Duration.ofMinutes(1));
	}

	private Lockouts lockouts() {
		return this.node.bean(Lockouts.class);
	}

	private void failTimes(Account account, int times) {
		for (int i = 0; i < times; i++) {
			HttpResponse<String> response = signIn(account, WRONG);
			assertThat(Visitor.refusedAsWrongPassword(response)).as("failure %d: %s", i + 1, response.statusCode())
				.isTrue();
		}
	}

	/**
	 * Each attempt from an address of its own, so the rate limits per address stay out of
	 * the way.
	 */
	private HttpResponse<String> signIn(Account account, String password) {
		return this.node.visitor(Visitor.randomAddress()).signIn(account.email(), password);
	}

	private List<AccountLockedOut> lockedOut(Account account) {
		return this.node.events(AccountLockedOut.class)
			.stream()
			.filter((event) -> event.accountId().equals(account.id()))
			.toList();
	}

	private List<AccountUnlocked> unlocked(Account account) {
		return this.node.events(AccountUnlocked.class)
			.stream()
			.filter((event) -> event.accountId().equals(account.id()))
			.toList();
	}

}
