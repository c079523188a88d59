package dev.latchkey.auth.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In dev mode, points the key-encryption key at a file in the data folder, generating it
 * on first start. An explicitly set key or key file wins.
 */
final class DevEnvironment implements EnvironmentPostProcessor, Ordered {

	private static final SecureRandom RANDOM = new SecureRandom();

	static final String DEV_PROFILE = "dev";

	private static final String KEK = "latchkey.kek";

	private static final String KEK_FILE = "latchkey.kek-file";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!isDev(environment) || environment.containsProperty(KEK) || environment.containsProperty(KEK_FILE)) {
			return;
		}
		String configured = environment.getProperty(DevProperties.DATA_DIR);
		Path dataDir = (configured != null) ? Path.of(configured) : DevProperties.defaultDataDir();
		Path kekFile = ensureKeyEncryptionKey(dataDir.resolve("kek"));
		environment.getPropertySources()
			.addLast(new MapPropertySource("latchkeyDevDefaults", Map.of(KEK_FILE, kekFile.toString())));
	}

	static boolean isDev(ConfigurableEnvironment environment) {
		return environment.matchesProfiles(DEV_PROFILE);
	}

	private static Path ensureKeyEncryptionKey(Path file) {
		try {
			if (Files.exists(file)) {
				return file;
			}
			Path directory = file.toAbsolutePath().getParent();
			if (directory != null) {
				Files.createDirectories(directory);
			}
			byte[] key = new byte[32];
			RANDOM.nextBytes(key);
			Files.writeString(file, Base64.getEncoder().encodeToString(key));
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// Not a POSIX file system (Windows): the folder's ACL applies.
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the dev key-encryption key in " + file.getParent(), ex);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
