package dev.latchkey.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark harness: starts PostgreSQL, Latchkey in production mode and the sample
 * resource server (and, side by side, Keycloak) as processes of their own, drives them
 * over HTTP from this JVM, and prints what each scenario achieves against what its
 * cryptography allows. See the README's "Performance" section.
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) {
		Options options = Options.parse(args);
		int cores = Runtime.getRuntime().availableProcessors();
		Report report = new Report(cores);
		String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
		Path work = options.workDir().resolve(stamp);
		boolean ok;
		try {
			machine(report, options);
			check(options);
			options = options.withJarsCopiedTo(work);
			ok = switch (options.mode()) {
				case KEYCLOAK -> new SideBySide(options, report, work).run();
				default -> latchkey(options, report, work, cores);
			};
		}
		catch (RuntimeException | Error ex) {
			report.line("BENCHMARK FAILED: %s", ex);
			ex.printStackTrace();
			ok = false;
		}
		// The copied jars are large; the logs stay for a look after the run.
		for (Path jar : List.of(work.resolve("auth-server.jar"), work.resolve("resource-server.jar"))) {
			try {
				Files.deleteIfExists(jar);
			}
			catch (IOException ex) {
				// Left behind; bench/target is scratch space.
			}
		}
		Path file = write(options, report, stamp);
		System.out.println("Results written to " + file);
		System.exit(ok ? 0 : 1);
	}

	static void machine(Report report, Options options) {
		report.line("Latchkey benchmark, mode %s, %s", options.mode().name().toLowerCase(), Instant.now());
		report.line("Machine: %d cores (nproc), %s, %s RAM", Runtime.getRuntime().availableProcessors(), cpuModel(),
				memory());
		report.line("JDK: %s %s (%s), servers and load generator alike", System.getProperty("java.vm.vendor"),
				System.getProperty("java.runtime.version"), System.getProperty("java.home"));
		report.line("Load: closed loop, %s connections, warm-up %ss, measured %ss per scenario", options.concurrency(),
				options.warmup().toMillis() / 1000.0, options.measure().toMillis() / 1000.0);
		report.line("Load average at start: %s", loadAverage());
	}

	private static void check(Options options) {
		if (!ProcStat.available()) {
			throw new IllegalStateException("No /proc: the server CPU time cannot be measured on this system");
		}
		for (Path jar : List.of(options.authServerJar(), options.resourceServerJar())) {
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException("No jar at " + jar + ": build the servers first (bench/run does)");
			}
		}
	}

	/**
	 * Latchkey alone: every scenario at every concurrency, then the scale test.
	 */
	static boolean latchkey(Options options, Report report, Path work, int cores) {
		report.line("");
		Ceilings ceilings = Ceilings.measure(options.ceilingSeconds());
		report.ceilings(ceilings);
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> jvmOptions = new ArrayList<>();
		Path jfr = work.resolve("latchkey.jfr");
		if (options.profile()) {
			jvmOptions.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
		}
		List<LoadRun.Result> results = new ArrayList<>();
		List<Profile.Window> windows = new ArrayList<>();
		try (Database db = Database.start(work, options.synchronousCommit())) {
			db.create("latchkey");
			Latchkey latchkey = Latchkey.create(options.users());
			String kek = Latchkey.newKek();
			String hash = Ceilings.argon2().encode(latchkey.userPassword);
			ServerProcess server = latchkey.start(options.authServerJar(), java, db, kek, work, jvmOptions);
			latchkey.seed(db, hash);
			ServerProcess.sleep(3000);
			// The untimed training run of the AOT cache created the schema and the keys.
			report.line("Latchkey: ready in %d ms (database migrated, AOT cache), idle RSS %.0f MiB (%s)",
					server.readyMillis(), ProcStat.rssMiB(server.pid()), String.join(" ", Latchkey.JVM_OPTIONS));
			try (ServerProcess ignored = server) {
				if (options.mode() == Options.Mode.SCALE) {
					return new Scale(options, report, db, latchkey, ceilings).run();
				}
				try (ForwardingProxy proxy = ForwardingProxy.start(latchkey);
						ResourceServers resources = ResourceServers.start(options, java, proxy, work)) {
					report.line("Resource server: ready in %d ms, idle RSS %.0f MiB", resources.cached.readyMillis(),
							ProcStat.rssMiB(resources.cached.pid()));
					List<Scenario> scenarios = List.of(new Scenario.ClientCredentials(latchkey),
							new Scenario.Refresh(latchkey), new Scenario.Introspection(latchkey),
							new Scenario.JwksAndDiscovery(latchkey), new Scenario.AuthorizationCodeFlow(latchkey),
							new Scenario.Resource("resource baseline (no security)", latchkey,
									resources.url(resources.baseline), resources.baseline::pid, false, false),
							new Scenario.Resource("resource (token, cached)", latchkey, resources.url(resources.cached),
									resources.cached::pid, true, false),
							new Scenario.Resource("resource (token, verify each)", latchkey,
									resources.url(resources.uncached), resources.uncached::pid, true, true));
					for (Scenario scenario : scenarios) {
						if (!options.includes(scenario.name)) {
							continue;
						}
						for (int concurrency : options.concurrency()) {
							Instant from = Instant.now();
							LoadRun.Result result = LoadRun.run(scenario, concurrency, options.warmup(),
									options.measure(), db, ceilings);
							windows.add(new Profile.Window(scenario.name + " @" + concurrency, from, Instant.now()));
							results.add(result);
							System.out.printf(
									"  %-30s %3d: %8.1f ops/s, p50 %.2f ms, p99 %.2f ms, %d errors, %d shed%n",
									scenario.name, concurrency, result.throughput(), result.p50Millis(),
									result.p99Millis(), result.errors(), result.shed());
						}
					}
				}
				report.line("Latchkey RSS after the load: %.0f MiB", ProcStat.rssMiB(server.pid()));
				report.table(results);
				boolean ok = verdict(report, results);
				if (options.scale()) {
					ok &= new Scale(options, report, db, latchkey, ceilings).run();
				}
				return ok;
			}
			finally {
				if (options.profile()) {
					Profile.summarize(jfr, windows, report);
				}
			}
		}
	}

	static boolean verdict(Report report, List<LoadRun.Result> results) {
		List<String> problems = report.problems(results);
		long failed = results.stream().filter((r) -> !report.problems(r, results).isEmpty()).count();
		report.line("");
		report.line("bench: %d passed, %d failed", results.size() - failed, failed);
		if (problems.isEmpty()) {
			report.line("Checks passed: no errors, every ratio to its ceiling plausible.");
			return true;
		}
		report.line("CHECKS FAILED:");
		problems.forEach((problem) -> report.line("  - %s", problem));
		return false;
	}

	private static Path write(Options options, Report report, String stamp) {
		try {
			Files.createDirectories(options.resultsDir());
			Path file = options.resultsDir().resolve(stamp + "-" + options.mode().name().toLowerCase() + ".txt");
			Files.writeString(file, report.text());
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String cpuModel() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
			return lines.filter((line) -> line.startsWith("model name"))
				.findFirst()
				.map((line) -> line.substring(line.indexOf(':') + 1).strip())
				.orElse("unknown CPU");
		}
		catch (IOException ex) {
			return "unknown CPU";
		}
	}

	private static String memory() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
			return lines.filter((line) -> line.startsWith("MemTotal:"))
				.findFirst()
				.map((line) -> String.format("%.1f GiB", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1048576.0))
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
