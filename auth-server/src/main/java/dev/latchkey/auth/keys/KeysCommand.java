package dev.latchkey.auth.keys;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.springframework.stereotype.Component;

/**
 * {@code admin keys}: the operator's signing key commands. A bean annotated with
 * {@link Command @Command}, so the command line offers it as a subcommand of
 * {@code admin}.
 */
@Component
@Command(name = "keys", description = "Signing keys: list them, rotate now, revoke one.",
		synopsisSubcommandLabel = "COMMAND",
		subcommands = { KeysCommand.ListKeys.class, KeysCommand.RotateKeys.class, KeysCommand.RevokeKey.class })
final class KeysCommand implements Runnable {

	static final String DEFAULT_ACTOR = "cli:${sys:user.name}";

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	boolean help;

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "Missing command");
	}

	private static String time(@Nullable Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.SECONDS).toString() : "-";
	}

	@Command(name = "list", description = "List every signing key with its state and dates.")
	static final class ListKeys implements Callable<Integer> {

		private static final String ROW = "%-9s %-8s %-36s  %-20s  %-20s  %-20s  %-20s%n";

		private final SigningKeys keys;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Spec
		CommandSpec spec;

		ListKeys(SigningKeys keys) {
			this.keys = keys;
		}

		@Override
		public Integer call() {
			PrintWriter out = this.spec.commandLine().getOut();
			List<SigningKeyDetails> all = this.keys.list();
			out.printf(ROW, "ALGORITHM", "STATE", "KID", "PUBLISHED", "SIGNS FROM", "SIGNS UNTIL", "LEAVES JWKS");
			for (SigningKeyDetails key : all) {
				out.printf(ROW, key.algorithm(), key.state(), key.kid(), time(key.publishedAt()),
						time(key.activatesAt()), time(key.retiresAt()), time(key.removesAt()));
				if (key.revokedAt() != null) {
					out.printf("          revoked %s by %s: %s%n", time(key.revokedAt()), key.revokedBy(),
							key.revokeReason());
				}
			}
			out.flush();
			return 0;
		}

	}

	@Command(name = "rotate",
			description = { "Start a rotation of every algorithm now.",
					"The new key is in the JWKS at once and signs after publish-ahead "
							+ "(latchkey.keys.publish-ahead), so resource servers know it first. "
							+ "If a key is already waiting, nothing changes." })
	static final class RotateKeys implements Callable<Integer> {

		private final SigningKeys keys;

		@Option(names = "--force", description = { "Make the next key sign now. Resource servers that cached the JWKS "
				+ "fetch it again when they see the new key id; use it when the active key must go at once." })
		boolean force;

		@Option(names = "--actor", defaultValue = DEFAULT_ACTOR, paramLabel = "NAME",
				description = "Who asks, for the audit record (default: ${DEFAULT-VALUE}).")
		String actor;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Spec
		CommandSpec spec;

		RotateKeys(SigningKeys keys) {
			this.keys = keys;
		}

		@Override
		public Integer call() {
			PrintWriter out = this.spec.commandLine().getOut();
			for (KeyRotationResult result : this.keys.rotate(this.force, this.actor)) {
				out.println(switch (result.outcome()) {
					case PUBLISHED -> result.algorithm() + ": published key " + result.kid() + "; it signs from "
							+ time(result.activatesAt());
					case ALREADY_PUBLISHED -> result.algorithm() + ": key " + result.kid()
							+ " was already published; it signs from " + time(result.activatesAt());
					case ACTIVATED -> result.algorithm() + ": key " + result.kid() + " signs now";
				});
			}
			out.flush();
			return 0;
		}

	}

	@Command(name = "revoke",
			description = { "Revoke a key at once after a compromise.",
					"It leaves the JWKS now, so tokens it signed stop verifying once resource servers "
							+ "refresh their copy; sessions and refresh tokens are unaffected. "
							+ "A revoked active key is replaced at once." })
	static final class RevokeKey implements Callable<Integer> {

		private final SigningKeys keys;

		@Parameters(index = "0", paramLabel = "KID", description = "The key id (see 'admin keys list').")
		String kid;

		@Option(names = "--reason", required = true, paramLabel = "TEXT",
				description = "Why, for the audit record (required).")
		String reason;

		@Option(names = "--actor", defaultValue = DEFAULT_ACTOR, paramLabel = "NAME",
				description = "Who revokes it, for the audit record (default: ${DEFAULT-VALUE}).")
		String actor;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Spec
		CommandSpec spec;

		RevokeKey(SigningKeys keys) {
			this.keys = keys;
		}

		@Override
		public Integer call() {
			SigningKeyDetails revoked = this.keys.revoke(this.kid, this.actor, this.reason);
			PrintWriter out = this.spec.commandLine().getOut();
			out.println("Revoked " + revoked.algorithm() + " key " + revoked.kid() + " at " + time(revoked.revokedAt())
					+ "; it is out of the JWKS. See 'admin keys list' for the key that signs now.");
			out.flush();
			return 0;
		}

	}

}
