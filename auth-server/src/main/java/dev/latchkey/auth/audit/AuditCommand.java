package dev.latchkey.auth.audit;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import org.springframework.stereotype.Component;

/**
 * {@code admin audit verify}: checks the audit log's hash chain; exit code 1 names the
 * first broken row.
 */
@Component
@Command(name = "audit", description = "The audit log: verify its hash chain.", synopsisSubcommandLabel = "COMMAND",
		subcommands = { AuditCommand.Verify.class })
final class AuditCommand implements Runnable {

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	boolean help;

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "Missing command");
	}

	@Command(name = "verify", description = { "Check that no audit entry was changed, removed or inserted by hand.",
			"Exit code 0: intact; 1: broken, with the first broken entry's number." })
	static final class Verify implements Callable<Integer> {

		private final AuditLog audit;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Spec
		CommandSpec spec;

		Verify(AuditLog audit) {
			this.audit = audit;
		}

		@Override
		public Integer call() {
			AuditVerification result = this.audit.verify();
			if (result.intact()) {
				this.spec.commandLine()
					.getOut()
					.printf("Audit chain intact: %d entries checked%n", result.rowsChecked());
				this.spec.commandLine().getOut().flush();
				return 0;
			}
			this.spec.commandLine()
				.getErr()
				.printf("admin audit verify: broken at entry %d: %s%n", result.firstBrokenId(), result.problem());
			this.spec.commandLine().getErr().flush();
			return 1;
		}

	}

}
