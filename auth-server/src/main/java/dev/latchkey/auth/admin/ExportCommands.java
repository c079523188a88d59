package dev.latchkey.auth.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.latchkey.auth.audit.AuditActor;
import dev.latchkey.auth.audit.AuditEvent;
import dev.latchkey.auth.audit.AuditLog;

import org.springframework.stereotype.Component;

/**
 * {@code admin export} and {@code admin import}: move a whole installation as one JSON
 * document (clients, users with password hashes, roles, consents, signing keys still
 * encrypted, the audit log with its chain). The format is the backup's.
 */
final class ExportCommands {

	private ExportCommands() {
	}

	@Component
	@Command(name = "export",
			description = {
					"Write clients, users (with password hashes), roles, consents, "
							+ "signing keys (still encrypted) and the audit log to one JSON file.",
					"Import it with the same key-encryption key. Keep the file as safe as the database." })
	static final class Export implements Callable<Integer> {

		private final DatabaseBackup backup;

		private final AuditLog audit;

		@Option(names = "--file", required = true, description = "The file to write; it must not exist yet.")
		Path file;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Spec
		CommandSpec spec;

		Export(DatabaseBackup backup, AuditLog audit) {
			this.backup = backup;
			this.audit = audit;
		}

		@Override
		public Integer call() throws IOException {
			this.audit.record(new AuditEvent("admin.exported", AuditActor.commandLine(), null, null,
					Map.of("file", String.valueOf(this.file.getFileName()))));
			Map<String, Integer> counts;
			try (OutputStream out = Files.newOutputStream(this.file, StandardOpenOption.CREATE_NEW)) {
				BackupBeforeMigration.restrictToOwner(this.file);
				counts = this.backup.export(out);
			}
			BackupCommands.printCounts(this.spec.commandLine().getOut(), "Exported", counts);
			return 0;
		}

	}

	@Component
	@Command(name = "import",
			description = {
					"Load an export into this database, which must hold no users and no "
							+ "clients (or pass --replace) and be at the export's schema version.",
					"The server needs the key-encryption key the export was made with." })
	static final class Import implements Callable<Integer> {

		private final DatabaseBackup backup;

		private final AuditLog audit;

		@Option(names = "--file", required = true, description = "The export to load.")
		Path file;

		@Option(names = "--replace", description = "Delete the data this database holds first.")
		boolean replace;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Spec
		CommandSpec spec;

		Import(DatabaseBackup backup, AuditLog audit) {
			this.backup = backup;
			this.audit = audit;
		}

		@Override
		public Integer call() throws IOException {
			Map<String, Integer> counts;
			try (InputStream in = Files.newInputStream(this.file)) {
				counts = this.backup.restore(in, this.replace);
			}
			// After the import, so the record continues the imported chain.
			this.audit.record(new AuditEvent("admin.imported", AuditActor.commandLine(), null, null,
					Map.of("file", String.valueOf(this.file.getFileName()))));
			BackupCommands.printCounts(this.spec.commandLine().getOut(), "Imported", counts);
			this.spec.commandLine().getOut().println("Restart every Latchkey node so no cache holds older data.");
			return 0;
		}

	}

}
