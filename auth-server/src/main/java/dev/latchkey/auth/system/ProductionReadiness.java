package dev.latchkey.auth.system;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.latchkey.auth.keys.KeyEncryptionKey;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Refuses to start in production (no {@code dev} profile) unless every setting that must
 * not be defaulted is present and safe. All problems are reported at once.
 */
final class ProductionReadiness implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (DevEnvironment.isDev(environment)) {
			return;
		}
		List<String> problems = problems(environment);
		if (!problems.isEmpty()) {
			throw new UnsafeConfigurationException(problems);
		}
	}

	static List<String> problems(ConfigurableEnvironment environment) {
		List<String> problems = new ArrayList<>();
		checkDatabase(environment.getProperty("spring.datasource.url"), problems);
		checkKeyEncryptionKey(environment.getProperty("latchkey.kek"), environment.getProperty("latchkey.kek-file"),
				problems);
		checkIssuer(environment.getProperty("latchkey.issuer"), problems);
		if (environment.getProperty("latchkey.dev.sample-data", Boolean.class, false)) {
			problems.add("latchkey.dev.sample-data is true: sample users and clients with published passwords "
					+ "must never exist in production (unset it)");
		}
		return problems;
	}

	private static void checkDatabase(@Nullable String url, List<String> problems) {
		if (!StringUtils.hasText(url)) {
			problems.add("SPRING_DATASOURCE_URL (spring.datasource.url) is missing: "
					+ "set it to a PostgreSQL URL such as jdbc:postgresql://db:5432/latchkey");
		}
		else if (!url.startsWith("jdbc:postgresql:")) {
			problems.add("SPRING_DATASOURCE_URL (spring.datasource.url) is not a PostgreSQL URL "
					+ "(jdbc:postgresql://...): Latchkey runs on PostgreSQL only");
		}
	}

	private static void checkKeyEncryptionKey(@Nullable String kek, @Nullable String kekFile, List<String> problems) {
		if (StringUtils.hasText(kek)) {
			KeyEncryptionKey.problemWith(kek).ifPresent((problem) -> problems.add("LATCHKEY_KEK " + problem));
		}
		else if (StringUtils.hasText(kekFile)) {
			Path file = Path.of(kekFile);
			if (!Files.isReadable(file)) {
				problems.add("LATCHKEY_KEK_FILE (latchkey.kek-file) names a file that cannot be read: " + file);
			}
		}
		else {
			problems.add("LATCHKEY_KEK or LATCHKEY_KEK_FILE is missing: the key-encryption key "
					+ "(32 random bytes, base64) that protects the signing keys, e.g. from `openssl rand -base64 32`");
		}
	}

	private static void checkIssuer(@Nullable String issuer, List<String> problems) {
		if (!StringUtils.hasText(issuer)) {
			problems.add("LATCHKEY_ISSUER (latchkey.issuer) is missing: the public https URL of this server");
			return;
		}
		URI uri;
		try {
			uri = URI.create(issuer);
		}
		catch (IllegalArgumentException ex) {
			problems.add("LATCHKEY_ISSUER (latchkey.issuer) is not a valid URL");
			return;
		}
		if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
			problems.add("LATCHKEY_ISSUER (latchkey.issuer) must be an https URL in production");
		}
		else if (uri.getQuery() != null || uri.getFragment() != null) {
			problems.add("LATCHKEY_ISSUER (latchkey.issuer) must not have a query or fragment");
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
