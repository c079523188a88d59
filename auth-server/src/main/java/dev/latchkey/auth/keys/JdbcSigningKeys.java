package dev.latchkey.auth.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code signing_key} table.
 */
@Repository
class JdbcSigningKeys {

	private final JdbcClient jdbc;

	JdbcSigningKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Keys that belong in the JWKS: pending, active and retired ones.
	 */
	List<SigningKey> findPublished() {
		return this.jdbc
			.sql("SELECT * FROM signing_key WHERE state IN ('PENDING', 'ACTIVE', 'RETIRED') ORDER BY activates_at")
			.query(JdbcSigningKeys::map)
			.list();
	}

	boolean hasActive(String algorithm) {
		return this.jdbc.sql("SELECT count(*) FROM signing_key WHERE state = 'ACTIVE' AND algorithm = ?")
			.param(algorithm)
			.query(Long.class)
			.single() > 0;
	}

	void insert(SigningKey key) {
		this.jdbc.sql("""
				INSERT INTO signing_key (kid, algorithm, state, public_jwk, private_key_encrypted,
				    created_at, activates_at, retires_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(key.kid(), key.algorithm(), key.state().name(), key.publicJwk().toJSONString(),
					key.privateKeyEncrypted(), Timestamp.from(key.createdAt()), Timestamp.from(key.activatesAt()),
					timestamp(key.retiresAt()))
			.update();
	}

	/**
	 * Serialises key creation across nodes for the rest of the current transaction.
	 */
	void lockForCreation() {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('latchkey.signing_key'))").query().singleRow();
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static SigningKey map(ResultSet rs, int row) throws SQLException {
		JWK publicJwk;
		try {
			publicJwk = JWK.parse(rs.getString("public_jwk"));
		}
		catch (ParseException ex) {
			throw new SQLException("Unreadable public JWK for signing key " + rs.getString("kid"), ex);
		}
		Timestamp retiresAt = rs.getTimestamp("retires_at");
		return new SigningKey(rs.getString("kid"), rs.getString("algorithm"),
				SigningKey.State.valueOf(rs.getString("state")), publicJwk, rs.getBytes("private_key_encrypted"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("activates_at").toInstant(),
				(retiresAt != null) ? retiresAt.toInstant() : null);
	}

}
