package dev.latchkey.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

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
		Builder builder = new Builder(mode(args));
		Iterator<String> given = Arrays.asList(args).iterator();
		while (given.hasNext()) {
			String arg = given.next();
			BiConsumer<Builder, String> valued = VALUED.get(arg);
			if (valued != null) {
				if (!given.hasNext()) {
					fail("Option " + arg + " needs a value");
				}
				valued.accept(builder, given.next());
			}
			else if (FLAGS.containsKey(arg)) {
				FLAGS.get(arg).accept(builder);
			}
			else if ("-h".equals(arg) || "--help".equals(arg)) {
				System.out.print(USAGE);
				System.exit(0);
			}
			else {
				fail("Unknown option " + arg);
			}
		}
		return builder.build();
	}

	private static Mode mode(String[] args) {
		List<String> given = Arrays.asList(args);
		if (given.contains("--short")) {
			return Mode.SHORT;
		}
		if (given.contains("--keycloak")) {
			return Mode.KEYCLOAK;
		}
		return given.contains("--scale") ? Mode.SCALE : Mode.FULL;
	}

	private static void fail(String reason) {
		System.err.print(reason + "\n" + USAGE);
		System.exit(2);
	}

	private static final Map<String, BiConsumer<Builder, String>> VALUED = Map.ofEntries(
			Map.entry("--concurrency", (b, v) -> b.concurrency = ints(v)),
			Map.entry("--warmup", (b, v) -> b.warmup = seconds(v)),
			Map.entry("--measure", (b, v) -> b.measure = seconds(v)),
			Map.entry("--runs", (b, v) -> b.runs = Integer.parseInt(v)),
			Map.entry("--users", (b, v) -> b.users = Integer.parseInt(v)),
			Map.entry("--scale-sizes", (b, v) -> b.scaleSizes = ints(v)), Map.entry("--only", (b, v) -> b.only = v),
			Map.entry("--auth-server-jar", (b, v) -> b.authJar = Path.of(v).toAbsolutePath()),
			Map.entry("--resource-server-jar", (b, v) -> b.resourceJar = Path.of(v).toAbsolutePath()),
			Map.entry("--keycloak-zip", (b, v) -> b.keycloakZip = Path.of(v).toAbsolutePath()),
			Map.entry("--results", (b, v) -> b.results = Path.of(v).toAbsolutePath()));

	private static final Map<String, Consumer<Builder>> FLAGS = Map.of("--short", (b) -> {
	}, "--keycloak", (b) -> {
	}, "--scale", (b) -> {
	}, "--no-scale", (b) -> b.scale = false, "--profile", (b) -> b.profile = true, "--synchronous-commit",
			(b) -> b.synchronousCommit = true);

	private static Duration seconds(String value) {
		return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
	}

	/**
	 * The defaults of a mode, changed by the options one after the other.
	 */
	private static final class Builder {

		private final Mode mode;

		private List<Integer> concurrency;

		private Duration warmup;

		private Duration measure;

		private final double ceilingSeconds;

		private int users;

		private int runs = 5;

		private List<Integer> scaleSizes = List.of(10_000, 100_000, 1_000_000);

		private boolean scale;

		private boolean profile;

		private boolean synchronousCommit;

		private final Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();

		private Path authJar = this.root.resolve("auth-server/target/auth-server-0.1.0-SNAPSHOT.jar");

		private Path resourceJar = this.root
			.resolve("resource-server-sample/target/resource-server-sample-0.1.0-SNAPSHOT.jar");

		private Path results = this.root.resolve("bench/results");

		private Path keycloakZip = Path.of(System.getProperty("user.home"),
				".m2/repository/org/keycloak/keycloak-quarkus-dist/26.7.3/keycloak-quarkus-dist-26.7.3.zip");

		private String only = "";

		Builder(Mode mode) {
			this.mode = mode;
			boolean isShort = mode == Mode.SHORT;
			boolean keycloak = mode == Mode.KEYCLOAK;
			this.concurrency = isShort ? List.of(8) : List.of(1, 16, 64);
			this.warmup = Duration.ofSeconds(isShort ? 2 : keycloak ? 3 : 5);
			this.measure = Duration.ofSeconds(isShort ? 3 : keycloak ? 10 : 15);
			this.ceilingSeconds = isShort ? 0.5 : 2;
			this.users = isShort ? 500 : 5000;
			this.scale = mode == Mode.FULL || mode == Mode.SCALE;
		}

		Options build() {
			return new Options(this.mode, this.concurrency, this.warmup, this.measure, this.ceilingSeconds, this.users,
					this.runs, this.scaleSizes, this.scale, this.profile, this.synchronousCommit, this.authJar,
					this.resourceJar, this.results, this.root.resolve("bench/target/work"), this.keycloakZip,
					this.only);
		}

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
