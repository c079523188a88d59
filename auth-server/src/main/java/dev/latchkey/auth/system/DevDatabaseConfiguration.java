package dev.latchkey.auth.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Dev mode's database: an embedded PostgreSQL 17 whose data lives in the data folder and
 * so survives restarts. An explicit {@code spring.datasource.url} wins, and production
 * never gets here.
 */
@Configuration(proxyBeanMethods = false)
@Profile(DevEnvironment.DEV_PROFILE)
@Conditional(DevDatabaseConfiguration.NoDataSourceUrl.class)
class DevDatabaseConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(DevDatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(DevProperties properties) throws IOException {
		Path dataDirectory = properties.dataDir().resolve("pgdata");
		Files.createDirectories(dataDirectory);
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.setPGStartupWait(Duration.ofSeconds(60))
			.start();
		logger.info("Dev mode: embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dataDirectory);
		return postgres;
	}

	@Bean
	DataSource dataSource(EmbeddedPostgres postgres) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setUsername("postgres");
		dataSource.setMaximumPoolSize(10);
		dataSource.setPoolName("latchkey-dev");
		return dataSource;
	}

	static final class NoDataSourceUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !context.getEnvironment().containsProperty("spring.datasource.url");
		}

	}

}
