package dev.latchkey.resource.token;

import java.time.Clock;
import java.util.function.Predicate;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The one {@link JwtDecoder} of the API: keys only from the issuer's JWKS, ES256 or RS256
 * only, {@code typ: at+jwt} only, then the claim checks of {@link AccessTokenValidator},
 * behind the verified-token cache.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

	@Bean
	JwtDecoder jwtDecoder(TokenProperties properties, Clock clock) {
		IssuerKeys keys = new IssuerKeys(properties.issuer(), properties.keys(), clock);
		return decoder(keys, properties, clock, keys::publishes);
	}

	/**
	 * The decoder on any key source (the fuzz tests give it keys of their own).
	 */
	static JwtDecoder decoder(JWKSource<SecurityContext> keys, TokenProperties properties, Clock clock,
			Predicate<String> keyPublished) {
		NimbusJwtDecoder verifier = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithms((algorithms) -> {
			algorithms.clear();
			algorithms.add(SignatureAlgorithm.ES256);
			algorithms.add(SignatureAlgorithm.RS256);
		}).jwtProcessorCustomizer((processor) -> processor.setJWSTypeVerifier(AccessTokenValidator.TYPE)).build();
		verifier.setJwtValidator(new AccessTokenValidator(properties, clock));
		return new VerifiedTokenCache(verifier, properties, clock, keyPublished);
	}

}
