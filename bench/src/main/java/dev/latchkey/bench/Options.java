package dev.latchkey.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of {@code bench/run}.
 */
record Options(Mode mode, List<Integer> concurrency, Duration warmup, Duration measure, double ceilingSeconds,
		int users, int runs, List<Integer> scaleSizes, boolean scale, boolean profile, boolean synchronousCommit,
		Path authServerJar, Path resourceServerJar, Path resultsDir, Path workDir, Path keycloakZip, String only) {

	enum Mode {

		SHORT, FULL, KEYCLOAK, SCALE

	}

	static final String USAGE = """
			Usage: bench/run [--short | --keycloak | --scale] [options]
			  (no mode)          full run: every scenario at 1, 16 and 64 connections, then the scale test
			  --short            CI mode (< 2 min): every scenario once at 8 connections, fails on errors or
			                     implausible ratios to the ceilings
			  --keycloak         side by side with Keycloak 26 on the same PostgreSQL, alternating the servers
			                     over --runs runs (default 5); medians and Latchkey/Keycloak ratios
			  --scale            only the scale test: token and introspection latency as stored
			                     authorizations grow (--scale-sizes, default 10000,100000,1000000)
			Options:
			  --concurrency 1,16,64   --warmup SECONDS   --measure SECONDS   --runs N   --users N
			  --no-scale              skip the scale test in a full run
			  --only TEXT             run only the scenarios whose name contains TEXT (comma-separate several)
			  --profile               record Latchkey with JFR and print the hottest frames per scenario
			  --synchronous-commit    PostgreSQL with synchronous_commit=on (default off, as the embedded default)
			  --auth-server-jar F  --resource-server-jar F  --keycloak-zip F  --results DIR
			""";

	static Options parse(String[] args) {
		Mode mode = Mode.FULL;
		for (String arg : args) {
			switch (arg) {
				case "--short" -> mode = Mode.SHORT;
				case "--keycloak" -> mode = Mode.KEYCLOAK;
				case "--scale" -> mode = Mode.SCALE;
				default -> {
				}
			}
		}
		boolean isShort = mode == Mode.SHORT;
		List<Integer> concurrency = isShort ? List.of(8) : List.of(1, 16, 64);
		Duration warmup = Duration.ofSeconds(isShort ? 2 : (mode == Mode.KEYCLOAK) ? 3 : 5);
		Duration measure = Duration.ofSeconds(isShort ? 3 : (mode == Mode.KEYCLOAK) ? 10 : 15);
		double ceilingSeconds = isShort ? 0.5 : 2;
		int users = isShort ? 500 : 5000;
		int runs = 5;
		List<Integer> scaleSizes = List.of(10_000, 100_000, 1_000_000);
		boolean scale = mode == Mode.FULL || mode == Mode.SCALE;
		boolean profile = false;
		boolean synchronousCommit = false;
		Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
		Path authJar = root.resolve("auth-server/target/auth-server-0.1.0-SNAPSHOT.jar");
		Path resourceJar = root.resolve("resource-server-sample/target/resource-server-sample-0.1.0-SNAPSHOT.jar");
		Path results = root.resolve("bench/results");
		Path keycloakZip = Path.of(System.getProperty("user.home"),
				".m2/repository/org/keycloak/keycloak-quarkus-dist/26.7.3/keycloak-quarkus-dist-26.7.3.zip");
		String only = "";
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--short", "--keycloak", "--scale" -> {
				}
				case "--concurrency" -> concurrency = ints(args[++i]);
				case "--warmup" -> warmup = Duration.ofMillis((long) (Double.parseDouble(args[++i]) * 1000));
				case "--measure" -> measure = Duration.ofMillis((long) (Double.parseDouble(args[++i]) * 1000));
				case "--runs" -> runs = Integer.parseInt(args[++i]);
				case "--users" -> users = Integer.parseInt(args[++i]);
				case "--scale-sizes" -> scaleSizes = ints(args[++i]);
				case "--no-scale" -> scale = false;
				case "--only" -> only = args[++i];
				case "--profile" -> profile = true;
				case "--synchronous-commit" -> synchronousCommit = true;
				case "--auth-server-jar" -> authJar = Path.of(args[++i]).toAbsolutePath();
				case "--resource-server-jar" -> resourceJar = Path.of(args[++i]).toAbsolutePath();
				case "--keycloak-zip" -> keycloakZip = Path.of(args[++i]).toAbsolutePath();
				case "--results" -> results = Path.of(args[++i]).toAbsolutePath();
				case "-h", "--help" -> {
					System.out.print(USAGE);
					System.exit(0);
				}
				default -> {
					System.err.print("Unknown option " + arg + "\n" + USAGE);
					System.exit(2);
				}
			}
		}
		Path work = root.resolve("bench/target/work");
		return new Options(mode, concurrency, warmup, measure, ceilingSeconds, users, runs, scaleSizes, scale, profile,
				synchronousCommit, authJar, resourceJar, results, work, keycloakZip, only);
	}

	/**
	 * The same options with the server jars copied into the run's folder, so that a build
	 * during a long run cannot change the jars under the running servers.
	 */
	Options withJarsCopiedTo(Path work) {
		try {
			java.nio.file.Files.createDirectories(work);
			Path auth = work.resolve("auth-server.jar");
			Path resource = work.resolve("resource-server.jar");
			java.nio.file.Files.copy(this.authServerJar, auth, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			java.nio.file.Files.copy(this.resourceServerJar, resource,
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			return new Options(this.mode, this.concurrency, this.warmup, this.measure, this.ceilingSeconds, this.users,
					this.runs, this.scaleSizes, this.scale, this.profile, this.synchronousCommit, auth, resource,
					this.resultsDir, this.workDir, this.keycloakZip, this.only);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	boolean includes(String scenario) {
		return this.only.isBlank()
				|| Arrays.stream(this.only.split(",")).anyMatch((part) -> scenario.contains(part.strip()));
	}

	private static List<Integer> ints(String list) {
		return Arrays.stream(list.split(",")).map(String::strip).map(Integer::parseInt).toList();
	}

}
