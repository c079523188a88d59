package dev.latchkey.auth.lockout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.stereotype.Component;

/**
 * Whether the defences against password guessing are on and no laxer than recommended,
 * for the pre-deployment check. The lockout cannot be turned off (its settings are
 * checked at startup, and no setting allows more than 100 consecutive failures); the rate
 * limits can be, for load tests. Recommended means: at most 10 failures before a lock,
 * counted over at least 5 minutes, a first lock of at least 30 seconds, and every rate
 * limit at most five times its default, both per window and per hour.
 */
@Component
public final class GuessingProtection {

	static final int MOST_FAILURES_BEFORE_LOCK = 10;

	static final Duration SHORTEST_FAILURE_WINDOW = Duration.ofMinutes(5);

	static final Duration SHORTEST_FIRST_LOCK = Duration.ofSeconds(30);

	/** How many times its default a rate limit may allow. */
	static final int MOST_TIMES_DEFAULT = 5;

	private final LockoutProperties lockout;

	private final RateLimitProperties rateLimits;

	private final Map<RateLimit, RateLimit.Limit> defaults = defaults().limits();

	GuessingProtection(LockoutProperties lockout, RateLimitProperties rateLimits) {
		this.lockout = lockout;
		this.rateLimits = rateLimits;
	}

	/**
	 * The rate limits as shipped: what the settings give when none is set.
	 */
	static RateLimitProperties defaults() {
		return new Binder().bindOrCreate("latchkey.rate-limits", RateLimitProperties.class);
	}

	/**
	 * What is off or laxer than recommended, each naming its setting.
	 * @return the weaknesses; empty when the lockout and every rate limit are as
	 * recommended
	 */
	public List<String> weaknesses() {
		List<String> weaknesses = new ArrayList<>();
		if (this.lockout.maxFailures() > MOST_FAILURES_BEFORE_LOCK) {
			weaknesses.add("latchkey.lockout.max-failures is " + this.lockout.maxFailures() + " (at most "
					+ MOST_FAILURES_BEFORE_LOCK + " recommended)");
		}
		if (this.lockout.failureWindow().compareTo(SHORTEST_FAILURE_WINDOW) < 0) {
			weaknesses.add("latchkey.lockout.failure-window is " + Settings.describe(this.lockout.failureWindow())
					+ " (at least " + Settings.describe(SHORTEST_FAILURE_WINDOW) + " recommended)");
		}
		if (this.lockout.firstDuration().compareTo(SHORTEST_FIRST_LOCK) < 0) {
			weaknesses.add("latchkey.lockout.first-duration is " + Settings.describe(this.lockout.firstDuration())
					+ " (at least " + Settings.describe(SHORTEST_FIRST_LOCK) + " recommended)");
		}
		if (!this.rateLimits.enabled()) {
			weaknesses.add("latchkey.rate-limits.enabled is false: no rate limit applies");
			return weaknesses;
		}
		this.rateLimits.limits().forEach((limit, actual) -> {
			RateLimit.Limit shipped = this.defaults.get(limit);
			if (actual.max() > MOST_TIMES_DEFAULT * shipped.max()
					|| actual.perHour() > MOST_TIMES_DEFAULT * shipped.perHour()) {
				weaknesses.add(limit.setting() + " with " + limit.windowSetting() + " allows " + actual + " (default "
						+ shipped + "; at most " + MOST_TIMES_DEFAULT
						+ " times as many, per window and per hour, recommended)");
			}
		});
		return weaknesses;
	}

	/**
	 * The lockout and sign-in limits in a sentence, for a report.
	 */
	public String summary() {
		RateLimit.Limit perAccount = this.rateLimits.limits().get(RateLimit.SIGN_IN_PER_ACCOUNT_AND_ADDRESS);
		RateLimit.Limit perAddress = this.rateLimits.limits().get(RateLimit.SIGN_IN_PER_ADDRESS);
		return this.lockout.maxFailures() + " failures within " + Settings.describe(this.lockout.failureWindow())
				+ " lock an account for " + Settings.describe(this.lockout.firstDuration()) + ", doubling up to "
				+ Settings.describe(this.lockout.maxDuration()) + ", until a reset after "
				+ this.lockout.maxConsecutiveFailures() + " consecutive failures; "
				+ (this.rateLimits.enabled() ? "failed sign-ins limited to " + perAccount
						+ " per account and address and " + perAddress + " per address" : "rate limits off");
	}

}
