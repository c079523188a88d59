package dev.latchkey.auth.authorization;

import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The refresh tokens a family (one stored authorization) has issued, as the refresh grant
 * sees them: which family a presented token belongs to, whether it is spent, and the
 * sealed response a retry may get back.
 */
final class RefreshTokenFamilies {

	private final JdbcClient jdbc;

	RefreshTokenFamilies(JdbcOperations jdbc) {
		this.jdbc = JdbcClient.create(jdbc);
	}

	/**
	 * Finds the family a refresh token belongs to and locks it until the transaction
	 * ends, so that two refreshes of one family (a client retrying while its first
	 * request is still running, or an attacker racing the client) happen one after the
	 * other. Must run in a transaction.
	 * @param tokenHash the SHA-256 of the presented refresh token
	 * @return the token as its family now sees it, or empty if no family knows it
	 */
	Optional<Member> lockFamilyOf(byte[] tokenHash) {
		Optional<String> family = this.jdbc.sql("SELECT authorization_id FROM refresh_token WHERE token_hash = :hash")
			.param("hash", tokenHash)
			.query(String.class)
			.optional();
		if (family.isEmpty() || this.jdbc.sql("SELECT id FROM stored_authorization WHERE id = :id FOR UPDATE")
			.param("id", family.get())
			.query(String.class)
			.optional()
			.isEmpty()) {
			return Optional.empty();
		}
		// Read after the lock, in a new statement, so a rotation that committed while we
		// waited is seen.
		return this.jdbc.sql("""
				SELECT a.id, a.registered_client_id, a.principal_name, a.authorized_scopes, a.created_at,
				       rt.spent_at, rt.successor_hash = a.refresh_token_hash AS successor_is_current,
				       rt.retry_response, rt.retry_until
				FROM refresh_token rt JOIN stored_authorization a ON a.id = rt.authorization_id
				WHERE rt.token_hash = :hash""").param("hash", tokenHash).query((rs, rowNum) -> {
			Set<String> scopes = new LinkedHashSet<>(
					Arrays.asList((String[]) rs.getArray("authorized_scopes").getArray()));
			return new Member(rs.getString("id"), rs.getString("registered_client_id"), rs.getString("principal_name"),
					scopes, AuthorizationRows.instant(rs, "created_at"), AuthorizationRows.instant(rs, "spent_at"),
					rs.getBoolean("successor_is_current"), rs.getBytes("retry_response"),
					AuthorizationRows.instant(rs, "retry_until"));
		}).optional();
	}

	/**
	 * Keeps the sealed successor response of a just-spent token for a retry.
	 */
	void rememberRetry(byte[] tokenHash, byte[] sealedResponse, Instant until) {
		this.jdbc
			.sql("UPDATE refresh_token SET retry_response = :sealed, retry_until = :until WHERE token_hash = :hash")
			.param("sealed", new SqlParameterValue(Types.BINARY, sealedResponse))
			.param("until", AuthorizationRows.timestamp(until))
			.param("hash", tokenHash)
			.update();
	}

	/**
	 * Revokes a whole family: the authorization with its access, refresh and ID tokens,
	 * and the record of every refresh token it issued.
	 */
	void revoke(String authorizationId) {
		this.jdbc.sql("DELETE FROM stored_authorization WHERE id = :id").param("id", authorizationId).update();
	}

	/**
	 * Drops sealed responses whose retry window has passed.
	 * @return how many were dropped
	 */
	int forgetRetriesBefore(Instant now) {
		return this.jdbc
			.sql("UPDATE refresh_token SET retry_response = NULL, retry_until = NULL WHERE retry_until < :now")
			.param("now", AuthorizationRows.timestamp(now))
			.update();
	}

	/**
	 * A refresh token as its family sees it.
	 *
	 * @param authorizationId the family
	 * @param registeredClientId the client the family belongs to
	 * @param principalName the user
	 * @param authorizedScopes the scopes of the grant
	 * @param familyStartedAt when the family began (the first sign-in)
	 * @param spentAt when the token was exchanged for its successor, if it was
	 * @param successorIsCurrent whether the token's successor is the family's current
	 * token, that is, the token is the immediately previous one
	 * @param retryResponse the sealed successor response, while it is kept
	 * @param retryUntil until when a retry may get the sealed response
	 */
	record Member(String authorizationId, String registeredClientId, String principalName, Set<String> authorizedScopes,
			Instant familyStartedAt, @Nullable Instant spentAt, boolean successorIsCurrent,
			byte @Nullable [] retryResponse, @Nullable Instant retryUntil) {

		boolean spent() {
			return this.spentAt != null;
		}

		boolean mayRetry(Instant now) {
			return this.successorIsCurrent && this.retryResponse != null && this.retryUntil != null
					&& now.isBefore(this.retryUntil);
		}

	}

}
