package dev.latchkey.auth.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.springframework.stereotype.Component;

/**
 * {@code admin backup} and {@code admin restore}: all of Latchkey's data to and from one
 * JSON file.
 */
final class BackupCommands {

	private BackupCommands() {
	}

	static void printCounts(PrintWriter out, String verb, Map<String, Integer> counts) {
		int rows = counts.values().stream().mapToInt(Integer::intValue).sum();
		out.printf("%s %d rows from %d tables%n", verb, rows, counts.size());
		counts.forEach((table, count) -> out.printf("  %-34s %8d%n", table, count));
		out.flush();
	}

	@Component
	@Command(name = "backup", description = "Write all of Latchkey's data to a JSON file (keys stay encrypted, "
			+ "passwords hashed; keep the file as safe as the database).")
	static final class Backup implements Callable<Integer> {

		private final DatabaseBackup backup;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Option(names = "--file", required = true, description = "The file to write; it must not exist yet.")
		Path file;

		@Spec
		CommandSpec spec;

		Backup(DatabaseBackup backup) {
			this.backup = backup;
		}

		@Override
		public Integer call() throws IOException {
			Map<String, Integer> counts;
			try (OutputStream out = Files.newOutputStream(this.file, StandardOpenOption.CREATE_NEW)) {
				BackupBeforeMigration.restrictToOwner(this.file);
				counts = this.backup.export(out);
			}
			printCounts(this.spec.commandLine().getOut(), "Backed up", counts);
			return 0;
		}

	}

	@Component
	@Command(name = "restore",
			description = "Load a backup into this database, which must be empty and at the backup's schema version.")
	static final class Restore implements Callable<Integer> {

		private final DatabaseBackup backup;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Option(names = "--file", required = true, description = "The backup to load.")
		Path file;

		@Option(names = "--replace", description = "Delete the data this database holds first.")
		boolean replace;

		@Spec
		CommandSpec spec;

		Restore(DatabaseBackup backup) {
			this.backup = backup;
		}

		@Override
		public Integer call() throws IOException {
			Map<String, Integer> counts;
			try (InputStream in = Files.newInputStream(this.file)) {
				counts = this.backup.restore(in, this.replace);
			}
			printCounts(this.spec.commandLine().getOut(), "Restored", counts);
			this.spec.commandLine().getOut().println("Restart every Latchkey node so no cache holds older data.");
			return 0;
		}

	}

}
