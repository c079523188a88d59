package dev.latchkey.auth.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.jwk.JWK;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code signing_key} table. Every change runs inside a transaction that holds the
 * signing key lock, so nodes never change keys at the same time.
 */
@Repository
class JdbcSigningKeys {

	/**
	 * The channel on which a change is announced to every node ({@code LISTEN/NOTIFY}).
	 */
	static final String CHANNEL = "latchkey_signing_key";

	private static final String LOCK = "hashtext('latchkey.signing_key')";

	private final JdbcClient jdbc;

	JdbcSigningKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Keys that belong in the JWKS: pending, active and retired ones.
	 */
	List<SigningKey> findPublished() {
		return this.jdbc.sql("""
				SELECT * FROM signing_key WHERE state IN ('PENDING', 'ACTIVE', 'RETIRED')
				ORDER BY activates_at, kid""").query(JdbcSigningKeys::map).list();
	}

	List<SigningKey> findPublished(String algorithm) {
		return this.jdbc.sql("""
				SELECT * FROM signing_key WHERE state IN ('PENDING', 'ACTIVE', 'RETIRED') AND algorithm = ?
				ORDER BY activates_at, kid""").param(algorithm).query(JdbcSigningKeys::map).list();
	}

	List<SigningKey> findAll() {
		return this.jdbc.sql("SELECT * FROM signing_key ORDER BY algorithm, activates_at, kid")
			.query(JdbcSigningKeys::map)
			.list();
	}

	Optional<SigningKey> findByKid(String kid) {
		return this.jdbc.sql("SELECT * FROM signing_key WHERE kid = ?")
			.param(kid)
			.query(JdbcSigningKeys::map)
			.optional();
	}

	/**
	 * Keys that still hold their private half: pending and active ones.
	 */
	List<SigningKey> findWrapped() {
		return this.jdbc.sql("SELECT * FROM signing_key WHERE private_key_encrypted IS NOT NULL ORDER BY kid")
			.query(JdbcSigningKeys::map)
			.list();
	}

	void insert(SigningKey key) {
		WrappedKey wrapped = key.privateKey();
		this.jdbc.sql("""
				INSERT INTO signing_key (kid, algorithm, state, public_jwk, private_key_encrypted, kek_id,
				    created_at, activates_at, retires_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(key.kid(), key.algorithm(), key.state().name(), key.publicJwk().toJSONString(),
					(wrapped != null) ? wrapped.ciphertext() : null, (wrapped != null) ? wrapped.kekId() : null,
					Timestamp.from(key.createdAt()), Timestamp.from(key.activatesAt()), timestamp(key.retiresAt()))
			.update();
	}

	void activate(String kid, Instant at, Instant retiresAt) {
		expectOne(this.jdbc.sql("""
				UPDATE signing_key SET state = 'ACTIVE', activates_at = ?, retires_at = ?
				WHERE kid = ? AND state = 'PENDING'""")
			.params(Timestamp.from(at), Timestamp.from(retiresAt), kid)
			.update(), kid, "activate");
	}

	void planRetirement(String kid, Instant retiresAt) {
		expectOne(this.jdbc.sql("UPDATE signing_key SET retires_at = ? WHERE kid = ? AND state = 'ACTIVE'")
			.params(Timestamp.from(retiresAt), kid)
			.update(), kid, "plan the retirement of");
	}

	/**
	 * Stops a key signing and drops its private half, which is never needed again.
	 */
	void retire(String kid, Instant at, Instant removesAt) {
		expectOne(this.jdbc.sql("""
				UPDATE signing_key SET state = 'RETIRED', retires_at = ?, removes_at = ?,
				    private_key_encrypted = NULL, kek_id = NULL
				WHERE kid = ? AND state = 'ACTIVE'""")
			.params(Timestamp.from(at), Timestamp.from(removesAt), kid)
			.update(), kid, "retire");
	}

	void remove(String kid, Instant at) {
		expectOne(this.jdbc
			.sql("UPDATE signing_key SET state = 'REMOVED', removes_at = ? WHERE kid = ? AND state = 'RETIRED'")
			.params(Timestamp.from(at), kid)
			.update(), kid, "remove");
	}

	void revoke(String kid, SigningKey.Revocation revocation) {
		expectOne(this.jdbc.sql("""
				UPDATE signing_key SET state = 'REVOKED', revoked_at = ?, revoked_by = ?, revoke_reason = ?,
				    private_key_encrypted = NULL, kek_id = NULL
				WHERE kid = ? AND state IN ('PENDING', 'ACTIVE', 'RETIRED')""")
			.params(Timestamp.from(revocation.at()), revocation.by(), revocation.reason(), kid)
			.update(), kid, "revoke");
	}

	void rewrap(String kid, WrappedKey wrapped) {
		expectOne(this.jdbc.sql("""
				UPDATE signing_key SET private_key_encrypted = ?, kek_id = ?
				WHERE kid = ? AND private_key_encrypted IS NOT NULL""")
			.params(wrapped.ciphertext(), wrapped.kekId(), kid)
			.update(), kid, "re-wrap");
	}

	/**
	 * Waits for the signing key lock, held until the current transaction ends.
	 */
	void lock() {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(" + LOCK + ")").query().singleRow();
	}

	/**
	 * Takes the signing key lock for the current transaction if no other node holds it.
	 * @return whether this transaction now holds it
	 */
	boolean tryLock() {
		return Boolean.TRUE
			.equals(this.jdbc.sql("SELECT pg_try_advisory_xact_lock(" + LOCK + ")").query(Boolean.class).single());
	}

	/**
	 * Tells every node, once the current transaction commits, that the keys changed.
	 */
	void announceChange() {
		this.jdbc.sql("SELECT pg_notify('" + CHANNEL + "', '')").query().singleRow();
	}

	private static void expectOne(int updated, String kid, String action) {
		if (updated != 1) {
			throw new IllegalStateException("Could not " + action + " signing key " + kid + ": it changed meanwhile");
		}
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static SigningKey map(ResultSet rs, int row) throws SQLException {
		String kid = rs.getString("kid");
		JWK publicJwk;
		try {
			publicJwk = JWK.parse(rs.getString("public_jwk"));
		}
		catch (ParseException ex) {
			throw new SQLException("Unreadable public JWK for signing key " + kid, ex);
		}
		byte[] ciphertext = rs.getBytes("private_key_encrypted");
		WrappedKey privateKey = (ciphertext != null) ? new WrappedKey(rs.getString("kek_id"), ciphertext) : null;
		Instant revokedAt = instant(rs, "revoked_at");
		SigningKey.Revocation revocation = (revokedAt != null)
				? new SigningKey.Revocation(revokedAt, rs.getString("revoked_by"), rs.getString("revoke_reason"))
				: null;
		return new SigningKey(kid, rs.getString("algorithm"), SigningKeyState.valueOf(rs.getString("state")), publicJwk,
				privateKey, rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("activates_at").toInstant(),
				instant(rs, "retires_at"), instant(rs, "removes_at"), revocation);
	}

}
