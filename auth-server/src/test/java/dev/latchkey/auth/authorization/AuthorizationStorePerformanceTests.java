package dev.latchkey.auth.authorization;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's lookups go through indexes, whatever the table's size: {@code EXPLAIN} of
 * every lookup statement on a table of 100,000 authorizations shows no sequential scan,
 * and the time of a lookup barely grows from 10,000 to 100,000 rows (and to 1,000,000
 * with {@code -Dlatchkey.benchmark.rows=1000000}). Timings are printed as
 * {@code [benchmark]} lines; the rows are realistic (the JSON of a signed-in user's
 * authorization with access, refresh and ID token, about 3 kB).
 */
class AuthorizationStorePerformanceTests {

	private static final int SAMPLES = 1000;

	private static final int WARM_UP = 300;

	private static TestStoreDatabase database;

	private static JdbcAuthorizationStore store;

	private static String template;

	@BeforeAll
	static void setUp() {
		database = TestStoreDatabase.migrated();
		store = database.store();
		template = "bench-template-" + UUID.randomUUID();
		store.save(realistic(template, "template"));
	}

	@AfterAll
	static void cleanUp() {
		database.jdbc.update("DELETE FROM stored_authorization WHERE registered_client_id = ?",
				database.client.getId());
	}

	@Test
	void lookupsWhenTableGrowsThenUseIndexesAndStayFast() {
		int largest = Integer.getInteger("latchkey.benchmark.rows", 100_000);
		List<Level> levels = new ArrayList<>();
		int filled = 0;
		for (int rows : new int[] { 10_000, 100_000, 1_000_000 }) {
			if (rows > largest) {
				break;
			}
			long started = System.nanoTime();
			fill(filled + 1, rows);
			filled = rows;
			System.out.printf(Locale.ROOT, "[benchmark] filled stored_authorization to %,d rows in %.1f s%n", rows,
					(System.nanoTime() - started) / 1e9);
			levels.add(measure(rows));
		}

		assertIndexesUsed();

		Level first = levels.get(0);
		Level last = levels.get(levels.size() - 1);
		for (Level level : levels) {
			System.out.printf(Locale.ROOT,
					"[benchmark] rows=%,9d  SQL index probe %s | findByToken(access_token) %s | "
							+ "findByToken(any type, as introspection) %s | save (issuance) %s%n",
					level.rows(), level.indexProbe(), level.byAccessToken(), level.byAnyToken(), level.save());
		}
		System.out.printf(Locale.ROOT,
				"[benchmark] median ratio %,d vs %,d rows: SQL probe %.2f, token lookup %.2f, introspection lookup %.2f, "
						+ "issuance %.2f%n",
				last.rows(), first.rows(), last.indexProbe().ratio(first.indexProbe()),
				last.byAccessToken().ratio(first.byAccessToken()), last.byAnyToken().ratio(first.byAnyToken()),
				last.save().ratio(first.save()));
		// The plans above are the real check. As a second one, lookups must not grow with
		// the table: a sequential scan over ten times the rows takes about ten times as
		// long, an index probe about the same. Relative, because absolute times depend on
		// how busy the machine is (speed targets live in bench/, not in unit tests).
		assertThat(last.byAccessToken().ratio(first.byAccessToken())).isLessThan(4.0);
		assertThat(last.byAnyToken().ratio(first.byAnyToken())).isLessThan(4.0);
	}

	private void assertIndexesUsed() {
		database.jdbc.execute("ANALYZE stored_authorization");
		database.jdbc.execute("ANALYZE refresh_token");
		byte[] hash = TokenHash.of("bench-access-42");
		Map<String, Object[]> lookups = new java.util.LinkedHashMap<>();
		JdbcAuthorizationStore.HASH_COLUMNS.forEach((type, column) -> lookups.put("findByToken(" + type + ")",
				new Object[] { select(column + " = ?"), hash }));
		lookups.put("findByToken(any type)",
				new Object[] { JdbcAuthorizationStore.FIND_BY_ANY_TOKEN.replace(":hash", "?"), hash, hash, hash, hash,
						hash, hash, hash });
		lookups.put("findById", new Object[] { select("id = ?"), "bench-42" });
		lookups.put("refresh token family", new Object[] {
				"SELECT authorization_id FROM refresh_token WHERE token_hash = ?", TokenHash.of("bench-refresh-42") });
		lookups.put("revokeAllForPrincipal",
				new Object[] { "SELECT id FROM stored_authorization WHERE principal_name = ?", "bench-user-7" });
		lookups.put("purge", new Object[] {
				"SELECT id FROM stored_authorization WHERE expires_at < now() ORDER BY expires_at LIMIT 1000" });
		lookups.forEach((name, statement) -> {
			String plan = String.join("\n", database.jdbc.queryForList("EXPLAIN " + statement[0], String.class,
					Arrays.copyOfRange(statement, 1, statement.length)));
			System.out.println("[explain] " + name + "\n" + plan.indent(4));
			assertThat(plan).as(name).doesNotContain("Seq Scan").containsIgnoringCase("Index");
		});
	}

	private static String select(String where) {
		return "SELECT * FROM stored_authorization WHERE " + where;
	}

	private Level measure(int rows) {
		database.jdbc.execute("ANALYZE stored_authorization");
		Timing indexProbe = time((i) -> assertThat(
				database.jdbc.queryForObject("SELECT id FROM stored_authorization WHERE access_token_hash = ?",
						String.class, (Object) TokenHash.of("bench-access-" + random(rows))))
			.isNotNull());
		Timing byAccessToken = time(
				(i) -> assertThat(store.findByToken("bench-access-" + random(rows), OAuth2TokenType.ACCESS_TOKEN))
					.isNotNull());
		Timing byAnyToken = time(
				(i) -> assertThat(store.findByToken("bench-access-" + random(rows), null)).isNotNull());
		Timing save = time((i) -> store.save(realistic("bench-new-" + rows + "-" + i, "new-" + rows + "-" + i)));
		return new Level(rows, indexProbe, byAccessToken, byAnyToken, save);
	}

	private static int random(int rows) {
		return ThreadLocalRandom.current().nextInt(1, rows + 1);
	}

	private static Timing time(IntConsumer operation) {
		for (int i = 0; i < WARM_UP; i++) {
			operation.accept(-i - 1);
		}
		long[] nanos = new long[SAMPLES];
		for (int i = 0; i < SAMPLES; i++) {
			long started = System.nanoTime();
			operation.accept(i);
			nanos[i] = System.nanoTime() - started;
		}
		Arrays.sort(nanos);
		return new Timing(nanos[SAMPLES / 2] / 1e6, nanos[SAMPLES * 99 / 100] / 1e6);
	}

	/**
	 * Adds rows {@code from..to}, copies of the template with their own hashes, in SQL.
	 */
	private static void fill(int from, int to) {
		database.jdbc.update("""
				INSERT INTO stored_authorization (id, registered_client_id, principal_name, grant_type,
				    authorized_scopes, attributes,
				    access_token_hash, access_token_issued_at, access_token_expires_at, access_token_metadata,
				    access_token_type, access_token_scopes,
				    id_token_hash, id_token_issued_at, id_token_expires_at, id_token_metadata,
				    refresh_token_hash, refresh_token_issued_at, refresh_token_expires_at, refresh_token_metadata,
				    created_at, expires_at)
				SELECT 'bench-' || i, t.registered_client_id, 'bench-user-' || (i % 1000), t.grant_type,
				    t.authorized_scopes, t.attributes,
				    sha256(convert_to('bench-access-' || i, 'UTF8')), t.access_token_issued_at,
				    t.access_token_expires_at, t.access_token_metadata, t.access_token_type, t.access_token_scopes,
				    sha256(convert_to('bench-id-' || i, 'UTF8')), t.id_token_issued_at, t.id_token_expires_at,
				    t.id_token_metadata,
				    sha256(convert_to('bench-refresh-' || i, 'UTF8')), t.refresh_token_issued_at,
				    t.refresh_token_expires_at, t.refresh_token_metadata,
				    t.created_at, t.expires_at
				FROM stored_authorization t CROSS JOIN generate_series(?, ?) AS i
				WHERE t.id = ?""", from, to, template);
		database.jdbc.update("""
				INSERT INTO refresh_token (token_hash, authorization_id, issued_at)
				SELECT sha256(convert_to('bench-refresh-' || i, 'UTF8')), 'bench-' || i, now()
				FROM generate_series(?, ?) AS i""", from, to);
	}

	/**
	 * An authorization as a signed-in user's code flow leaves it.
	 */
	private static OAuth2Authorization realistic(String id, String tokenSuffix) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Instant later = now.plus(10, ChronoUnit.MINUTES);
		User user = new User("6f1c2a9e-7b1d-4f7e-9a53-0c5d1c7b2e11", "",
				List.of(new SimpleGrantedAuthority("ROLE_USER")));
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri("http://localhost:9000/oauth2/authorize")
			.clientId(database.client.getClientId())
			.redirectUri("https://client.example/callback")
			.scopes(Set.of("openid", "profile", "email", "documents.read"))
			.state("state-" + tokenSuffix)
			.additionalParameters(Map.of("nonce", "n-" + tokenSuffix, "code_challenge",
					"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGjSOjpkoo", "code_challenge_method", "S256"))
			.build();
		Map<String, Object> claims = new java.util.HashMap<>();
		claims.put("sub", user.getUsername());
		claims.put("aud", new ArrayList<>(List.of("http://localhost:8081")));
		claims.put("iss", "http://localhost:9000");
		claims.put("scope", "documents.read email openid profile");
		claims.put("client_id", database.client.getClientId());
		claims.put("roles", new ArrayList<>(List.of("USER")));
		claims.put("iat", now);
		claims.put("exp", later);
		claims.put("jti", UUID.randomUUID().toString());
		OidcIdToken idToken = OidcIdToken.withTokenValue("bench-id-" + tokenSuffix)
			.issuer("http://localhost:9000")
			.subject(user.getUsername())
			.audience(new ArrayList<>(List.of(database.client.getClientId())))
			.issuedAt(now)
			.expiresAt(later)
			.claim("email", "user@example.com")
			.claim("name", "Uma User")
			.claim("sid", "session-" + tokenSuffix)
			.build();
		return OAuth2Authorization.withRegisteredClient(database.client)
			.id(id)
			.principalName(user.getUsername())
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("openid", "profile", "email", "documents.read"))
			.attribute(java.security.Principal.class.getName(),
					UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()))
			.attribute(OAuth2AuthorizationRequest.class.getName(), request)
			.token(new OAuth2AuthorizationCode("bench-code-" + tokenSuffix, now, now.plus(5, ChronoUnit.MINUTES)),
					(metadata) -> metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, true))
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "bench-access-" + tokenSuffix, now, later,
					Set.of("openid", "profile", "email", "documents.read")),
					(metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims))
			.refreshToken(new OAuth2RefreshToken("bench-refresh-" + tokenSuffix, now, now.plus(30, ChronoUnit.DAYS)))
			.token(idToken,
					(metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, idToken.getClaims()))
			.build();
	}

	private record Timing(double medianMillis, double p99Millis) {

		double ratio(Timing baseline) {
			return this.medianMillis / baseline.medianMillis;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "median %.3f ms, p99 %.3f ms", this.medianMillis, this.p99Millis);
		}

	}

	private record Level(int rows, Timing indexProbe, Timing byAccessToken, Timing byAnyToken, Timing save) {
	}

}
