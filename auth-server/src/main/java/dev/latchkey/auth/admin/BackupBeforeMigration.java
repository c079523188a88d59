package dev.latchkey.auth.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;

import dev.latchkey.auth.system.AdminCli;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * In production, an existing database is backed up before Flyway changes it, whether the
 * server or {@code admin migrate} runs the migration. If the backup cannot be written,
 * nothing is migrated. A fresh database and dev mode migrate at once.
 */
@Component
final class BackupBeforeMigration implements FlywayMigrationStrategy {

	static final java.util.Set<String> MIGRATING_COMMANDS = java.util.Set.of("", "migrate", "reset-db", "--help", "-h");

	private static final Logger logger = LoggerFactory.getLogger(BackupBeforeMigration.class);

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final DatabaseBackup backup;

	private final BackupProperties properties;

	private final Environment environment;

	private final Clock clock;

	private String versionBefore = "none";

	private @Nullable Path backupFile;

	BackupBeforeMigration(DatabaseBackup backup, BackupProperties properties, Environment environment, Clock clock) {
		this.backup = backup;
		this.properties = properties;
		this.environment = environment;
		this.clock = clock;
	}

	@Override
	public void migrate(Flyway flyway) {
		this.versionBefore = SchemaCommands.version(flyway);
		boolean existing = flyway.info().current() != null;
		boolean pending = flyway.info().pending().length > 0;
		String command = this.environment.getProperty(AdminCli.COMMAND_PROPERTY);
		if (existing && command != null && !MIGRATING_COMMANDS.contains(command)) {
			// Other admin commands never change an existing schema behind the operator's
			// back (a fresh database has nothing to lose and is set up as usual).
			if (pending) {
				throw new IllegalStateException("The database is at schema version " + this.versionBefore
						+ " but this release needs a newer one: run `admin migrate` first");
			}
			return;
		}
		if (existing && pending && !this.environment.matchesProfiles("dev")) {
			this.backupFile = backUp();
			logger.info("Backed up the database to {} before migrating it", this.backupFile);
		}
		flyway.migrate();
	}

	String versionBefore() {
		return this.versionBefore;
	}

	@Nullable Path backupFile() {
		return this.backupFile;
	}

	Path backUp() {
		Path directory = this.properties.directory();
		Path file = directory
			.resolve("latchkey-" + STAMP.format(this.clock.instant()) + "-v" + this.backup.schemaVersion() + ".json");
		try {
			Files.createDirectories(directory);
			try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
				restrictToOwner(file);
				this.backup.export(out);
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the backup taken before migrating to " + directory
					+ "; nothing was migrated (set latchkey.backup.directory to a writable folder)", ex);
		}
	}

	static void restrictToOwner(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system: the folder's permissions apply.
		}
	}

}
