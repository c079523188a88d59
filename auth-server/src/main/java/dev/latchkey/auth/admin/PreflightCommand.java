package dev.latchkey.auth.admin;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.springframework.stereotype.Component;

/**
 * {@code admin preflight}: the pre-deployment check, pass or fail per line, non-zero exit
 * on any failure.
 */
@Component
@Command(name = "preflight", description = "Check this configuration and database before a production deploy.")
final class PreflightCommand implements Callable<Integer> {

	private final Preflight preflight;

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	boolean help;

	@Spec
	CommandSpec spec;

	PreflightCommand(Preflight preflight) {
		this.preflight = preflight;
	}

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		List<Preflight.Check> checks = this.preflight.run();
		for (Preflight.Check check : checks) {
			out.printf("%s  %s%n", check.passed() ? "PASS" : "FAIL", check.what());
			if (!check.passed()) {
				out.printf("      fix: %s%n", check.fix());
			}
		}
		long failed = checks.stream().filter((check) -> !check.passed()).count();
		out.printf("%d of %d checks passed%n", checks.size() - failed, checks.size());
		out.flush();
		return (failed == 0) ? 0 : 1;
	}

}
