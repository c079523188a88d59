package dev.latchkey.auth.lockout;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counters of sign-ins, failures by reason, lockouts, unlocks and rate-limit refusals,
 * from the feature's events. Tags are reasons and limit names only: never an account,
 * email or address.
 */
@Component
final class LockoutMetrics {

	static final String SIGN_INS = "latchkey.sign.ins";

	static final String FAILURES = "latchkey.sign.in.failures";

	static final String LOCKOUTS = "latchkey.lockouts";

	static final String UNLOCKS = "latchkey.unlocks";

	static final String REJECTIONS = "latchkey.rate.limit.rejections";

	private final MeterRegistry registry;

	LockoutMetrics(MeterRegistry registry) {
		this.registry = registry;
		// Present from the start, so a dashboard shows 0 rather than nothing.
		Counter.builder(SIGN_INS).description("Successful password sign-ins").register(registry);
		for (SignInFailed.Reason reason : SignInFailed.Reason.values()) {
			failures(reason);
		}
		lockouts(false);
		lockouts(true);
		for (AccountUnlocked.Reason reason : AccountUnlocked.Reason.values()) {
			unlocks(reason);
		}
		for (RateLimit limit : RateLimit.values()) {
			rejections(limit.tag());
		}
	}

	@EventListener
	void on(SignInSucceeded event) {
		this.registry.counter(SIGN_INS).increment();
	}

	@EventListener
	void on(SignInFailed event) {
		failures(event.reason()).increment();
	}

	@EventListener
	void on(AccountLockedOut event) {
		lockouts(event.untilReset()).increment();
	}

	@EventListener
	void on(AccountUnlocked event) {
		unlocks(event.reason()).increment();
	}

	@EventListener
	void on(RateLimitExceeded event) {
		rejections(event.limit()).increment();
	}

	private Counter failures(SignInFailed.Reason reason) {
		return Counter.builder(FAILURES)
			.description("Failed sign-ins and wrong current passwords, by reason")
			.tag("reason", tag(reason))
			.register(this.registry);
	}

	private Counter lockouts(boolean untilReset) {
		return Counter.builder(LOCKOUTS)
			.description("Accounts locked after failed sign-ins")
			.tag("until", untilReset ? "reset" : "time")
			.register(this.registry);
	}

	private Counter unlocks(AccountUnlocked.Reason reason) {
		return Counter.builder(UNLOCKS)
			.description("Account locks that ended, by reason")
			.tag("reason", tag(reason))
			.register(this.registry);
	}

	private Counter rejections(String limit) {
		return Counter.builder(REJECTIONS)
			.description("Requests refused with 429 by a rate limit")
			.tag("limit", limit)
			.register(this.registry);
	}

	private static String tag(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
