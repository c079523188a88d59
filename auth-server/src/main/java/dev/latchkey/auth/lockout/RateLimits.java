package dev.latchkey.auth.lockout;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fixed-window counters in {@code rate_limit_counter}, shared by every node. Each change
 * is one atomic {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}: concurrent
 * requests on any node are all counted, and a counter never admits more than its limit.
 */
@Component
final class RateLimits {

	private static final Logger logger = LoggerFactory.getLogger(RateLimits.class);

	/**
	 * Counts a request if its bucket is below the limit, starting a new window when the
	 * last one has passed. No row comes back when the bucket is full.
	 */
	private static final String ADMIT = """
			INSERT INTO rate_limit_counter AS c (bucket, window_ends_at, hits) VALUES (:bucket, :windowEnd, 1)
			ON CONFLICT (bucket) DO UPDATE SET
			    hits = CASE WHEN c.window_ends_at <= :now THEN 1 ELSE c.hits + 1 END,
			    window_ends_at = CASE WHEN c.window_ends_at <= :now THEN :windowEnd ELSE c.window_ends_at END
			WHERE c.window_ends_at <= :now OR c.hits < :max
			RETURNING hits""";

	private static final String COUNT = """
			INSERT INTO rate_limit_counter AS c (bucket, window_ends_at, hits) VALUES (:bucket, :windowEnd, 1)
			ON CONFLICT (bucket) DO UPDATE SET
			    hits = CASE WHEN c.window_ends_at <= :now THEN 1 ELSE c.hits + 1 END,
			    window_ends_at = CASE WHEN c.window_ends_at <= :now THEN :windowEnd ELSE c.window_ends_at END
			RETURNING hits""";

	private static final String FULL_UNTIL = """
			SELECT window_ends_at FROM rate_limit_counter
			WHERE bucket = :bucket AND window_ends_at > :now AND hits >= :max""";

	private static final String PURGE_BATCH = """
			DELETE FROM rate_limit_counter WHERE bucket IN (
			    SELECT bucket FROM rate_limit_counter WHERE window_ends_at <= :now
			    ORDER BY window_ends_at LIMIT :batch FOR UPDATE SKIP LOCKED)""";

	private final JdbcClient jdbc;

	private final Map<RateLimit, RateLimit.Limit> limits = new EnumMap<>(RateLimit.class);

	private final int purgeBatchSize;

	private final boolean enabled;

	RateLimits(JdbcOperations jdbc, RateLimitProperties properties) {
		this.jdbc = JdbcClient.create(jdbc);
		this.purgeBatchSize = properties.purgeBatchSize();
		this.enabled = properties.enabled();
		if (!this.enabled) {
			logger.warn("Rate limits are off (latchkey.rate-limits.enabled=false): for load tests only, "
					+ "never in production (admin preflight fails)");
		}
		this.limits.putAll(properties.limits());
	}

	RateLimit.Limit limit(RateLimit limit) {
		return this.limits.get(limit);
	}

	boolean enabled() {
		return this.enabled;
	}

	/**
	 * Counts a request unless its bucket is full.
	 * @param limit the limit
	 * @param now the current time
	 * @param parts what is counted
	 * @return empty if the request was admitted (and counted), else when the bucket's
	 * window ends
	 */
	Optional<Instant> admit(RateLimit limit, Instant now, String... parts) {
		if (!this.enabled) {
			return Optional.empty();
		}
		RateLimit.Limit rule = limit(limit);
		byte[] bucket = limit.bucket(parts);
		Optional<Integer> hits = this.jdbc.sql(ADMIT)
			.param("bucket", bucket)
			.param("windowEnd", Timestamp.from(now.plus(rule.window())))
			.param("now", Timestamp.from(now))
			.param("max", rule.max())
			.query(Integer.class)
			.optional();
		if (hits.isPresent()) {
			return Optional.empty();
		}
		// Full: the window ends when the counter says (or now, if it ended meanwhile).
		return Optional.of(fullUntil(bucket, rule, now).orElse(now));
	}

	/**
	 * Whether a bucket is full, without counting.
	 * @return when its window ends, if it is full
	 */
	Optional<Instant> fullUntil(RateLimit limit, Instant now, String... parts) {
		if (!this.enabled) {
			return Optional.empty();
		}
		return fullUntil(limit.bucket(parts), limit(limit), now);
	}

	/**
	 * Counts an event (such as a failure) whether or not the bucket is full.
	 * @return the count in the bucket's window, this one included (0 while the limits are
	 * off: then nothing is counted)
	 */
	int count(RateLimit limit, Instant now, String... parts) {
		if (!this.enabled) {
			return 0;
		}
		RateLimit.Limit rule = limit(limit);
		return this.jdbc.sql(COUNT)
			.param("bucket", limit.bucket(parts))
			.param("windowEnd", Timestamp.from(now.plus(rule.window())))
			.param("now", Timestamp.from(now))
			.query(Integer.class)
			.single();
	}

	/**
	 * Deletes counters whose window has passed, one batch per statement.
	 * @return how many were deleted
	 */
	int purge(Instant now) {
		int total = 0;
		int deleted;
		do {
			deleted = this.jdbc.sql(PURGE_BATCH)
				.param("now", Timestamp.from(now))
				.param("batch", this.purgeBatchSize)
				.update();
			total += deleted;
		}
		while (deleted == this.purgeBatchSize);
		return total;
	}

	private Optional<Instant> fullUntil(byte[] bucket, RateLimit.Limit rule, Instant now) {
		return this.jdbc.sql(FULL_UNTIL)
			.param("bucket", bucket)
			.param("now", Timestamp.from(now))
			.param("max", rule.max())
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}

	/**
	 * Seconds until a time, rounded up, at least 1: the value of {@code Retry-After}.
	 */
	static long secondsUntil(Instant until, Instant now) {
		Duration wait = Duration.between(now, until);
		long seconds = wait.getSeconds() + ((wait.getNano() > 0) ? 1 : 0);
		return Math.max(1, seconds);
	}

}
