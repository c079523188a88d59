package dev.latchkey.auth.password;

import java.util.Map;

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
 * with Argon2id at the next successful sign-in.
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashingConfiguration {

	static final String ARGON2 = "argon2";

	static final int ARGON2_MEMORY_KIB = 19 * 1024;

	static final int ARGON2_ITERATIONS = 2;

	static final int ARGON2_PARALLELISM = 1;

	@Bean
	@Primary
	PasswordEncoder passwordEncoder() {
		PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, ARGON2_PARALLELISM, ARGON2_MEMORY_KIB,
				ARGON2_ITERATIONS);
		BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(12);
		DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder(ARGON2,
				Map.of(ARGON2, argon2, "bcrypt", bcrypt));
		encoder.setDefaultPasswordEncoderForMatches(bcrypt);
		return encoder;
	}

}
