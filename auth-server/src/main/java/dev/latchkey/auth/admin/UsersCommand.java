package dev.latchkey.auth.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.latchkey.auth.account.AccountSummary;
import dev.latchkey.auth.account.Accounts;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * {@code admin users}: create an account from the command line (the first administrator
 * of a new installation, for instance).
 */
@Component
@Command(name = "users", description = "User accounts: create one, unlock one.", synopsisSubcommandLabel = "COMMAND",
		subcommands = { UsersCommand.Create.class, UsersCommand.Unlock.class })
final class UsersCommand implements Runnable {

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	boolean help;

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "Missing command");
	}

	/**
	 * The problems of a refused request, in English words, on one line.
	 */
	static String reasons(AdminRequestException refused, MessageSource messages) {
		return refused.problems()
			.stream()
			.map((problem) -> problem.field() + ": "
					+ messages.getMessage(problem.code(), problem.arguments().toArray(), problem.code(),
							Locale.ENGLISH))
			.collect(Collectors.joining("; "));
	}

	@Command(name = "create",
			description = { "Create a user account.",
					"Without --password-stdin nobody knows its password: send a reset link (--send-reset-link) "
							+ "so the person chooses one, or set one with --password-stdin." })
	static final class Create implements Callable<Integer> {

		private final UserAdministration users;

		private final MessageSource messages;

		@Option(names = "--email", required = true, paramLabel = "ADDRESS", description = "The email address.")
		String email;

		@Option(names = "--name", required = true, paramLabel = "NAME", description = "The name shown to people.")
		String name;

		@Option(names = "--role", required = true, paramLabel = "ROLE",
				description = "A role: ADMIN, MANAGER, USER or GUEST (repeat for several).")
		List<String> roles;

		@Option(names = "--password-stdin",
				description = "Read the password from the first line of standard input (it must meet the password "
						+ "policy; it never appears in a log or the audit record).")
		boolean passwordStdin;

		@Option(names = "--send-reset-link", description = "Mail a password reset link now (needs mail settings).")
		boolean sendResetLink;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Spec
		CommandSpec spec;

		Create(UserAdministration users, MessageSource messages) {
			this.users = users;
			this.messages = messages;
		}

		@Override
		public Integer call() throws IOException {
			PrintWriter err = this.spec.commandLine().getErr();
			String password = null;
			if (this.passwordStdin) {
				password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
				if (password == null || password.isEmpty()) {
					err.println("admin users create: no password on standard input");
					return 1;
				}
			}
			try {
				AccountSummary created = this.users.create(
						new UserAdministration.NewUser(this.email, this.name, this.roles, this.sendResetLink), password,
						Operator.commandLine(), Locale.ENGLISH);
				PrintWriter out = this.spec.commandLine().getOut();
				out.printf("Created user %s (%s) with roles %s%n", created.email(), created.id(),
						UserAdministration.names(created.roles()));
				out.flush();
				return 0;
			}
			catch (AdminRequestException ex) {
				err.println("admin users create: " + reasons(ex, this.messages));
				return 1;
			}
		}

	}

	@Command(name = "unlock", description = { "Clear the lock and the failed sign-ins of an account now.",
			"A lock also ends by itself, and when the password is reset." })
	static final class Unlock implements Callable<Integer> {

		private final Accounts accounts;

		private final AccountLocks locks;

		@Parameters(index = "0", paramLabel = "EMAIL", description = "The account's email address.")
		String email;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Spec
		CommandSpec spec;

		Unlock(Accounts accounts, AccountLocks locks) {
			this.accounts = accounts;
			this.locks = locks;
		}

		@Override
		public Integer call() {
			Optional<AccountSummary> account = this.accounts.findByEmail(this.email);
			if (account.isEmpty()) {
				this.spec.commandLine().getErr().println("admin users unlock: no account has the email " + this.email);
				return 1;
			}
			boolean wasLocked = this.locks.unlock(account.get().id(), Operator.commandLine());
			PrintWriter out = this.spec.commandLine().getOut();
			out.println(wasLocked ? "Unlocked " + account.get().email()
					: account.get().email() + " was not locked; its failed sign-ins were cleared");
			out.flush();
			return 0;
		}

	}

}
