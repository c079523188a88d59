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
			"Prints the newest entry as an anchor (ID:HASH) to keep outside the database; the server also logs one "
					+ "every latchkey.audit.anchor-interval.",
			"Exit code 0: intact; 1: broken, with the first broken entry's number." })
	static final class Verify implements Callable<Integer> {

		private final AuditLog audit;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Option(names = "--anchor", paramLabel = "ID:HASH",
				description = { "An anchor from an earlier check or the server log: the entry must still have "
						+ "that hash, which detects a rewrite of the whole log." })
		@org.jspecify.annotations.Nullable
		String anchor;

		@Spec
		CommandSpec spec;

		Verify(AuditLog audit) {
			this.audit = audit;
		}

		@Override
		public Integer call() {
			AuditAnchor given;
			try {
				given = (this.anchor != null) ? AuditAnchor.parse(this.anchor) : null;
			}
			catch (IllegalArgumentException ex) {
				throw new ParameterException(this.spec.commandLine(), "--anchor: " + ex.getMessage(), ex);
			}
			AuditVerification result = this.audit.verify(given);
			if (result.intact()) {
				this.spec.commandLine()
					.getOut()
					.printf("Audit chain intact: %d entries checked%s%s%n", result.rowsChecked(),
							(given != null) ? ", anchor " + given.id() + " matches" : "",
							(result.head() != null) ? "; newest entry as anchor: " + result.head() : "");
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
