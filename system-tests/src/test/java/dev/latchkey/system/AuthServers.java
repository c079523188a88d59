package dev.latchkey.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Starts auth-server nodes the way the system tests need them: dev mode (sample data) on
 * a given database with a shared key-encryption key, the issuer fixed to the URL clients
 * use.
 */
final class AuthServers {

	/**
	 * Every system test sends its requests from 127.0.0.1, and several keep up a steady
	 * token load (cluster, faults, key rotation), far above what one address may send in
	 * production: the token endpoint's limits per address are lifted for them. The
	 * sign-in, reset and client-authentication limits and the lockout stay as shipped
	 * ({@code LockoutIT} and {@code ClusterIT} check them).
	 */
	static final List<String> TOKEN_LOAD_FROM_ONE_ADDRESS = List.of("--latchkey.rate-limits.token.per-address=1000000",
			"--latchkey.rate-limits.token.per-client-and-address=1000000");

	private static ServerProcess shared;

	private AuthServers() {
	}

	/**
	 * One auth server for the whole test run, on the shared database.
	 */
	static synchronized ServerProcess shared() {
		if (shared == null) {
			int port = ServerProcess.freePort();
			shared = start("shared-auth-server", port, "http://localhost:" + port, SystemDatabase.shared());
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
		}
		return shared;
	}

	static ServerProcess start(String name, int port, String issuer, SystemDatabase database, String... extra) {
		List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=dev", "--latchkey.issuer=" + issuer,
				"--latchkey.kek-file=" + kekFile(),
				"--latchkey.dev.data-dir=" + ServerProcess.workDir().resolve(name)));
		arguments.addAll(database.serverArguments());
		arguments.addAll(TOKEN_LOAD_FROM_ONE_ADDRESS);
		arguments.addAll(List.of(extra));
		return ServerProcess.start("latchkey.auth-server.jar", name, port, arguments).awaitReady(Duration.ofMinutes(2));
	}

	/**
	 * One key-encryption key for every node of the run, as a cluster shares one secret.
	 */
	static synchronized Path kekFile() {
		Path file = ServerProcess.workDir().resolve("kek");
		try {
			if (!Files.exists(file)) {
				Files.createDirectories(file.getParent());
				byte[] key = new byte[32];
				new SecureRandom().nextBytes(key);
				Files.writeString(file, Base64.getEncoder().encodeToString(key));
			}
			return file.toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
