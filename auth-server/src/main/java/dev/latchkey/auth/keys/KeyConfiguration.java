package dev.latchkey.auth.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * The key-encryption keys, the JWT encoder and decoder on top of the stored signing keys,
 * and HTTP caching of the JWKS.
 */
@Configuration(proxyBeanMethods = false)
class KeyConfiguration {

	@Bean
	KeyEncryptionKeys keyEncryptionKeys(KeyProperties properties) {
		List<KeyEncryptionKey> previous = new ArrayList<>();
		for (int i = 0; i < properties.kekPrevious().size(); i++) {
			try {
				previous.add(KeyEncryptionKey.fromBase64(properties.kekPrevious().get(i)));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"LATCHKEY_KEK_PREVIOUS (latchkey.kek-previous) entry " + (i + 1) + ": " + ex.getMessage());
			}
		}
		return new KeyEncryptionKeys(currentKeyEncryptionKey(properties), previous);
	}

	private static KeyEncryptionKey currentKeyEncryptionKey(KeyProperties properties) {
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
	JwtEncoder jwtEncoder(SigningKeySource keys, KeyRotationProperties properties, Clock clock) {
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(keys);
		encoder.setJwkSelector((candidates) -> candidates.stream()
			.filter(JWK::isPrivate)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No active signing key for the requested algorithm")));
		return new LifetimeLimitedJwtEncoder(encoder, properties.maxTokenLifetime(), clock);
	}

	/**
	 * Verifies this server's own access tokens (at the userinfo endpoint).
	 */
	@Bean
	JwtDecoder jwtDecoder(SigningKeySource keys, Clock clock) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		decoder
			.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTypeValidator("at+jwt"), timestamps(clock)));
		return decoder;
	}

	/**
	 * {@code Cache-Control} on the JWKS, set before the framework's endpoint writes it.
	 */
	@Bean
	FilterRegistrationBean<JwksCacheControl> jwksCacheControl(SigningKeySource keys, KeyRotationProperties properties,
			Clock clock, AuthorizationServerSettings settings) {
		FilterRegistrationBean<JwksCacheControl> registration = new FilterRegistrationBean<>(
				new JwksCacheControl(keys, properties, clock));
		registration.addUrlPatterns(settings.getJwkSetEndpoint());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 210);
		return registration;
	}

	/**
	 * A strong {@code ETag} on the JWKS (a hash of the body, so every node gives the same
	 * one for the same keys) and {@code 304 Not Modified} for a matching
	 * {@code If-None-Match}.
	 */
	@Bean
	FilterRegistrationBean<ShallowEtagHeaderFilter> jwksEtag(AuthorizationServerSettings settings) {
		FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(
				new ShallowEtagHeaderFilter());
		registration.addUrlPatterns(settings.getJwkSetEndpoint());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 200);
		return registration;
	}

	private static JwtTimestampValidator timestamps(Clock clock) {
		JwtTimestampValidator validator = new JwtTimestampValidator();
		validator.setClock(clock);
		return validator;
	}

}
