package dev.latchkey.auth.authorization;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled purge deletes, in batches, the authorizations nothing in which can be
 * used any more, and keeps the others.
 */
class AuthorizationPurgeTests {

	private static TestStoreDatabase database;

	@BeforeAll
	static void migrate() {
		database = TestStoreDatabase.migrated();
	}

	@Test
	void purgeWhenRowsExpiredThenDeletedInBatchesAndUsableRowsKept() {
		Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		JdbcAuthorizationStore store = database.store(Clock.fixed(start, ZoneOffset.UTC));
		String prefix = "purge-" + UUID.randomUUID() + "-";
		for (int i = 0; i < 5; i++) {
			store.save(withAccessToken(prefix + "expired-" + i, start.minus(Duration.ofMinutes(1))));
		}
		store.save(withAccessToken(prefix + "access-token-alive", start.plus(Duration.ofMinutes(10))));
		store.save(withRefreshToken(prefix + "refresh-token-alive", start.minus(Duration.ofMinutes(1)),
				start.plus(Duration.ofDays(1))));
		store.save(pendingConsent(prefix + "pending"));

		AuthorizationPurge purge = new AuthorizationPurge(database.jdbc, new RefreshTokenFamilies(database.jdbc),
				Clock.fixed(start, ZoneOffset.UTC),
				new TokenProperties(Duration.ofDays(30), Duration.ofSeconds(10), Duration.ofMinutes(5), 2));
		int purged = purge.purge();

		assertThat(purged).isGreaterThanOrEqualTo(5);
		assertThat(ids(prefix)).containsExactlyInAnyOrder(prefix + "access-token-alive", prefix + "refresh-token-alive",
				prefix + "pending");

		AuthorizationPurge anHourLater = new AuthorizationPurge(database.jdbc, new RefreshTokenFamilies(database.jdbc),
				Clock.fixed(start.plus(Duration.ofMinutes(61)), ZoneOffset.UTC),
				new TokenProperties(Duration.ofDays(30), Duration.ofSeconds(10), Duration.ofMinutes(5), 2));
		anHourLater.purge();
		assertThat(ids(prefix)).as("the request never got consent, the access token expired")
			.containsExactly(prefix + "refresh-token-alive");
	}

	private static java.util.List<String> ids(String prefix) {
		return database.jdbc.queryForList("SELECT id FROM stored_authorization WHERE id LIKE ?", String.class,
				prefix + "%");
	}

	private static OAuth2Authorization withAccessToken(String id, Instant expiresAt) {
		return authorization(id)
			.accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, id + "-token",
					expiresAt.minus(Duration.ofMinutes(10)), expiresAt, Set.of("openid")))
			.build();
	}

	private static OAuth2Authorization withRefreshToken(String id, Instant accessExpiresAt, Instant refreshExpiresAt) {
		return OAuth2Authorization.from(withAccessToken(id, accessExpiresAt))
			.refreshToken(new OAuth2RefreshToken(id + "-refresh", accessExpiresAt.minus(Duration.ofMinutes(10)),
					refreshExpiresAt))
			.build();
	}

	private static OAuth2Authorization pendingConsent(String id) {
		return authorization(id).attribute(OAuth2ParameterNames.STATE, id + "-state").build();
	}

	private static OAuth2Authorization.Builder authorization(String id) {
		return OAuth2Authorization.withRegisteredClient(database.client)
			.id(id)
			.principalName("principal")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE);
	}

}
