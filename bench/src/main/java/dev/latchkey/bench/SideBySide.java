package dev.latchkey.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Latchkey and Keycloak on the same machine and PostgreSQL, one after the other,
 * alternating which goes first, over several runs; each run starts the server, measures
 * its time to ready and idle memory, runs every protocol scenario, and stops it. Medians
 * over the runs are compared.
 */
final class SideBySide {

	private final Options options;

	private final Report report;

	private final Path work;

	private final Map<String, List<LoadRun.Result>> results = new LinkedHashMap<>();

	private final Map<String, List<Double>> ready = new LinkedHashMap<>();

	private final Map<String, List<Double>> rss = new LinkedHashMap<>();

	SideBySide(Options options, Report report, Path work) {
		this.options = options;
		this.report = report;
		this.work = work;
	}

	boolean run() {
		String javaHome = System.getProperty("java.home");
		if (Runtime.version().feature() < 21) {
			this.report.line("Keycloak %s needs Java 21 or newer; this JDK is %s. Set BENCH_JAVA_HOME.",
					Keycloak.VERSION, Runtime.version());
			return false;
		}
		Ceilings ceilings = Ceilings.measure(this.options.ceilingSeconds());
		this.report.ceilings(ceilings);
		boolean ok = true;
		try (Database db = Database.start(this.work, this.options.synchronousCommit())) {
			alternate(db, ceilings, javaHome);
		}
		catch (RuntimeException ex) {
			this.report.line("SIDE-BY-SIDE STOPPED: %s", ex.getMessage());
			ok = false;
		}
		print(this.results, this.ready, this.rss, ceilings);
		List<LoadRun.Result> all = this.results.values().stream().flatMap(List::stream).toList();
		return ok && Bench.verdict(this.report, all);
	}

	/**
	 * Sets both servers up on one database, then runs them one after the other, the first
	 * of each run alternating.
	 */
	private void alternate(Database db, Ceilings ceilings, String javaHome) {
		String java = Path.of(javaHome, "bin", "java").toString();
		db.create("latchkey");
		db.create("keycloak");
		Latchkey latchkey = Latchkey.create(this.options.users());
		String kek = Latchkey.newKek();
		latchkey.start(this.options.authServerJar(), java, db, kek, this.work, List.of());
		latchkey.seed(db, Ceilings.argon2().encode(latchkey.userPassword));
		latchkey.process.close();
		System.out.println("Installing Keycloak " + Keycloak.VERSION + " ...");
		Path home = Keycloak.install(this.options.keycloakZip(), this.options.workDir().getParent(), javaHome,
				this.work);
		List<Keycloak> realms = Keycloak.realms(ServerProcess.freePort(), latchkey.userPassword, this.options.users());
		Keycloak.importRealms(home, javaHome, db, realms, this.work);
		int keycloakManagement = ServerProcess.freePort();
		for (int run = 1; run <= this.options.runs(); run++) {
			boolean latchkeyFirst = run % 2 == 1;
			for (int turn = 0; turn < 2; turn++) {
				boolean isLatchkey = (turn == 0) == latchkeyFirst;
				System.out.printf("Run %d/%d: %s%n", run, this.options.runs(), isLatchkey ? "Latchkey" : "Keycloak");
				if (isLatchkey) {
					measure("Latchkey",
							latchkey.start(this.options.authServerJar(), java, db, kek, this.work, List.of()),
							List.of(latchkey), db, ceilings);
				}
				else {
					ServerProcess server = realms.get(0).start(home, javaHome, db, keycloakManagement, this.work);
					realms.forEach((realm) -> realm.process = server);
					measure("Keycloak", server, List.copyOf(realms), db, ceilings);
				}
			}
		}
	}

	/**
	 * One server's turn: time to ready and idle memory, the same JIT warm-up for both
	 * servers (every scenario briefly, not counted), then every scenario at every
	 * concurrency; the server is stopped at the end.
	 */
	private void measure(String name, ServerProcess server, List<? extends Target> targets, Database db,
			Ceilings ceilings) {
		try (server) {
			ServerProcess.sleep(3000);
			this.ready.computeIfAbsent(name, (k) -> new ArrayList<>()).add((double) server.readyMillis());
			this.rss.computeIfAbsent(name, (k) -> new ArrayList<>()).add(ProcStat.rssMiB(server.pid()));
			for (Target target : targets) {
				for (Scenario scenario : scenarios(target)) {
					LoadRun.run(scenario, 4, Duration.ZERO, this.options.warmup(), db, ceilings);
				}
			}
			for (Target target : targets) {
				for (Scenario scenario : scenarios(target)) {
					measure(target, scenario, db, ceilings);
				}
			}
		}
	}

	private void measure(Target target, Scenario scenario, Database db, Ceilings ceilings) {
		for (int concurrency : this.options.concurrency()) {
			LoadRun.Result result = LoadRun.run(scenario, concurrency, this.options.warmup(), this.options.measure(),
					db, ceilings);
			System.out.printf("  %-8s %-30s %3d: %8.1f ops/s, p50 %.2f ms, %d errors, %d shed%n", target.label,
					scenario.name, concurrency, result.throughput(), result.p50Millis(), result.errors(),
					result.shed());
			this.results.computeIfAbsent(key(target.label, scenario.name, concurrency), (k) -> new ArrayList<>())
				.add(result);
		}
	}

	private List<Scenario> scenarios(Target target) {
		List<Scenario> all = List.of(new Scenario.ClientCredentials(target), new Scenario.Refresh(target),
				new Scenario.Introspection(target), new Scenario.JwksAndDiscovery(target),
				new Scenario.AuthorizationCodeFlow(target));
		return all.stream().filter((s) -> this.options.includes(s.name)).toList();
	}

	private static String key(String server, String scenario, int concurrency) {
		return server + "|" + scenario + "|" + concurrency;
	}

	private void print(Map<String, List<LoadRun.Result>> results, Map<String, List<Double>> ready,
			Map<String, List<Double>> rss, Ceilings ceilings) {
		this.report.line("");
		this.report.line("Side by side: medians over %d runs (servers alternating); ratio = Latchkey / Keycloak",
				this.options.runs());
		for (String server : ready.keySet()) {
			this.report.line("  %-9s ready %.0f ms (median of %s), idle RSS %.0f MiB (median of %s)", server,
					median(ready.get(server)), ready.get(server), median(rss.get(server)), format(rss.get(server)));
		}
		if (ready.containsKey("Latchkey") && ready.containsKey("Keycloak")) {
			this.report.line("  idle RSS Latchkey/Keycloak = %.2f (target <= 0.60); ready Latchkey/Keycloak = %.2f",
					median(rss.get("Latchkey")) / median(rss.get("Keycloak")),
					median(ready.get("Latchkey")) / median(ready.get("Keycloak")));
		}
		this.report.line("%-30s %4s %10s %10s %10s %7s %7s %8s %8s %8s %8s %8s %8s", "scenario", "conc", "LK ops/s",
				"KC-ES ops/s", "KC-RS ops/s", "LK/ES", "LK/RS", "LK p50", "ES p50", "RS p50", "LK cpu", "ES cpu",
				"RS cpu");
		List<String> scenarios = results.keySet().stream().map((k) -> k.split("\\|")[1]).distinct().toList();
		for (String scenario : scenarios) {
			for (int concurrency : this.options.concurrency()) {
				List<LoadRun.Result> lk = results.getOrDefault(key("Latchkey", scenario, concurrency), List.of());
				List<LoadRun.Result> es = results.getOrDefault(key("KC ES256", scenario, concurrency), List.of());
				List<LoadRun.Result> rs = results.getOrDefault(key("KC RS256", scenario, concurrency), List.of());
				double lkOps = median(lk, LoadRun.Result::throughput);
				double esOps = median(es, LoadRun.Result::throughput);
				double rsOps = median(rs, LoadRun.Result::throughput);
				this.report.line("%-30s %4d %10.1f %10.1f %10.1f %7.2f %7.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f",
						scenario, concurrency, lkOps, esOps, rsOps, lkOps / esOps, lkOps / rsOps,
						median(lk, LoadRun.Result::p50Millis), median(es, LoadRun.Result::p50Millis),
						median(rs, LoadRun.Result::p50Millis), median(lk, LoadRun.Result::cpuPerOperation),
						median(es, LoadRun.Result::cpuPerOperation), median(rs, LoadRun.Result::cpuPerOperation));
				double shed = median(lk, LoadRun.Result::shed);
				if (shed > 0) {
					this.report.line("%-35s Latchkey shed a median %.0f requests per run (503 Busy with Retry-After)",
							"", shed);
				}
			}
		}
		this.report
			.line("(ops/s and p50 ms are medians; cpu = server CPU ms per operation. Keycloak's tokens carry its");
		this.report
			.line(" default scopes instead of documents.read; the resource-server scenarios are Latchkey-only.)");
		List<LoadRun.Result> flows = results.entrySet()
			.stream()
			.filter((e) -> e.getKey().startsWith("Latchkey|authorization"))
			.flatMap((e) -> e.getValue().stream())
			.toList();
		if (!flows.isEmpty()) {
			double best = flows.stream().mapToDouble(LoadRun.Result::throughput).max().orElse(0);
			this.report.line(
					"Latchkey sign-in flow, best median-run throughput %.1f/s = %.2f of the Argon2id ceiling (%d cores x 1000 / %.1f ms)",
					best, best * ceilings.argon2Millis() / 1000 / Runtime.getRuntime().availableProcessors(),
					Runtime.getRuntime().availableProcessors(), ceilings.argon2Millis());
		}
	}

	private static double median(List<LoadRun.Result> results, ToDoubleFunction<LoadRun.Result> value) {
		if (results.isEmpty()) {
			return Double.NaN;
		}
		return median(results.stream().mapToDouble(value).boxed().toList());
	}

	static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static String format(List<Double> values) {
		return Arrays.toString(values.stream().mapToLong(Math::round).toArray());
	}

}
