package dev.latchkey.auth.authorization;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Turns an {@link OAuth2Authorization} into the column values of
 * {@code stored_authorization} and back: hashes instead of values, {@code jsonb} for
 * attributes and metadata (with the framework's own Jackson 3 allow-list), and
 * {@code timestamptz} for instants.
 */
final class AuthorizationRows {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	/** The token kinds, in the order of the framework's own store. */
	static final List<Kind> KINDS = List.of(new Kind("code", OAuth2AuthorizationCode.class),
			new Kind("access_token", OAuth2AccessToken.class), new Kind("id_token", OidcIdToken.class),
			new Kind("refresh_token", OAuth2RefreshToken.class), new Kind("user_code", OAuth2UserCode.class),
			new Kind("device_code", OAuth2DeviceCode.class));

	private final RegisteredClientRepository clients;

	private final JsonMapper json;

	AuthorizationRows(RegisteredClientRepository clients) {
		this.clients = clients;
		List<JacksonModule> modules = SecurityJacksonModules.getModules(AuthorizationRows.class.getClassLoader());
		this.json = JsonMapper.builder()
			.deserializerFactory(new ReusingDeserializerFactory())
			.addModules(modules)
			.build();
	}

	/**
	 * The named parameters of a row, as {@link JdbcAuthorizationStore}'s statements use
	 * them: {@code id}, {@code registered_client_id}, ..., and for each token kind
	 * {@code <kind>_hash}, {@code <kind>_issued_at}, {@code <kind>_expires_at},
	 * {@code <kind>_metadata}.
	 */
	Map<String, SqlParameterValue> parameters(OAuth2Authorization authorization) {
		Map<String, SqlParameterValue> row = new LinkedHashMap<>();
		row.put("id", text(authorization.getId()));
		row.put("registered_client_id", text(authorization.getRegisteredClientId()));
		row.put("principal_name", text(authorization.getPrincipalName()));
		row.put("grant_type", text(authorization.getAuthorizationGrantType().getValue()));
		row.put("authorized_scopes", texts(authorization.getAuthorizedScopes()));
		Map<String, Object> attributes = new LinkedHashMap<>(authorization.getAttributes());
		Object state = attributes.remove(OAuth2ParameterNames.STATE);
		row.put("attributes", text(write(attributes)));
		row.put("state_hash", hash((state instanceof String text) ? text : null));
		for (Kind kind : KINDS) {
			putToken(row, kind, authorization.getToken(kind.type()));
		}
		OAuth2Authorization.@Nullable Token<OAuth2AccessToken> accessToken = authorization.getAccessToken();
		row.put("access_token_type",
				text((accessToken != null) ? accessToken.getToken().getTokenType().getValue() : null));
		row.put("access_token_scopes", texts((accessToken != null) ? accessToken.getToken().getScopes() : null));
		OAuth2Authorization.@Nullable Token<OidcIdToken> idToken = authorization.getToken(OidcIdToken.class);
		row.put("id_token_sid", text((idToken != null) ? idToken.getToken().getClaimAsString("sid") : null));
		return row;
	}

	private void putToken(Map<String, SqlParameterValue> row, Kind kind,
			OAuth2Authorization.@Nullable Token<? extends OAuth2Token> token) {
		OAuth2Token value = (token != null) ? token.getToken() : null;
		row.put(kind.column("hash"), hash((value != null) ? value.getTokenValue() : null));
		row.put(kind.column("issued_at"), timestamp((value != null) ? value.getIssuedAt() : null));
		row.put(kind.column("expires_at"), timestamp((value != null) ? value.getExpiresAt() : null));
		row.put(kind.column("metadata"), text((token != null) ? write(token.getMetadata()) : null));
	}

	static SqlParameterValue text(@Nullable String value) {
		return new SqlParameterValue(Types.VARCHAR, value);
	}

	private static SqlParameterValue texts(@Nullable Set<String> values) {
		return new SqlParameterValue(Types.ARRAY, (values != null) ? values.toArray(String[]::new) : null);
	}

	private static SqlParameterValue hash(@Nullable String value) {
		return new SqlParameterValue(Types.BINARY, TokenHash.ofStored(value));
	}

	static SqlParameterValue timestamp(@Nullable Instant instant) {
		return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE,
				(instant != null) ? instant.atOffset(ZoneOffset.UTC) : null);
	}

	/**
	 * The latest instant at which anything in the authorization can still be used, or
	 * {@code null} if it holds no token that expires.
	 */
	static @Nullable Instant lastUse(OAuth2Authorization authorization) {
		Instant last = null;
		for (Kind kind : KINDS) {
			OAuth2Authorization.@Nullable Token<? extends OAuth2Token> token = authorization.getToken(kind.type());
			Instant expiresAt = (token != null) ? token.getToken().getExpiresAt() : null;
			if (expiresAt != null && (last == null || expiresAt.isAfter(last))) {
				last = expiresAt;
			}
		}
		return last;
	}

	/**
	 * Reads the current row.
	 * @param presented the value that found the row, put back in place of its hash
	 * reference; {@code null} when the row was found by its id
	 */
	OAuth2Authorization read(ResultSet rs, @Nullable Presented presented) throws SQLException {
		String registeredClientId = rs.getString("registered_client_id");
		RegisteredClient client = this.clients.findById(registeredClientId);
		if (client == null) {
			throw new DataRetrievalFailureException(
					"The RegisteredClient with id '" + registeredClientId + "' was not found");
		}
		Map<String, Object> attributes = read(rs.getString("attributes"));
		OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
			.id(rs.getString("id"))
			.principalName(rs.getString("principal_name"))
			.authorizationGrantType(new AuthorizationGrantType(rs.getString("grant_type")))
			.authorizedScopes(strings(rs.getArray("authorized_scopes")))
			.attributes((attrs) -> attrs.putAll(attributes));
		byte[] stateHash = rs.getBytes("state_hash");
		if (stateHash != null) {
			builder.attribute(OAuth2ParameterNames.STATE, value(stateHash, presented));
		}
		for (Kind kind : KINDS) {
			byte[] hash = rs.getBytes(kind.column("hash"));
			if (hash != null) {
				Map<String, Object> metadata = read(rs.getString(kind.column("metadata")));
				OAuth2Token token = token(kind, value(hash, presented), rs, metadata);
				builder.token(token, (m) -> m.putAll(metadata));
			}
		}
		return builder.build();
	}

	@SuppressWarnings("unchecked")
	private OAuth2Token token(Kind kind, String value, ResultSet rs, Map<String, Object> metadata) throws SQLException {
		Instant issuedAt = instant(rs, kind.column("issued_at"));
		Instant expiresAt = instant(rs, kind.column("expires_at"));
		return switch (kind.name()) {
			case "code" -> new OAuth2AuthorizationCode(value, issuedAt, expiresAt);
			case "access_token" -> new OAuth2AccessToken(accessTokenType(rs.getString("access_token_type")), value,
					issuedAt, expiresAt, strings(rs.getArray("access_token_scopes")));
			case "id_token" -> new OidcIdToken(value, issuedAt, expiresAt,
					(Map<String, Object>) metadata.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME));
			case "refresh_token" -> new OAuth2RefreshToken(value, issuedAt, expiresAt);
			case "user_code" -> new OAuth2UserCode(value, issuedAt, expiresAt);
			case "device_code" -> new OAuth2DeviceCode(value, issuedAt, expiresAt);
			default -> throw new IllegalStateException("Unknown token kind " + kind.name());
		};
	}

	private static OAuth2AccessToken.TokenType accessTokenType(@Nullable String type) {
		return OAuth2AccessToken.TokenType.DPOP.getValue().equalsIgnoreCase(type) ? OAuth2AccessToken.TokenType.DPOP
				: OAuth2AccessToken.TokenType.BEARER;
	}

	private static String value(byte[] hash, @Nullable Presented presented) {
		return (presented != null && MessageDigest.isEqual(hash, presented.hash())) ? presented.value()
				: TokenHash.reference(hash);
	}

	private static Set<String> strings(@Nullable Array array) throws SQLException {
		if (array == null) {
			return Set.of();
		}
		return new LinkedHashSet<>(Arrays.asList((String[]) array.getArray()));
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private String write(Map<String, Object> data) {
		return this.json.writeValueAsString(data);
	}

	private Map<String, Object> read(@Nullable String data) {
		return (data != null) ? this.json.readValue(data, MAP) : Map.of();
	}

	/**
	 * A token kind and the prefix of its columns.
	 */
	record Kind(String name, Class<? extends OAuth2Token> type) {

		String column(String suffix) {
			return this.name + "_" + suffix;
		}

	}

	/**
	 * The value a caller presented to find an authorization, and its hash.
	 */
	record Presented(byte[] hash, String value) {

		static Presented of(String value) {
			return new Presented(TokenHash.of(value), value);
		}

	}

}
