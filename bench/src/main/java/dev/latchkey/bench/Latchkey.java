package dev.latchkey.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Latchkey in production mode (the jar without a profile): an https issuer, a
 * key-encryption key from the environment, a PostgreSQL URL, no sample data. It sits
 * behind a (simulated) TLS-terminating proxy on the loopback address, which it trusts
 * through {@code latchkey.http.trusted-proxies}; {@code latchkey.http.require-https}
 * stays on, so a request without {@code X-Forwarded-Proto: https} would be redirected.
 * Clients and users are created with secrets made for the run: the clients with the
 * framework's own repository (as the server stores them, secrets as SHA-256), the users
 * with one Argon2id hash of the run's password.
 */
final class Latchkey extends Target {

	static final String PUBLIC_BASE = "https://latchkey.bench";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final Pattern SCOPE_BOX = Pattern.compile("name=\"scope\"[^>]*value=\"([^\"]+)\"");

	final int managementPort;

	private Latchkey(String localBase, int managementPort, Credentials service, Credentials web, String password,
			int users) {
		super("Latchkey", PUBLIC_BASE, localBase, service, web, password, users, "latchkey");
		this.managementPort = managementPort;
	}

	static Latchkey create(int users) {
		int port = ServerProcess.freePort();
		int management = ServerProcess.freePort();
		return new Latchkey("http://127.0.0.1:" + port, management, new Credentials("bench-service", randomToken(32)),
				new Credentials("bench-web", randomToken(32)), "Bench-" + randomToken(12) + "-1!", users);
	}

	int port() {
		return Integer.parseInt(this.localBase.substring(this.localBase.lastIndexOf(':') + 1));
	}

	/**
	 * The JVM options: the heap of the Keycloak runs and the JVM's default collector
	 * (G1), as Latchkey's container image runs it
	 * ({@code infra/containers/auth-server.Containerfile}). Keycloak's launcher uses a
	 * footprint-minded Parallel GC instead ({@code -XX:GCTimeRatio=4}, heap returned when
	 * idle), which cuts Latchkey's idle RSS by about 30 MiB; whether it costs throughput
	 * is not settled (README, "Performance").
	 */
	static final List<String> JVM_OPTIONS = jvmOptions(System.getenv("BENCH_LATCHKEY_JVM_OPTIONS"));

	/**
	 * The image's options, or those of {@code BENCH_LATCHKEY_JVM_OPTIONS} (separated by
	 * spaces) to compare others.
	 */
	static List<String> jvmOptions(String override) {
		if (override != null && !override.isBlank()) {
			return List.of(override.strip().split("\\s+"));
		}
		return List.of("-Xms64m", "-Xmx512m");
	}

	/**
	 * Starts Latchkey as it is deployed: the extracted jar with an ahead-of-time cache
	 * (JDK 24+, JEP 483; the counterpart of Keycloak's {@code kc.sh build}). The first
	 * call extracts the jar and records the cache in a training run that starts the
	 * application context once (creating the schema and keys on a fresh database) and
	 * exits; that run is not timed.
	 */
	ServerProcess start(Path jar, String java, Database db, String kek, Path workDir, List<String> jvmOptions) {
		Map<String, String> env = environment(db, kek, workDir);
		AotCache cache = AotCache.prepare(jar, java, JVM_OPTIONS, env, workDir);
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(JVM_OPTIONS);
		command.add("-XX:AOTCache=" + cache.file());
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", cache.jar().toString()));
		this.process = ServerProcess.start("latchkey", command, env, workDir)
			.awaitReady("http://127.0.0.1:" + this.managementPort + "/actuator/health/readiness",
					Duration.ofMinutes(3));
		return this.process;
	}

	private Map<String, String> environment(Database db, String kek, Path workDir) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("LATCHKEY_ISSUER", PUBLIC_BASE);
		env.put("LATCHKEY_KEK", kek);
		env.put("SPRING_DATASOURCE_URL", db.url(this.database));
		env.put("SPRING_DATASOURCE_USERNAME", "postgres");
		env.put("SPRING_DATASOURCE_PASSWORD", "");
		env.put("SERVER_PORT", Integer.toString(port()));
		env.put("LATCHKEY_MANAGEMENT_PORT", Integer.toString(this.managementPort));
		env.put("LATCHKEY_HTTP_TRUSTEDPROXIES", "127.0.0.1,::1");
		env.put("LATCHKEY_BACKUP_DIRECTORY", workDir.resolve("backups").toString());
		// A load test sends everything from one address, which the production rate limits
		// (600 token requests a minute per address) are there to stop; Keycloak has none
		// by default either. The account lockout stays on: it cannot be switched off.
		env.put("LATCHKEY_RATELIMITS_ENABLED", "false");
		return env;
	}

	/**
	 * Registers the benchmark clients and {@code users} accounts (role USER).
	 */
	void seed(Database db, String passwordHash) {
		try (Connection connection = db.connect(this.database)) {
			JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(
					new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
			clients.save(client(this.service, false));
			clients.save(client(this.web, true));
			try (Statement statement = connection.createStatement()) {
				statement.execute("DELETE FROM account WHERE email LIKE 'bench-%@example.com'");
			}
			try (PreparedStatement insert = connection.prepareStatement(
					"""
							INSERT INTO account (id, email, display_name, password_hash, enabled, email_verified, created_at,
							    password_changed_at)
							SELECT gen_random_uuid(), 'bench-' || i || '@example.com', 'Bench User ' || i, ?, true, true, now(), now()
							FROM generate_series(0, ? - 1) AS i""")) {
				insert.setString(1, "{argon2}" + passwordHash);
				insert.setInt(2, this.users);
				insert.executeUpdate();
			}
			try (Statement statement = connection.createStatement()) {
				statement.execute("INSERT INTO account_role (account_id, role) SELECT id, 'USER' FROM account "
						+ "WHERE email LIKE 'bench-%@example.com'");
				statement.execute("ANALYZE");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the benchmark clients and users", ex);
		}
	}

	private static RegisteredClient client(Credentials credentials, boolean web) {
		RegisteredClient.Builder builder = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(credentials.id())
			.clientIdIssuedAt(Instant.now())
			.clientName(web ? "Benchmark web app" : "Benchmark service")
			.clientSecret("{sha256}" + HexFormat.of().formatHex(sha256(credentials.secret())))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		if (web) {
			builder.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
				.redirectUri(REDIRECT_URI)
				.scope("openid")
				.scope("profile")
				.scope("email")
				.scope("documents.read")
				.scope("documents.write");
		}
		else {
			builder.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.scope("documents.read")
				.scope("documents.write");
		}
		return builder
			.clientSettings(ClientSettings.builder().requireProofKey(web).requireAuthorizationConsent(web).build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(Duration.ofMinutes(10))
				.authorizationCodeTimeToLive(Duration.ofMinutes(5))
				.refreshTokenTimeToLive(Duration.ofDays(30))
				.reuseRefreshTokens(false)
				.build())
			.build();
	}

	static byte[] sha256(String value) {
		try {
			return java.security.MessageDigest.getInstance("SHA-256")
				.digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String newKek() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	@Override
	String tokenUrl() {
		return PUBLIC_BASE + "/oauth2/token";
	}

	@Override
	String introspectionUrl() {
		return PUBLIC_BASE + "/oauth2/introspect";
	}

	@Override
	String jwksUrl() {
		return PUBLIC_BASE + "/oauth2/jwks";
	}

	@Override
	String discoveryUrl() {
		return PUBLIC_BASE + "/.well-known/openid-configuration";
	}

	@Override
	String authorizationUrl() {
		return PUBLIC_BASE + "/oauth2/authorize";
	}

	@Override
	String userName(int index) {
		return "bench-" + index + "@example.com";
	}

	@Override
	String authorizationCode(Http http, String user, Pkce pkce, String state) {
		Http.Response toLogin = http.page(authorizeRequest(pkce, state)).expect(302);
		Http.Response loginPage = http.page(toLogin.location()).expect(200);
		Map<String, String> form = new LinkedHashMap<>();
		form.put("email", user);
		form.put("password", this.userPassword);
		form.put("_csrf", csrf(loginPage.body()));
		Http.Response signedIn = http.submit(PUBLIC_BASE + "/login", form).expect(302);
		if (signedIn.location() == null || !signedIn.location().contains("/oauth2/authorize")) {
			throw new BenchException("sign-in failed: redirected to " + signedIn.location());
		}
		Http.Response consentPage = http.page(signedIn.location());
		if (consentPage.status() == 302 && consentPage.location() != null
				&& consentPage.location().startsWith(PUBLIC_BASE + "/oauth2/consent")) {
			consentPage = http.page(consentPage.location());
		}
		if (consentPage.status() == 302) {
			return codeFrom(consentPage, state);
		}
		consentPage.expect(200);
		Map<String, String> hidden = hiddenFields(consentPage.body());
		Map<String, Object> consent = new LinkedHashMap<>();
		consent.put("client_id", hidden.get("client_id"));
		consent.put("state", hidden.get("state"));
		List<String> scopes = new ArrayList<>();
		Matcher box = SCOPE_BOX.matcher(consentPage.body());
		while (box.find()) {
			scopes.add(box.group(1));
		}
		consent.put("scope", scopes);
		if (hidden.containsKey("_csrf")) {
			consent.put("_csrf", hidden.get("_csrf"));
		}
		return codeFrom(http.submit(PUBLIC_BASE + "/oauth2/authorize", consent), state);
	}

	private static String csrf(String html) {
		Matcher matcher = CSRF.matcher(html);
		if (!matcher.find()) {
			throw new BenchException("no CSRF token on the sign-in page");
		}
		return matcher.group(1);
	}

	@Override
	void forgetConsents(Database db) {
		try (Connection connection = db.connect(this.database); Statement statement = connection.createStatement()) {
			statement.execute("DELETE FROM oauth2_authorization_consent");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
