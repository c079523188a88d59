package dev.latchkey.auth.admin;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where backups taken before a migration go.
 *
 * @param directory a folder only the operator can read
 * ({@code LATCHKEY_BACKUP_DIRECTORY})
 */
@ConfigurationProperties("latchkey.backup")
record BackupProperties(@DefaultValue("backups") Path directory) {
}
