package dev.latchkey.auth.system;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of dev mode.
 *
 * @param dataDir where dev mode keeps its embedded database and generated key-encryption
 * key; {@code ~/.latchkey/dev} by default
 * @param sampleData whether the sample users and clients of DESIGN.md are created
 */
@ConfigurationProperties("latchkey.dev")
record DevProperties(Path dataDir, boolean sampleData) {

	static final String DATA_DIR = "latchkey.dev.data-dir";

	DevProperties(@Nullable Path dataDir, boolean sampleData) {
		this.dataDir = (dataDir != null) ? dataDir : defaultDataDir();
		this.sampleData = sampleData;
	}

	static Path defaultDataDir() {
		return Path.of(System.getProperty("user.home"), ".latchkey", "dev");
	}

}
