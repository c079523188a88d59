package dev.latchkey.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Keycloak 26 ({@code org.keycloak:keycloak-quarkus-dist} from Maven Central) in
 * production mode ({@code kc.sh build} then {@code kc.sh start --optimized}) on the same
 * PostgreSQL, behind the same simulated TLS proxy ({@code --http-enabled=true
 * --proxy-headers=xforwarded}, trusted from the loopback address only), with local caches
 * (one node, as Latchkey's single node). One realm per access-token algorithm (ES256,
 * RS256 with RSA 3072), each with a service client, a confidential web client that
 * requires consent and PKCE S256, refresh token rotation (revoke on use), and the
 * benchmark's users, whose Argon2id hashes (m=19 MiB, t=2, p=1) are imported as they are
 * and match the server's hashing settings, so no sign-in re-hashes.
 */
final class Keycloak extends Target {

	static final String VERSION = "26.7.3";

	static final String PUBLIC_BASE = "https://keycloak.bench";

	private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");

	final String realm;

	private Keycloak(String realm, String algorithm, String localBase, Credentials service, Credentials web,
			String password, int users) {
		super("KC " + algorithm, PUBLIC_BASE, localBase, service, web, password, users, "keycloak");
		this.realm = realm;
		this.accessAlgorithm = algorithm;
	}

	/**
	 * The two realms of one Keycloak server, sharing clients' secrets and users'
	 * password.
	 */
	static List<Keycloak> realms(int port, String password, int users) {
		Credentials service = new Credentials("bench-service", randomToken(32));
		Credentials web = new Credentials("bench-web", randomToken(32));
		String local = "http://127.0.0.1:" + port;
		return List.of(new Keycloak("bench-es256", "ES256", local, service, web, password, users),
				new Keycloak("bench-rs256", "RS256", local, service, web, password, users));
	}

	@Override
	String serviceScope() {
		// Keycloak refuses scopes that are not client scopes; its default scopes stand
		// in.
		return "profile";
	}

	@Override
	String webScope() {
		return "openid profile";
	}

	private String realmBase() {
		return PUBLIC_BASE + "/realms/" + this.realm;
	}

	@Override
	String tokenUrl() {
		return realmBase() + "/protocol/openid-connect/token";
	}

	@Override
	String introspectionUrl() {
		return realmBase() + "/protocol/openid-connect/token/introspect";
	}

	@Override
	String jwksUrl() {
		return realmBase() + "/protocol/openid-connect/certs";
	}

	@Override
	String discoveryUrl() {
		return realmBase() + "/.well-known/openid-configuration";
	}

	@Override
	String authorizationUrl() {
		return realmBase() + "/protocol/openid-connect/auth";
	}

	@Override
	String userName(int index) {
		return "bench-" + index;
	}

	@Override
	String authorizationCode(Http http, String user, Pkce pkce, String state) {
		Http.Response loginPage = http.page(authorizeRequest(pkce, state)).expect(200);
		Map<String, String> form = new LinkedHashMap<>();
		form.put("username", user);
		form.put("password", this.userPassword);
		form.put("credentialId", "");
		Http.Response afterLogin = http.submit(formAction(loginPage), form);
		// Keycloak may first redirect to its consent step (required-action OAUTH_GRANT).
		for (int hop = 0; hop < 3 && afterLogin.status() == 302 && afterLogin.location() != null
				&& afterLogin.location().startsWith(PUBLIC_BASE); hop++) {
			afterLogin = http.page(afterLogin.location());
		}
		if (afterLogin.status() == 302) {
			return codeFrom(afterLogin, state);
		}
		afterLogin.expect(200);
		if (!afterLogin.body().contains("name=\"accept\"")) {
			throw new BenchException("sign-in failed: no consent page after the login form");
		}
		Map<String, String> consent = new LinkedHashMap<>(hiddenFields(afterLogin.body()));
		consent.put("accept", "Yes");
		return codeFrom(http.submit(formAction(afterLogin), consent), state);
	}

	private static String formAction(Http.Response page) {
		Matcher matcher = FORM_ACTION.matcher(page.body());
		if (!matcher.find()) {
			throw new BenchException("no form on the page from " + page.url());
		}
		return Http.unescapeHtml(matcher.group(1));
	}

	@Override
	void forgetConsents(Database db) {
		try (Connection connection = db.connect(this.database); Statement statement = connection.createStatement()) {
			statement.execute("DELETE FROM user_consent_client_scope");
			statement.execute("DELETE FROM user_consent");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Unpacks the distribution (fetched into the local Maven repository by
	 * {@code bench/run}) and builds it for PostgreSQL once.
	 */
	static Path install(Path zip, Path into, String javaHome, Path work) {
		Path home = into.resolve("keycloak-" + VERSION);
		if (!Files.isRegularFile(zip)) {
			throw new IllegalStateException("No Keycloak distribution at " + zip
					+ " (bench/run --keycloak fetches org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip)");
		}
		if (!Files.isDirectory(home.resolve("bin"))) {
			unzip(zip, into);
		}
		home.resolve("bin/kc.sh").toFile().setExecutable(true);
		Path marker = home.resolve("bench-built");
		if (!Files.exists(marker)) {
			run(home, javaHome, work, "kc-build", Duration.ofMinutes(10), "build", "--db=postgres",
					"--health-enabled=true", "--cache=local");
			try {
				Files.writeString(marker, "built for the benchmark\n");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return home;
	}

	/**
	 * Imports the two realms (once per database).
	 */
	static void importRealms(Path home, String javaHome, Database db, List<Keycloak> realms, Path work) {
		Path dir = work.resolve("keycloak-import");
		try {
			Files.createDirectories(dir);
			for (Keycloak realm : realms) {
				Files.writeString(dir.resolve(realm.realm + "-realm.json"), realm.realmJson());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> args = new ArrayList<>(List.of("import", "--optimized", "--dir=" + dir, "--override=true"));
		args.addAll(databaseOptions(db));
		run(home, javaHome, work, "kc-import", Duration.ofMinutes(15), args.toArray(String[]::new));
	}

	static List<String> databaseOptions(Database db) {
		return List.of("--db-url=" + db.url("keycloak"), "--db-username=postgres", "--db-password=unused");
	}

	ServerProcess start(Path home, String javaHome, Database db, int managementPort, Path work) {
		List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
				"--hostname=" + PUBLIC_BASE, "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port(),
				"--http-management-port=" + managementPort, "--proxy-headers=xforwarded",
				"--proxy-trusted-addresses=127.0.0.1", "--spi-password-hashing--argon2--memory=19456",
				"--spi-password-hashing--argon2--iterations=2", "--spi-password-hashing--argon2--parallelism=1"));
		command.addAll(databaseOptions(db));
		this.process = ServerProcess.start("keycloak", command, environment(javaHome), work)
			.awaitReady("http://127.0.0.1:" + managementPort + "/health/ready", Duration.ofMinutes(5));
		return this.process;
	}

	int port() {
		return Integer.parseInt(this.localBase.substring(this.localBase.lastIndexOf(':') + 1));
	}

	private static Map<String, String> environment(String javaHome) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("JAVA_HOME", javaHome);
		// The same heap as Latchkey (and Keycloak's own default outside containers).
		env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
		return env;
	}

	private static void run(Path home, String javaHome, Path work, String name, Duration timeout, String... args) {
		List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString()));
		command.addAll(List.of(args));
		ServerProcess process = ServerProcess.start(name, command, environment(javaHome), work);
		int status = process.awaitExit(timeout);
		if (status != 0) {
			throw new IllegalStateException("kc.sh " + args[0] + " failed (" + status + "):\n" + process.tail());
		}
	}

	private static void unzip(Path zip, Path into) {
		try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
			ZipEntry entry;
			while ((entry = entries.getNextEntry()) != null) {
				Path target = into.resolve(entry.getName()).normalize();
				if (!target.startsWith(into)) {
					throw new IllegalStateException("Bad zip entry " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(target);
				}
				else {
					Files.createDirectories(target.getParent());
					Files.copy(entries, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
					if (target.toString().endsWith(".sh")) {
						target.toFile().setExecutable(true);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The realm: keys, token lifetimes, refresh rotation, clients, users (one Argon2id
	 * hash, computed once, for every user).
	 */
	String realmJson() {
		byte[] salt = new byte[16];
		RANDOM.nextBytes(salt);
		byte[] hash = argon2id(this.userPassword, salt);
		String secretData = "{\"value\":\"" + Base64.getEncoder().encodeToString(hash) + "\",\"salt\":\""
				+ Base64.getEncoder().encodeToString(salt) + "\",\"additionalParameters\":{}}";
		String credentialData = "{\"hashIterations\":2,\"algorithm\":\"argon2\",\"additionalParameters\":{"
				+ "\"hashLength\":[\"32\"],\"memory\":[\"19456\"],\"type\":[\"id\"],\"version\":[\"1.3\"],"
				+ "\"parallelism\":[\"1\"]}}";
		StringBuilder users = new StringBuilder();
		users.append("{\"username\":\"service-account-bench-service\",\"enabled\":true,"
				+ "\"serviceAccountClientId\":\"bench-service\"}");
		for (int i = 0; i < this.users; i++) {
			users.append(",{\"username\":\"")
				.append(userName(i))
				.append("\",\"email\":\"")
				.append(userName(i))
				.append("@example.com\",\"emailVerified\":true,\"enabled\":true,\"firstName\":\"Bench\","
						+ "\"lastName\":\"User ")
				.append(i)
				.append("\",\"credentials\":[{\"type\":\"password\",\"secretData\":")
				.append(quote(secretData))
				.append(",\"credentialData\":")
				.append(quote(credentialData))
				.append("}]}");
		}
		String keys = "\"components\":{\"org.keycloak.keys.KeyProvider\":["
				+ "{\"name\":\"ecdsa\",\"providerId\":\"ecdsa-generated\",\"config\":{\"priority\":[\"100\"],"
				+ "\"ecdsaEllipticCurveKey\":[\"P-256\"]}},"
				+ "{\"name\":\"rsa\",\"providerId\":\"rsa-generated\",\"config\":{\"priority\":[\"100\"],"
				+ "\"keySize\":[\"3072\"],\"algorithm\":[\"RS256\"]}},"
				+ "{\"name\":\"hmac\",\"providerId\":\"hmac-generated\",\"config\":{\"priority\":[\"100\"],"
				+ "\"algorithm\":[\"HS512\"]}},"
				+ "{\"name\":\"aes\",\"providerId\":\"aes-generated\",\"config\":{\"priority\":[\"100\"]}}]}";
		String clients = "\"clients\":[{\"clientId\":\"bench-service\",\"enabled\":true,\"publicClient\":false,"
				+ "\"secret\":\"" + this.service.secret() + "\",\"serviceAccountsEnabled\":true,"
				+ "\"standardFlowEnabled\":false,\"directAccessGrantsEnabled\":false,\"protocol\":\"openid-connect\"},"
				+ "{\"clientId\":\"bench-web\",\"enabled\":true,\"publicClient\":false,\"secret\":\""
				+ this.web.secret() + "\",\"standardFlowEnabled\":true,\"directAccessGrantsEnabled\":false,"
				+ "\"consentRequired\":true,\"redirectUris\":[\"" + REDIRECT_URI
				+ "\"],\"protocol\":\"openid-connect\","
				// Keycloak 26 answers introspection with active:false unless the asking
				// client is in the token's audience ("Client 'bench-web' is not in the
				// token audience"); Latchkey lets a client introspect its own tokens.
				+ "\"protocolMappers\":[{\"name\":\"own-audience\",\"protocol\":\"openid-connect\","
				+ "\"protocolMapper\":\"oidc-audience-mapper\",\"config\":{\"included.client.audience\":"
				+ "\"bench-web\",\"access.token.claim\":\"true\",\"id.token.claim\":\"false\","
				+ "\"introspection.token.claim\":\"true\"}}],"
				+ "\"attributes\":{\"pkce.code.challenge.method\":\"S256\",\"id.token.signed.response.alg\":\"RS256\"}}]";
		return "{\"realm\":\"" + this.realm + "\",\"enabled\":true,\"sslRequired\":\"external\","
				+ "\"defaultSignatureAlgorithm\":\"" + this.accessAlgorithm + "\",\"accessTokenLifespan\":600,"
				+ "\"revokeRefreshToken\":true,\"refreshTokenMaxReuse\":0,\"bruteForceProtected\":false,"
				+ "\"passwordPolicy\":\"hashAlgorithm(argon2)\"," + keys + "," + clients + ",\"users\":[" + users
				+ "]}";
	}

	static byte[] argon2id(String password, byte[] salt) {
		Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
			.withVersion(Argon2Parameters.ARGON2_VERSION_13)
			.withIterations(2)
			.withMemoryAsKB(19456)
			.withParallelism(1)
			.withSalt(salt)
			.build();
		Argon2BytesGenerator generator = new Argon2BytesGenerator();
		generator.init(parameters);
		byte[] hash = new byte[32];
		generator.generateBytes(password.getBytes(java.nio.charset.StandardCharsets.UTF_8), hash);
		return hash;
	}

	private static String quote(String json) {
		return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
