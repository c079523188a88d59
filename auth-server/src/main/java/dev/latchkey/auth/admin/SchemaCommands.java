package dev.latchkey.auth.admin;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.SampleAccounts;
import dev.latchkey.auth.client.ClientRegistrations;
import dev.latchkey.auth.client.SampleClients;
import org.flywaydb.core.Flyway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.stereotype.Component;

/**
 * The schema commands: {@code admin migrate} for every mode, and the dev-only
 * {@code admin reset-db} and {@code admin seed-data}, which refuse to run in production.
 */
final class SchemaCommands {

	static final String DEV_ONLY = "is for dev mode only and refuses to run in production "
			+ "(run it with --spring.profiles.active=dev)";

	private SchemaCommands() {
	}

	static String version(Flyway flyway) {
		var current = flyway.info().current();
		return (current != null && current.getVersion() != null) ? current.getVersion().getVersion() : "none";
	}

	@Component
	@Command(name = "migrate",
			description = "Bring the database schema up to this release (in production a backup is taken first).")
	static final class Migrate implements Callable<Integer> {

		private final Flyway flyway;

		private final BackupBeforeMigration migration;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Spec
		CommandSpec spec;

		Migrate(Flyway flyway, BackupBeforeMigration migration) {
			this.flyway = flyway;
			this.migration = migration;
		}

		/**
		 * The migration itself ran as this command started (with the backup first in
		 * production); this reports it.
		 */
		@Override
		public Integer call() {
			PrintWriter out = this.spec.commandLine().getOut();
			out.printf("Schema at version %s (was %s)%n", version(this.flyway), this.migration.versionBefore());
			if (this.migration.backupFile() != null) {
				out.printf("Backup taken first: %s%n", this.migration.backupFile());
			}
			out.flush();
			return 0;
		}

	}

	@Component
	@Command(name = "reset-db", description = "Dev mode only: drop every table and recreate the schema.")
	static final class ResetDatabase implements Callable<Integer> {

		private final JdbcOperations jdbc;

		private final Flyway flyway;

		private final Environment environment;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Spec
		CommandSpec spec;

		ResetDatabase(JdbcOperations jdbc, Flyway flyway, Environment environment) {
			this.jdbc = jdbc;
			this.flyway = flyway;
			this.environment = environment;
		}

		@Override
		public Integer call() {
			if (!this.environment.matchesProfiles("dev")) {
				this.spec.commandLine().getErr().println("admin reset-db " + DEV_ONLY);
				return 1;
			}
			this.jdbc.execute("DROP SCHEMA IF EXISTS public CASCADE");
			this.jdbc.execute("CREATE SCHEMA public");
			this.flyway.migrate();
			this.spec.commandLine()
				.getOut()
				.printf("Dropped and recreated the database at schema version %s%n", version(this.flyway));
			return 0;
		}

	}

	@Component
	@Command(name = "seed-data", description = "Dev mode only: create (or put back) the sample users and clients.")
	static final class SeedData implements Callable<Integer> {

		private final Accounts accounts;

		private final ClientRegistrations clients;

		private final Environment environment;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Spec
		CommandSpec spec;

		SeedData(Accounts accounts, ClientRegistrations clients, Environment environment) {
			this.accounts = accounts;
			this.clients = clients;
			this.environment = environment;
		}

		@Override
		public Integer call() {
			if (!this.environment.matchesProfiles("dev")) {
				this.spec.commandLine().getErr().println("admin seed-data " + DEV_ONLY);
				return 1;
			}
			SampleAccounts.SAMPLES.forEach(this.accounts::ensure);
			SampleClients.SAMPLES.forEach(this.clients::ensure);
			this.spec.commandLine()
				.getOut()
				.printf("Sample data in place: %d users, %d clients%n", SampleAccounts.SAMPLES.size(),
						SampleClients.SAMPLES.size());
			return 0;
		}

	}

}
