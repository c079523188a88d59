package dev.latchkey.auth.authorization;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;

/**
 * What the token lifecycle tests add to the server: a clock they can move forward, a lock
 * they can put on an account (as the lockout feature will), and a record of the reuse
 * events the server publishes.
 */
@TestConfiguration(proxyBeanMethods = false)
class TokenLifecycleTestSupport {

	@Bean
	@Primary
	MovableClock movableClock() {
		return new MovableClock();
	}

	@Bean
	TestLocks testLocks() {
		return new TestLocks();
	}

	@Bean
	ReuseEvents reuseEvents() {
		return new ReuseEvents();
	}

	/**
	 * The system clock plus an offset the test moves.
	 */
	static final class MovableClock extends Clock {

		private volatile Duration offset = Duration.ZERO;

		void advance(Duration duration) {
			this.offset = this.offset.plus(duration);
		}

		void reset() {
			this.offset = Duration.ZERO;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(this.offset);
		}

	}

	/**
	 * An {@link AccountStatusCheck} that refuses the accounts a test locks.
	 */
	static final class TestLocks implements AccountStatusCheck {

		private final Set<UUID> locked = ConcurrentHashMap.newKeySet();

		void lock(UUID accountId) {
			this.locked.add(accountId);
		}

		void unlockAll() {
			this.locked.clear();
		}

		@Override
		public boolean allowsTokens(dev.latchkey.auth.account.AccountSummary account, Instant now) {
			return !this.locked.contains(account.id());
		}

	}

	/**
	 * The reuse events published, on whichever thread.
	 */
	static final class ReuseEvents {

		final List<RefreshTokenReuseDetected> received = new CopyOnWriteArrayList<>();

		@EventListener
		void on(RefreshTokenReuseDetected event) {
			this.received.add(event);
		}

	}

}
