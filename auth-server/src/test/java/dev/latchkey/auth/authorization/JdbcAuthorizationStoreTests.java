package dev.latchkey.auth.authorization;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour contract of an {@code OAuth2AuthorizationService}, ported from the
 * framework's own {@code JdbcOAuth2AuthorizationServiceTests} and
 * {@code InMemoryOAuth2AuthorizationServiceTests} (Spring Security 7.0.6), on PostgreSQL.
 * <p>
 * One deliberate difference: the store keeps codes, tokens and states only as hashes, so
 * an authorization read back carries the value that was presented to find it, and hash
 * references for the others. Where the framework's tests expect {@code equals} to the
 * saved authorization, these expect equality with the saved authorization as the store
 * can know it ({@link #asStored}); everything else (ids, scopes, attributes, every
 * token's times and metadata) must be exactly the same.
 */
class JdbcAuthorizationStoreTests {

	private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

	private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

	private static final OAuth2TokenType USER_CODE = new OAuth2TokenType(OAuth2ParameterNames.USER_CODE);

	private static final OAuth2TokenType DEVICE_CODE = new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE);

	private static TestStoreDatabase database;

	private JdbcAuthorizationStore store;

	private String id;

	private Instant now;

	@BeforeAll
	static void migrate() {
		database = TestStoreDatabase.migrated();
	}

	@BeforeEach
	void setUp() {
		this.store = database.store();
		this.id = "authorization-" + UUID.randomUUID();
		this.now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

	@Test
	void constructorWhenJdbcOperationsIsNullThenThrowIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JdbcAuthorizationStore(null, database.clients, database.transactions,
					java.time.Clock.systemUTC(), TestStoreDatabase.FAMILY_LIFETIME))
			.withMessage("jdbcOperations cannot be null");
	}

	@Test
	void constructorWhenRegisteredClientRepositoryIsNullThenThrowIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JdbcAuthorizationStore(database.jdbc, null, database.transactions,
					java.time.Clock.systemUTC(), TestStoreDatabase.FAMILY_LIFETIME))
			.withMessage("registeredClientRepository cannot be null");
	}

	@Test
	void saveWhenAuthorizationNullThenThrowIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.save(null))
			.withMessage("authorization cannot be null");
	}

	@Test
	void saveWhenAuthorizationNewThenSaved() {
		OAuth2Authorization authorization = authorization().token(code()).build();
		this.store.save(authorization);

		assertThat(this.store.findById(this.id)).isEqualTo(asStored(authorization));
	}

	@Test
	void saveWhenAuthorizationExistsThenUpdated() {
		OAuth2Authorization original = authorization().token(code()).build();
		this.store.save(original);
		OAuth2Authorization found = this.store.findById(original.getId());
		assertThat(found).isEqualTo(asStored(original));

		OAuth2Authorization updated = OAuth2Authorization.from(found)
			.attribute("custom-name-1", "custom-value-1")
			.build();
		this.store.save(updated);

		OAuth2Authorization reloaded = this.store.findById(updated.getId());
		assertThat(reloaded).isEqualTo(updated);
		assertThat(reloaded).isNotEqualTo(asStored(original));
	}

	@Test
	void removeWhenAuthorizationNullThenThrowIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.remove(null))
			.withMessage("authorization cannot be null");
	}

	@Test
	void removeWhenAuthorizationProvidedThenRemoved() {
		OAuth2AuthorizationCode code = code();
		OAuth2Authorization authorization = authorization().token(code).build();
		this.store.save(authorization);
		OAuth2Authorization found = this.store.findByToken(code.getTokenValue(), CODE);
		assertThat(found).isEqualTo(asStored(authorization, code.getTokenValue()));

		this.store.remove(found);

		assertThat(this.store.findByToken(code.getTokenValue(), CODE)).isNull();
		assertThat(this.store.findById(this.id)).isNull();
	}

	@Test
	void findByIdWhenIdNullThenThrowIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.findById(null))
			.withMessage("id cannot be empty");
	}

	@Test
	void findByIdWhenIdEmptyThenThrowIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.findById(" "))
			.withMessage("id cannot be empty");
	}

	@Test
	void findByIdWhenRegisteredClientUnknownThenDataRetrievalFailure() {
		this.store.save(authorization().token(code()).build());
		JdbcAuthorizationStore withoutClient = new JdbcAuthorizationStore(database.jdbc,
				new InMemoryRegisteredClientRepository(otherClient()), database.transactions,
				java.time.Clock.systemUTC(), TestStoreDatabase.FAMILY_LIFETIME);

		assertThatThrownBy(() -> withoutClient.findById(this.id)).isInstanceOf(DataRetrievalFailureException.class)
			.hasMessageContaining(database.client.getId());
	}

	@Test
	void findByTokenWhenTokenNullThenThrowIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.findByToken(null, CODE))
			.withMessage("token cannot be empty");
	}

	@Test
	void findByTokenWhenStateExistsThenFound() {
		String state = "state-" + UUID.randomUUID();
		OAuth2Authorization authorization = authorization().attribute(OAuth2ParameterNames.STATE, state).build();
		this.store.save(authorization);

		assertThat(this.store.findByToken(state, STATE)).isEqualTo(authorization);
		assertThat(this.store.findByToken(state, null)).isEqualTo(authorization);
	}

	@Test
	void findByTokenWhenAuthorizationCodeExistsThenFound() {
		OAuth2AuthorizationCode code = code();
		OAuth2Authorization authorization = authorization().token(code).build();
		this.store.save(authorization);

		assertFoundBy(code.getTokenValue(), CODE, authorization);
	}

	@Test
	void findByTokenWhenAccessTokenExistsThenFound() {
		OAuth2AccessToken accessToken = accessToken();
		OAuth2Authorization authorization = authorization().token(code()).accessToken(accessToken).build();
		this.store.save(authorization);

		assertFoundBy(accessToken.getTokenValue(), OAuth2TokenType.ACCESS_TOKEN, authorization);
	}

	@Test
	void findByTokenWhenIdTokenExistsThenFound() {
		OidcIdToken idToken = OidcIdToken.withTokenValue("id-token-" + UUID.randomUUID())
			.issuer("https://provider.com")
			.subject("subject")
			.issuedAt(this.now.minusSeconds(60))
			.expiresAt(this.now)
			.build();
		OAuth2Authorization authorization = authorization()
			.token(idToken,
					(metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, idToken.getClaims()))
			.build();
		this.store.save(authorization);

		assertFoundBy(idToken.getTokenValue(), ID_TOKEN, authorization);
	}

	@Test
	void findByTokenWithoutTypeWhenValuesAreJwtShapedThenAccessAndIdTokensAreFound() {
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
				"eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0." + UUID.randomUUID(), this.now.minusSeconds(60), this.now,
				Set.of("openid"));
		OidcIdToken idToken = OidcIdToken.withTokenValue("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJiIn0." + UUID.randomUUID())
			.subject("subject")
			.issuedAt(this.now.minusSeconds(60))
			.expiresAt(this.now)
			.build();
		OAuth2Authorization authorization = authorization().accessToken(accessToken)
			.token(idToken,
					(metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, idToken.getClaims()))
			.build();
		this.store.save(authorization);

		assertThat(this.store.findByToken(accessToken.getTokenValue(), null).getAccessToken().getToken())
			.isEqualTo(accessToken);
		assertThat(this.store.findByToken(idToken.getTokenValue(), null)
			.getToken(OidcIdToken.class)
			.getToken()
			.getTokenValue()).isEqualTo(idToken.getTokenValue());
		assertThat(this.store.findByToken("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJjIn0.unknown", null)).isNull();
	}

	@Test
	void compactJwsShapeIsThreeNonEmptyPartsSeparatedByTwoDots() {
		assertThat(JdbcAuthorizationStore.isCompactJws("a.b.c")).isTrue();
		assertThat(List.of("abc", "a.b", "a..c", ".b.c", "a.b.", "a.b.c.d", "a.b.c."))
			.noneMatch(JdbcAuthorizationStore::isCompactJws);
	}

	@Test
	void findByTokenWhenRefreshTokenExistsThenFound() {
		OAuth2RefreshToken refreshToken = refreshToken();
		OAuth2Authorization authorization = authorization().refreshToken(refreshToken).build();
		this.store.save(authorization);

		assertFoundBy(refreshToken.getTokenValue(), OAuth2TokenType.REFRESH_TOKEN, authorization);
	}

	@Test
	void findByTokenWhenDeviceCodeExistsThenFound() {
		OAuth2DeviceCode deviceCode = new OAuth2DeviceCode("device-code-" + UUID.randomUUID(), this.now,
				this.now.plus(5, ChronoUnit.MINUTES));
		OAuth2Authorization authorization = authorization().token(deviceCode).build();
		this.store.save(authorization);

		assertFoundBy(deviceCode.getTokenValue(), DEVICE_CODE, authorization);
	}

	@Test
	void findByTokenWhenUserCodeExistsThenFound() {
		OAuth2UserCode userCode = new OAuth2UserCode("USER-" + UUID.randomUUID(), this.now,
				this.now.plus(5, ChronoUnit.MINUTES));
		OAuth2Authorization authorization = authorization().token(userCode).build();
		this.store.save(authorization);

		assertFoundBy(userCode.getTokenValue(), USER_CODE, authorization);
	}

	@Test
	void findByTokenWhenWrongTokenTypeThenNotFound() {
		OAuth2RefreshToken refreshToken = refreshToken();
		this.store.save(authorization().refreshToken(refreshToken).build());

		assertThat(this.store.findByToken(refreshToken.getTokenValue(), OAuth2TokenType.ACCESS_TOKEN)).isNull();
	}

	@Test
	void findByTokenWhenTokenDoesNotExistThenNull() {
		assertThat(this.store.findByToken("access-token-" + UUID.randomUUID(), OAuth2TokenType.ACCESS_TOKEN)).isNull();
		assertThat(this.store.findByToken("access-token-" + UUID.randomUUID(), null)).isNull();
	}

	@Test
	void findByTokenWhenTokenTypeUnknownThenNull() {
		OAuth2AccessToken accessToken = accessToken();
		this.store.save(authorization().accessToken(accessToken).build());

		assertThat(this.store.findByToken(accessToken.getTokenValue(), new OAuth2TokenType("unknown"))).isNull();
	}

	// Latchkey's additions to the contract.

	@Test
	void saveWhenTokensThenDatabaseHoldsOnlyTheirHashes() {
		OAuth2AuthorizationCode code = code();
		OAuth2AccessToken accessToken = accessToken();
		OAuth2RefreshToken refreshToken = refreshToken();
		String state = "state-" + UUID.randomUUID();
		this.store.save(authorization().attribute(OAuth2ParameterNames.STATE, state)
			.token(code)
			.accessToken(accessToken)
			.refreshToken(refreshToken)
			.build());

		String row = database.jdbc.queryForObject(
				"SELECT s::text || (SELECT string_agg(r::text, '') FROM refresh_token r WHERE r.authorization_id = s.id) "
						+ "FROM stored_authorization s WHERE id = ?",
				String.class, this.id);
		assertThat(row).doesNotContain(code.getTokenValue(), accessToken.getTokenValue(), refreshToken.getTokenValue(),
				state);
		byte[] storedHash = database.jdbc
			.queryForObject("SELECT access_token_hash FROM stored_authorization WHERE id = ?", byte[].class, this.id);
		assertThat(storedHash).isEqualTo(TokenHash.of(accessToken.getTokenValue()));
	}

	@Test
	void saveWhenAuthorizationWasReadBackThenHashesOfUnpresentedValuesAreKept() {
		OAuth2AccessToken accessToken = accessToken();
		OAuth2RefreshToken refreshToken = refreshToken();
		this.store.save(authorization().accessToken(accessToken).refreshToken(refreshToken).build());

		OAuth2Authorization byAccessToken = this.store.findByToken(accessToken.getTokenValue(), null);
		assertThat(byAccessToken.getRefreshToken().getToken().getTokenValue())
			.isEqualTo(TokenHash.reference(TokenHash.of(refreshToken.getTokenValue())));
		this.store.save(
				OAuth2Authorization.from(byAccessToken).invalidate(byAccessToken.getAccessToken().getToken()).build());

		OAuth2Authorization byRefreshToken = this.store.findByToken(refreshToken.getTokenValue(),
				OAuth2TokenType.REFRESH_TOKEN);
		assertThat(byRefreshToken).isNotNull();
		assertThat(byRefreshToken.getRefreshToken().isActive()).isTrue();
		assertThat(byRefreshToken.getAccessToken().isInvalidated()).isTrue();
	}

	@Test
	void saveWhenRefreshTokenReplacedThenPredecessorIsSpentWithItsSuccessor() {
		OAuth2RefreshToken first = refreshToken();
		OAuth2RefreshToken second = refreshToken();
		this.store.save(authorization().refreshToken(first).build());
		OAuth2Authorization found = this.store.findByToken(first.getTokenValue(), OAuth2TokenType.REFRESH_TOKEN);
		this.store.save(OAuth2Authorization.from(found).refreshToken(second).build());

		List<Map<String, Object>> family = database.jdbc
			.queryForList("SELECT token_hash, spent_at, successor_hash FROM refresh_token WHERE authorization_id = ? "
					+ "ORDER BY spent_at NULLS LAST", this.id);
		assertThat(family).hasSize(2);
		assertThat((byte[]) family.get(0).get("token_hash")).isEqualTo(TokenHash.of(first.getTokenValue()));
		assertThat(family.get(0).get("spent_at")).isNotNull();
		assertThat((byte[]) family.get(0).get("successor_hash")).isEqualTo(TokenHash.of(second.getTokenValue()));
		assertThat((byte[]) family.get(1).get("token_hash")).isEqualTo(TokenHash.of(second.getTokenValue()));
		assertThat(family.get(1).get("spent_at")).isNull();
		assertThat(this.store.findByToken(first.getTokenValue(), OAuth2TokenType.REFRESH_TOKEN)).isNull();
	}

	@Test
	void revokeAllForPrincipalWhenSeveralAuthorizationsThenAllOfThemAndNoOtherAreGone() {
		String principal = "principal-" + UUID.randomUUID();
		OAuth2AccessToken first = accessToken();
		OAuth2AccessToken second = accessToken();
		OAuth2AccessToken someoneElses = accessToken();
		this.store.save(authorization().principalName(principal).accessToken(first).build());
		this.store.save(authorization().id(this.id + "-2").principalName(principal).accessToken(second).build());
		this.store.save(authorization().id(this.id + "-3").accessToken(someoneElses).build());

		assertThat(this.store.revokeAllForPrincipal(principal)).isEqualTo(2);

		assertThat(this.store.findByToken(first.getTokenValue(), null)).isNull();
		assertThat(this.store.findByToken(second.getTokenValue(), null)).isNull();
		assertThat(this.store.findByToken(someoneElses.getTokenValue(), null)).isNotNull();
	}

	@Test
	void schemaWhenInspectedThenJsonbAndTimestamptz() {
		List<Map<String, Object>> columns = database.jdbc.queryForList(
				"SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'stored_authorization'");
		Map<String, Object> types = new HashMap<>();
		columns.forEach((column) -> types.put((String) column.get("column_name"), column.get("data_type")));
		assertThat(types).containsEntry("attributes", "jsonb")
			.containsEntry("access_token_metadata", "jsonb")
			.containsEntry("access_token_expires_at", "timestamp with time zone")
			.containsEntry("created_at", "timestamp with time zone")
			.containsEntry("access_token_hash", "bytea")
			.doesNotContainKeys("access_token_value", "refresh_token_value", "authorization_code_value");
		assertThat(database.jdbc.queryForObject("SELECT to_regclass('oauth2_authorization') IS NULL", Boolean.class))
			.as("the framework's table is gone")
			.isTrue();
	}

	private void assertFoundBy(String value, OAuth2TokenType type, OAuth2Authorization saved) {
		OAuth2Authorization byType = this.store.findByToken(value, type);
		assertThat(byType).isEqualTo(asStored(saved, value));
		assertThat(byType.getToken(value)).as("the presented token is in the result").isNotNull();
		assertThat(this.store.findByToken(value, null)).isEqualTo(asStored(saved, value));
	}

	/**
	 * The authorization as the store can return it: the presented values as they are,
	 * every other value a hash reference.
	 */
	private static OAuth2Authorization asStored(OAuth2Authorization saved, String... presented) {
		Set<String> known = Set.of(presented);
		OAuth2Authorization.Builder builder = OAuth2Authorization.from(saved);
		String state = saved.getAttribute(OAuth2ParameterNames.STATE);
		if (state != null && !known.contains(state)) {
			builder.attribute(OAuth2ParameterNames.STATE, reference(state));
		}
		for (AuthorizationRows.Kind kind : AuthorizationRows.KINDS) {
			OAuth2Authorization.Token<? extends OAuth2Token> token = saved.getToken(kind.type());
			if (token != null && !known.contains(token.getToken().getTokenValue())) {
				builder.token(withValue(token.getToken(), reference(token.getToken().getTokenValue())),
						(metadata) -> metadata.putAll(token.getMetadata()));
			}
		}
		return builder.build();
	}

	private static OAuth2Token withValue(OAuth2Token token, String value) {
		if (token instanceof OAuth2AccessToken access) {
			return new OAuth2AccessToken(access.getTokenType(), value, access.getIssuedAt(), access.getExpiresAt(),
					access.getScopes());
		}
		if (token instanceof OidcIdToken id) {
			return new OidcIdToken(value, id.getIssuedAt(), id.getExpiresAt(), id.getClaims());
		}
		if (token instanceof OAuth2RefreshToken) {
			return new OAuth2RefreshToken(value, token.getIssuedAt(), token.getExpiresAt());
		}
		if (token instanceof OAuth2UserCode) {
			return new OAuth2UserCode(value, token.getIssuedAt(), token.getExpiresAt());
		}
		if (token instanceof OAuth2DeviceCode) {
			return new OAuth2DeviceCode(value, token.getIssuedAt(), token.getExpiresAt());
		}
		return new OAuth2AuthorizationCode(value, token.getIssuedAt(), token.getExpiresAt());
	}

	private static String reference(String value) {
		return TokenHash.reference(TokenHash.of(value));
	}

	private OAuth2Authorization.Builder authorization() {
		return OAuth2Authorization.withRegisteredClient(database.client)
			.id(this.id)
			.principalName("principal")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE);
	}

	private OAuth2AuthorizationCode code() {
		return new OAuth2AuthorizationCode("code-" + UUID.randomUUID(), this.now, this.now.plus(5, ChronoUnit.MINUTES));
	}

	private OAuth2AccessToken accessToken() {
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-token-" + UUID.randomUUID(),
				this.now.minusSeconds(60), this.now, Set.of("openid"));
	}

	private OAuth2RefreshToken refreshToken() {
		return new OAuth2RefreshToken("refresh-token-" + UUID.randomUUID(), this.now,
				this.now.plus(5, ChronoUnit.MINUTES));
	}

	private static RegisteredClient otherClient() {
		return RegisteredClient.withId("other")
			.clientId("other")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.build();
	}

}
