package dev.latchkey.auth.password;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes human passwords with Argon2id (m=19 MiB, t=2, p=1, the OWASP parameters). BCrypt
 * hashes, with or without the {@code {bcrypt}} prefix, still verify and are re-hashed
 * with Argon2id at the next successful sign-in. How many hashes run at once is bounded.
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashingConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(PasswordHashingConfiguration.class);

	static final String ARGON2 = "argon2";

	static final int ARGON2_MEMORY_KIB = 19 * 1024;

	static final int ARGON2_ITERATIONS = 2;

	static final int ARGON2_PARALLELISM = 1;

	@Bean
	HashingLimiter hashingLimiter(PasswordProperties properties) {
		int cores = Runtime.getRuntime().availableProcessors();
		long maxHeap = Runtime.getRuntime().maxMemory();
		int configured = properties.hashing().maxConcurrent();
		int capacity = (configured > 0) ? configured : HashingLimiter.capacityFor(cores, maxHeap);
		logger.info("Password hashing: at most {} Argon2id hashes at once ({} cores, {} MiB heap), waiting up to {}",
				capacity, cores, maxHeap / (1024 * 1024), properties.hashing().maxWait());
		return new HashingLimiter(capacity, properties.hashing().maxWait());
	}

	@Bean
	@Primary
	PasswordEncoder passwordEncoder(HashingLimiter limiter) {
		return new BoundedPasswordEncoder(unboundedPasswordEncoder(), limiter);
	}

	static PasswordEncoder unboundedPasswordEncoder() {
		PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, ARGON2_PARALLELISM, ARGON2_MEMORY_KIB,
				ARGON2_ITERATIONS);
		BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(12);
		DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder(ARGON2,
				Map.of(ARGON2, argon2, "bcrypt", bcrypt));
		encoder.setDefaultPasswordEncoderForMatches(bcrypt);
		return encoder;
	}

}
