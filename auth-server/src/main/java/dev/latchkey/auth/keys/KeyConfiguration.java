package dev.latchkey.auth.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.nimbusds.jose.jwk.JWK;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;

/**
 * The JWT encoder and decoder on top of the stored signing keys.
 */
@Configuration(proxyBeanMethods = false)
class KeyConfiguration {

	@Bean
	KeyEncryptionKey keyEncryptionKey(KeyProperties properties) {
		if (properties.kek() != null && !properties.kek().isBlank()) {
			return KeyEncryptionKey.fromBase64(properties.kek());
		}
		Path file = properties.kekFile();
		if (file == null) {
			throw new IllegalStateException("No key-encryption key: set LATCHKEY_KEK or LATCHKEY_KEK_FILE");
		}
		try {
			return KeyEncryptionKey.fromBase64(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the key-encryption key file " + file, ex);
		}
	}

	/**
	 * Signs with the active key of the algorithm the token asks for: among the keys of
	 * that algorithm only the active one carries its private half.
	 */
	@Bean
	JwtEncoder jwtEncoder(SigningKeySource keys) {
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(keys);
		encoder.setJwkSelector((candidates) -> candidates.stream()
			.filter(JWK::isPrivate)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No active signing key for the requested algorithm")));
		return encoder;
	}

	/**
	 * Verifies this server's own access tokens (at the userinfo endpoint).
	 */
	@Bean
	JwtDecoder jwtDecoder(SigningKeySource keys) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(new JwtTypeValidator("at+jwt"), new JwtTimestampValidator()));
		return decoder;
	}

}
