package dev.latchkey.auth.reset;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reset links of {@code password_reset_link}, by the SHA-256 of their token.
 */
@Repository
class ResetLinks {

	private final JdbcClient jdbc;

	ResetLinks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a new live link for an account; its older live link, if any, is superseded.
	 */
	@Transactional
	public void issue(UUID accountId, byte[] tokenHash, Instant now, Instant expiresAt) {
		this.jdbc.sql("UPDATE password_reset_link SET state = 'SUPERSEDED' WHERE account_id = ? AND state = 'LIVE'")
			.params(accountId)
			.update();
		this.jdbc
			.sql("INSERT INTO password_reset_link (token_hash, account_id, state, created_at, expires_at) "
					+ "VALUES (?, ?, 'LIVE', ?, ?)")
			.params(tokenHash, accountId, Timestamp.from(now), Timestamp.from(expiresAt))
			.update();
	}

	Optional<Link> find(byte[] tokenHash) {
		return this.jdbc.sql("SELECT account_id, state, expires_at FROM password_reset_link WHERE token_hash = ?")
			.params((Object) tokenHash)
			.query((rs, row) -> new Link(rs.getObject("account_id", UUID.class), rs.getString("state"),
					rs.getTimestamp("expires_at").toInstant()))
			.optional();
	}

	/**
	 * Uses a live link, atomically: of any number of concurrent attempts exactly one
	 * succeeds.
	 * @return the link's account, or empty if the link is not live (any more)
	 */
	Optional<UUID> use(byte[] tokenHash, Instant now) {
		return this.jdbc
			.sql("UPDATE password_reset_link SET state = 'USED', used_at = ? "
					+ "WHERE token_hash = ? AND state = 'LIVE' AND expires_at > ? RETURNING account_id")
			.params(Timestamp.from(now), tokenHash, Timestamp.from(now))
			.query(UUID.class)
			.optional();
	}

	int purgeExpiredBefore(Instant before) {
		return this.jdbc.sql("DELETE FROM password_reset_link WHERE expires_at < ?")
			.params(Timestamp.from(before))
			.update();
	}

	/**
	 * A stored link.
	 *
	 * @param accountId its account
	 * @param state LIVE, SUPERSEDED or USED
	 * @param expiresAt when it stops working
	 */
	record Link(UUID accountId, String state, Instant expiresAt) {

		LinkStatus status(Instant now) {
			return switch (this.state) {
				case "LIVE" -> this.expiresAt.isAfter(now) ? LinkStatus.LIVE : LinkStatus.EXPIRED;
				case "SUPERSEDED" -> LinkStatus.SUPERSEDED;
				default -> LinkStatus.USED;
			};
		}

	}

}
