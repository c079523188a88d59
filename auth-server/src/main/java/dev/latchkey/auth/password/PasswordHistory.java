package dev.latchkey.auth.password;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The hashes of the passwords an account had before its current one, newest first.
 */
@Repository
class PasswordHistory {

	private final JdbcClient jdbc;

	PasswordHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<String> latest(UUID accountId, int count) {
		if (count <= 0) {
			return List.of();
		}
		return this.jdbc
			.sql("SELECT password_hash FROM password_history WHERE account_id = ? "
					+ "ORDER BY replaced_at DESC, id DESC LIMIT ?")
			.params(accountId, count)
			.query(String.class)
			.list();
	}

	/**
	 * Remembers a replaced password and forgets all but the newest {@code keep} ones.
	 */
	void remember(UUID accountId, String replacedHash, Instant replacedAt, int keep) {
		if (keep > 0) {
			this.jdbc.sql("INSERT INTO password_history (account_id, password_hash, replaced_at) VALUES (?, ?, ?)")
				.params(accountId, replacedHash, Timestamp.from(replacedAt))
				.update();
		}
		this.jdbc.sql("DELETE FROM password_history WHERE account_id = ? AND id NOT IN "
				+ "(SELECT id FROM password_history WHERE account_id = ? ORDER BY replaced_at DESC, id DESC LIMIT ?)")
			.params(accountId, accountId, Math.max(keep, 0))
			.update();
	}

}
