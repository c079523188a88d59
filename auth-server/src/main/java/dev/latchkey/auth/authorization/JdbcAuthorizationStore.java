package dev.latchkey.auth.authorization;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Latchkey's authorization store on PostgreSQL, in place of the framework's
 * {@code JdbcOAuth2AuthorizationService}: codes, tokens and states are stored only as
 * SHA-256 hashes, each found through its own index; attributes and metadata are
 * {@code jsonb}, instants {@code timestamptz}. A row is the family of the refresh tokens
 * it issues: every refresh token is also recorded in {@code refresh_token}, so a spent
 * one is recognised when it comes back (see {@link RefreshTokenRotation}).
 * <p>
 * An authorization read back carries the presented value but only hash references for its
 * other values (see {@link TokenHash}); that is all the framework's providers need.
 */
public final class JdbcAuthorizationStore implements OAuth2AuthorizationService {

	/** How long a request waiting for consent (no token yet) is kept. */
	static final Duration PENDING_LIFETIME = Duration.ofHours(1);

	private static final String COLUMNS = "id, registered_client_id, principal_name, grant_type, authorized_scopes, "
			+ "attributes, state_hash, "
			+ AuthorizationRows.KINDS.stream()
				.map((kind) -> kind.column("hash") + ", " + kind.column("issued_at") + ", " + kind.column("expires_at")
						+ ", " + kind.column("metadata"))
				.collect(Collectors.joining(", "))
			+ ", access_token_type, access_token_scopes, id_token_sid";

	private static final String SAVE = "INSERT INTO stored_authorization (" + COLUMNS + ", created_at, expires_at) "
			+ "VALUES (" + placeholders() + ", :created_at, :expires_at) ON CONFLICT (id) DO UPDATE SET "
			+ List.of(COLUMNS.split(", "))
				.stream()
				.filter((column) -> !column.equals("id"))
				.map((column) -> column + " = EXCLUDED." + column)
				.collect(Collectors.joining(", "))
			+ ", expires_at = LEAST(EXCLUDED.expires_at, stored_authorization.created_at + "
			+ "make_interval(secs => :family_lifetime_seconds))";

	private static final String SELECT = "SELECT " + COLUMNS + " FROM stored_authorization WHERE ";

	/** The column each token type is found by, as the framework names the types. */
	static final Map<String, String> HASH_COLUMNS = Map.of(OAuth2ParameterNames.STATE, "state_hash",
			OAuth2ParameterNames.CODE, "code_hash", OAuth2TokenType.ACCESS_TOKEN.getValue(), "access_token_hash",
			OidcParameterNames.ID_TOKEN, "id_token_hash", OAuth2TokenType.REFRESH_TOKEN.getValue(),
			"refresh_token_hash", OAuth2ParameterNames.USER_CODE, "user_code_hash", OAuth2ParameterNames.DEVICE_CODE,
			"device_code_hash");

	/**
	 * Any token type: an OR over the hash columns, which PostgreSQL answers with a bitmap
	 * OR of their indexes (one hash, so each index is probed once).
	 */
	static final String FIND_BY_ANY_TOKEN = SELECT + HASH_COLUMNS.values()
		.stream()
		.sorted()
		.map((column) -> column + " = :hash")
		.collect(Collectors.joining(" OR "));

	private static final String FIND_BY_ACCESS_TOKEN = SELECT + "access_token_hash = :hash";

	private final JdbcClient jdbc;

	private final AuthorizationRows rows;

	private final TransactionOperations transactions;

	private final Clock clock;

	private final Duration familyLifetime;

	private final RegisteredClientRepository clients;

	private final @Nullable ApplicationEventPublisher events;

	/**
	 * Creates the store, publishing no events.
	 * @param jdbc the database
	 * @param clients the registered clients, to rebuild authorizations
	 * @param transactions to save a row and its refresh-token record together
	 * @param clock the time source
	 * @param familyLifetime how long a refresh token family lives from its first sign-in
	 */
	public JdbcAuthorizationStore(JdbcOperations jdbc, RegisteredClientRepository clients,
			TransactionOperations transactions, Clock clock, Duration familyLifetime) {
		this(jdbc, clients, transactions, clock, familyLifetime, null);
	}

	/**
	 * Creates the store.
	 * @param jdbc the database
	 * @param clients the registered clients, to rebuild authorizations
	 * @param transactions to save a row and its refresh-token record together
	 * @param clock the time source
	 * @param familyLifetime how long a refresh token family lives from its first sign-in
	 * @param events where {@link AccessTokenIssued} and {@link TokensRevoked} go, in the
	 * transaction of the change
	 */
	public JdbcAuthorizationStore(JdbcOperations jdbc, RegisteredClientRepository clients,
			TransactionOperations transactions, Clock clock, Duration familyLifetime,
			@Nullable ApplicationEventPublisher events) {
		Assert.notNull(jdbc, "jdbcOperations cannot be null");
		Assert.notNull(clients, "registeredClientRepository cannot be null");
		this.jdbc = JdbcClient.create(jdbc);
		this.rows = new AuthorizationRows(clients);
		this.transactions = transactions;
		this.clock = clock;
		this.familyLifetime = familyLifetime;
		this.clients = clients;
		this.events = events;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		Assert.notNull(authorization, "authorization cannot be null");
		Map<String, SqlParameterValue> row = this.rows.parameters(authorization);
		Instant now = this.clock.instant();
		Instant lastUse = AuthorizationRows.lastUse(authorization);
		OAuth2Authorization.@Nullable Token<OAuth2RefreshToken> refreshToken = authorization.getRefreshToken();
		if (refreshToken != null && refreshToken.getToken().getExpiresAt() == null) {
			lastUse = now.plus(this.familyLifetime);
		}
		Instant expiresAt = (lastUse != null) ? lastUse : now.plus(PENDING_LIFETIME);
		Instant familyEnd = now.plus(this.familyLifetime);
		row.put("created_at", AuthorizationRows.timestamp(now));
		row.put("expires_at", AuthorizationRows.timestamp(expiresAt.isBefore(familyEnd) ? expiresAt : familyEnd));
		row.put("family_lifetime_seconds", new SqlParameterValue(Types.BIGINT, this.familyLifetime.toSeconds()));
		this.transactions.executeWithoutResult((status) -> {
			@Nullable TokenState before = (this.events != null) ? tokenState(authorization.getId()) : null;
			this.jdbc.sql(SAVE).params(row).update();
			if (refreshToken != null) {
				recordRefreshToken(authorization.getId(), (byte[]) row.get("refresh_token_hash").getValue(),
						refreshToken.getToken().getIssuedAt(), now);
			}
			if (this.events != null) {
				publishChanges(authorization, before, (byte[]) row.get("access_token_hash").getValue(), now);
			}
		});
	}

	/**
	 * What the audit log learns of a save: a new access token, or a token invalidated by
	 * the revocation endpoint.
	 */
	private void publishChanges(OAuth2Authorization authorization, @Nullable TokenState before,
			byte @Nullable [] accessTokenHash, Instant now) {
		ApplicationEventPublisher publisher = this.events;
		if (publisher == null) {
			return;
		}
		String clientId = clientId(authorization);
		OAuth2Authorization.@Nullable Token<OAuth2AccessToken> accessToken = authorization.getAccessToken();
		boolean sameAccessToken = before != null
				&& java.security.MessageDigest.isEqual(before.accessTokenHash(), accessTokenHash);
		if (accessToken != null && accessTokenHash != null && !sameAccessToken) {
			Instant issuedAt = accessToken.getToken().getIssuedAt();
			publisher.publishEvent(new AccessTokenIssued(authorization.getId(), clientId,
					authorization.getPrincipalName(), authorization.getAuthorizationGrantType().getValue(),
					accessToken.getToken().getScopes(), (issuedAt != null) ? issuedAt : now));
		}
		String revoked = revokedNow(authorization, before, sameAccessToken);
		if (revoked != null) {
			publisher.publishEvent(
					new TokensRevoked(authorization.getId(), clientId, authorization.getPrincipalName(), revoked, now));
		}
	}

	/**
	 * Which token this save invalidates (the revocation endpoint), if any.
	 */
	private static @Nullable String revokedNow(OAuth2Authorization authorization, @Nullable TokenState before,
			boolean sameAccessToken) {
		if (before == null) {
			return null;
		}
		OAuth2Authorization.@Nullable Token<OAuth2RefreshToken> refreshToken = authorization.getRefreshToken();
		if (refreshToken != null && refreshToken.isInvalidated() && !before.refreshInvalidated()) {
			return "refresh_token";
		}
		OAuth2Authorization.@Nullable Token<OAuth2AccessToken> accessToken = authorization.getAccessToken();
		if (accessToken != null && accessToken.isInvalidated() && sameAccessToken && !before.accessInvalidated()) {
			return "access_token";
		}
		return null;
	}

	private @Nullable TokenState tokenState(String id) {
		return this.jdbc
			.sql("SELECT access_token_hash, "
					+ "coalesce(access_token_metadata ->> 'metadata.token.invalidated', 'false') = 'true', "
					+ "coalesce(refresh_token_metadata ->> 'metadata.token.invalidated', 'false') = 'true' "
					+ "FROM stored_authorization WHERE id = :id")
			.param("id", id)
			.query((rs, rowNum) -> new TokenState(rs.getBytes(1), rs.getBoolean(2), rs.getBoolean(3)))
			.optional()
			.orElse(null);
	}

	private String clientId(OAuth2Authorization authorization) {
		RegisteredClient client = this.clients.findById(authorization.getRegisteredClientId());
		return (client != null) ? client.getClientId() : authorization.getRegisteredClientId();
	}

	private record TokenState(byte @Nullable [] accessTokenHash, boolean accessInvalidated,
			boolean refreshInvalidated) {
	}

	/**
	 * Records a family's refresh token. A new one spends its predecessors, and only the
	 * immediate predecessor keeps its retry response.
	 */
	private void recordRefreshToken(String authorizationId, byte[] hash, @Nullable Instant issuedAt, Instant now) {
		int added = this.jdbc
			.sql("INSERT INTO refresh_token (token_hash, authorization_id, issued_at) VALUES (:hash, :id, :issued_at) "
					+ "ON CONFLICT (token_hash) DO NOTHING")
			.param("hash", hash)
			.param("id", authorizationId)
			.param("issued_at", AuthorizationRows.timestamp((issuedAt != null) ? issuedAt : now))
			.update();
		if (added == 0) {
			return;
		}
		this.jdbc
			.sql("UPDATE refresh_token SET retry_response = NULL, retry_until = NULL "
					+ "WHERE authorization_id = :id AND retry_until IS NOT NULL")
			.param("id", authorizationId)
			.update();
		this.jdbc
			.sql("UPDATE refresh_token SET spent_at = :now, successor_hash = :hash "
					+ "WHERE authorization_id = :id AND spent_at IS NULL AND token_hash <> :hash")
			.param("now", AuthorizationRows.timestamp(now))
			.param("hash", hash)
			.param("id", authorizationId)
			.update();
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		Assert.notNull(authorization, "authorization cannot be null");
		this.transactions.executeWithoutResult((status) -> {
			if (revoke(authorization.getId()) && this.events != null) {
				this.events.publishEvent(new TokensRevoked(authorization.getId(), clientId(authorization),
						authorization.getPrincipalName(), "grant", this.clock.instant()));
			}
		});
	}

	@Override
	public @Nullable OAuth2Authorization findById(String id) {
		Assert.hasText(id, "id cannot be empty");
		return this.jdbc.sql(SELECT + "id = :id")
			.param("id", id)
			.query((rs, rowNum) -> this.rows.read(rs, null))
			.optional()
			.orElse(null);
	}

	@Override
	public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		Assert.hasText(token, "token cannot be empty");
		AuthorizationRows.Presented presented = AuthorizationRows.Presented.of(token);
		if (tokenType != null) {
			String column = HASH_COLUMNS.get(tokenType.getValue());
			return (column != null) ? find(SELECT + column + " = :hash", presented) : null;
		}
		if (isCompactJws(token)) {
			// Without a hint (introspection, revocation), a signed JWT is almost
			// always an access token: one index probe instead of seven.
			OAuth2Authorization byAccessToken = find(FIND_BY_ACCESS_TOKEN, presented);
			if (byAccessToken != null) {
				return byAccessToken;
			}
		}
		return find(FIND_BY_ANY_TOKEN, presented);
	}

	private @Nullable OAuth2Authorization find(String sql, AuthorizationRows.Presented presented) {
		return this.jdbc.sql(sql)
			.param("hash", presented.hash())
			.query((rs, rowNum) -> this.rows.read(rs, presented))
			.optional()
			.orElse(null);
	}

	/** Three base64url parts separated by dots, as a signed JWT is. */
	static boolean isCompactJws(String token) {
		int first = token.indexOf('.');
		int second = (first > 0) ? token.indexOf('.', first + 1) : -1;
		return second > first + 1 && second < token.length() - 1 && token.indexOf('.', second + 1) < 0;
	}

	/**
	 * Revokes every authorization of a user or client: all its codes, access, refresh and
	 * ID tokens stop working at once (after a password change or reset, for example).
	 * @param principalName the principal's name: an account id as text, or a client id
	 * @return how many authorizations were revoked
	 */
	public int revokeAllForPrincipal(String principalName) {
		Assert.hasText(principalName, "principalName cannot be empty");
		return this.jdbc.sql("DELETE FROM stored_authorization WHERE principal_name = :principal")
			.param("principal", principalName)
			.update();
	}

	/**
	 * Revokes one authorization and, with it, its whole refresh token family.
	 * @param id the authorization id
	 * @return whether it existed
	 */
	boolean revoke(String id) {
		return this.jdbc.sql("DELETE FROM stored_authorization WHERE id = :id").param("id", id).update() > 0;
	}

	/**
	 * When the authorization began, that is, when its refresh token family started.
	 */
	Optional<Instant> startedAt(String id) {
		return this.jdbc.sql("SELECT created_at FROM stored_authorization WHERE id = :id")
			.param("id", id)
			.query((rs, rowNum) -> AuthorizationRows.instant(rs, "created_at"))
			.optional();
	}

	private static String placeholders() {
		return List.of(COLUMNS.split(", ")).stream().map((column) -> {
			if (column.equals("attributes") || column.endsWith("_metadata")) {
				return "CAST(:" + column + " AS jsonb)";
			}
			return ":" + column;
		}).collect(Collectors.joining(", "));
	}

}
