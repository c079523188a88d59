package dev.latchkey.auth.authorization;

import java.time.Clock;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes authorizations nothing in which can be used any more, in batches so that no
 * statement holds many row locks or runs long, and drops sealed refresh responses whose
 * retry window has passed. Every node runs it; {@code SKIP LOCKED} keeps them from
 * waiting on each other.
 */
@Component
final class AuthorizationPurge {

	private static final Log logger = LogFactory.getLog(AuthorizationPurge.class);

	private static final String DELETE_BATCH = """
			DELETE FROM stored_authorization WHERE id IN (
			    SELECT id FROM stored_authorization WHERE expires_at < :now
			    ORDER BY expires_at LIMIT :batch FOR UPDATE SKIP LOCKED)""";

	private final JdbcClient jdbc;

	private final RefreshTokenFamilies families;

	private final Clock clock;

	private final int batchSize;

	AuthorizationPurge(JdbcOperations jdbc, RefreshTokenFamilies families, Clock clock, TokenProperties properties) {
		this.jdbc = JdbcClient.create(jdbc);
		this.families = families;
		this.clock = clock;
		this.batchSize = properties.purgeBatchSize();
	}

	@Scheduled(fixedDelayString = "${latchkey.tokens.purge-interval:5m}",
			initialDelayString = "${latchkey.tokens.purge-interval:5m}")
	void purgeOnSchedule() {
		try {
			int deleted = purge();
			if (deleted > 0) {
				logger.info("Purged " + deleted + " expired authorizations");
			}
		}
		catch (RuntimeException ex) {
			// The next run tries again; a failed purge only leaves unusable rows behind.
			logger.warn("Purging expired authorizations failed", ex);
		}
	}

	/**
	 * Deletes every expired authorization, one batch per statement.
	 * @return how many were deleted
	 */
	int purge() {
		Instant now = this.clock.instant();
		this.families.forgetRetriesBefore(now);
		int total = 0;
		int deleted;
		do {
			deleted = this.jdbc.sql(DELETE_BATCH)
				.param("now", AuthorizationRows.timestamp(now))
				.param("batch", this.batchSize)
				.update();
			total += deleted;
		}
		while (deleted == this.batchSize);
		return total;
	}

}
