package dev.latchkey.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The printed tables and the plausibility checks of a run.
 */
final class Report {

	private final StringBuilder text = new StringBuilder();

	private final int cores;

	Report(int cores) {
		this.cores = cores;
	}

	Report line(String format, Object... arguments) {
		String line = String.format(Locale.ROOT, format, arguments);
		System.out.println(line);
		this.text.append(line).append('\n');
		return this;
	}

	String text() {
		return this.text.toString();
	}

	void ceilings(Ceilings ceilings) {
		line("Ceilings (one core, this JVM, Nimbus JOSE / Spring Security Argon2PasswordEncoder):");
		line("  ES256 sign %,.0f/s  verify %,.0f/s | RS256 (RSA 3072) sign %,.0f/s  verify %,.0f/s | Argon2id m=19 MiB t=2 p=1: %.1f ms",
				ceilings.es256Sign(), ceilings.es256Verify(), ceilings.rs256Sign(), ceilings.rs256Verify(),
				ceilings.argon2Millis());
	}

	static final String HEADER = String.format(Locale.ROOT,
			"%-10s %-30s %4s %9s %8s %8s %6s %8s %7s %6s %6s %7s %10s %7s %7s", "server", "scenario", "conc", "ops/s",
			"p50 ms", "p99 ms", "errors", "cpu ms", "db cpu", "tx", "ins", "scans", "ceiling/s", "of ceil", "crypto");

	void table(List<LoadRun.Result> results) {
		line("");
		line("Per operation: cpu ms = server JVM CPU (utime+stime from /proc), db cpu = PostgreSQL CPU, tx = commits,");
		line("ins = inserted rows, scans = table scans (index or sequential, ~ statements reading a table).");
		line("ceiling/s = %d cores x the cryptography an operation needs (resource server: the unsecured baseline at",
				this.cores);
		line("the same concurrency); of ceil = ops/s / ceiling; crypto = crypto ms / server cpu ms.");
		line(HEADER);
		for (LoadRun.Result result : results) {
			row(result, results);
		}
	}

	private void row(LoadRun.Result r, List<LoadRun.Result> all) {
		double ceiling = ceiling(r, all);
		line("%-10s %-30s %4d %9.1f %8.2f %8.2f %6d %8.2f %7.2f %6.2f %6.2f %7.2f %10s %7s %7s", r.server(),
				r.scenario(), r.concurrency(), r.throughput(), r.p50Millis(), r.p99Millis(), r.errors(),
				r.cpuPerOperation(), r.dbCpuPerOperation(), r.per(r.db().commits()), r.per(r.db().inserted()),
				r.per(r.db().scans()), Double.isNaN(ceiling) ? "-" : String.format(Locale.ROOT, "%.0f", ceiling),
				Double.isNaN(ceiling) ? "-" : String.format(Locale.ROOT, "%.3f", r.throughput() / ceiling),
				Double.isNaN(r.cryptoMillis()) ? "-"
						: String.format(Locale.ROOT, "%.2f", r.cryptoMillis() / r.cpuPerOperation()));
		if (r.firstError() != null) {
			line("           first error: %s", r.firstError());
		}
		if (r.shed() > 0) {
			line("           shed: %d requests answered 503 with Retry-After (load shedding, not counted as errors)",
					r.shed());
		}
	}

	/**
	 * The ceiling of a result: what the cryptography allows, or for the resource server
	 * the unsecured baseline at the same concurrency.
	 */
	double ceiling(LoadRun.Result r, List<LoadRun.Result> all) {
		if (!Double.isNaN(r.cryptoMillis())) {
			return r.cryptoCeiling(this.cores);
		}
		if (r.scenario().startsWith("resource") && !r.scenario().contains("baseline")) {
			return baseline(r, all).map(LoadRun.Result::throughput).orElse(Double.NaN);
		}
		return Double.NaN;
	}

	private static Optional<LoadRun.Result> baseline(LoadRun.Result r, List<LoadRun.Result> all) {
		return all.stream()
			.filter((other) -> other.scenario().contains("baseline") && other.concurrency() == r.concurrency())
			.findFirst();
	}

	/**
	 * What makes a run implausible: errors, nothing measured, faster than the
	 * cryptography allows or than the unsecured baseline by far, or so slow against its
	 * ceiling that something must be broken.
	 */
	List<String> problems(List<LoadRun.Result> results) {
		return results.stream().flatMap((r) -> problems(r, results).stream()).toList();
	}

	List<String> problems(LoadRun.Result r, List<LoadRun.Result> results) {
		List<String> problems = new ArrayList<>();
		String what = r.server() + " " + r.scenario() + " at " + r.concurrency();
		if (r.errors() > 0) {
			problems.add(what + ": " + r.errors() + " errors, first: " + r.firstError());
		}
		if (r.operations() == 0) {
			problems.add(what + ": no operation completed");
			return problems;
		}
		ceilingProblem(what, r, ceiling(r, results)).ifPresent(problems::add);
		cpuProblem(what, r).ifPresent(problems::add);
		return problems;
	}

	private static Optional<String> ceilingProblem(String what, LoadRun.Result r, double ceiling) {
		if (Double.isNaN(ceiling)) {
			return Optional.empty();
		}
		double fraction = r.throughput() / ceiling;
		boolean baseline = Double.isNaN(r.cryptoMillis());
		double max = baseline ? 1.5 : 1.0;
		if (fraction <= max && fraction >= 0.0005) {
			return Optional.empty();
		}
		return Optional.of(String.format(Locale.ROOT, "%s: %.4f of its ceiling is implausible (%s)", what, fraction,
				baseline ? "expected up to 1.5 of the baseline" : "expected 0.0005 to 1.0"));
	}

	private static Optional<String> cpuProblem(String what, LoadRun.Result r) {
		if (Double.isNaN(r.cryptoMillis()) || r.serverCpuMillis() <= 0
				|| r.cryptoMillis() / r.cpuPerOperation() <= 1.0) {
			return Optional.empty();
		}
		return Optional.of(String.format(Locale.ROOT,
				"%s: the server used %.3f ms CPU per operation, less than its cryptography (%.3f ms)", what,
				r.cpuPerOperation(), r.cryptoMillis()));
	}

}
