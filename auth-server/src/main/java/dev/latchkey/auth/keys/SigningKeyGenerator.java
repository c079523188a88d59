package dev.latchkey.auth.keys;

import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import org.springframework.stereotype.Component;

/**
 * Generates fresh signing keys: ES256 on P-256 for access tokens, RS256 with 3072-bit RSA
 * for ID tokens (OpenID Connect requires RS256 support). Each key gets a random UUID as
 * its key id. A 3072-bit RSA key takes a second or more to find.
 */
@Component
class SigningKeyGenerator {

	static final int RSA_BITS = 3072;

	JWK generate(String algorithm) {
		String kid = UUID.randomUUID().toString();
		try {
			return switch (algorithm) {
				case "ES256" -> new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
					.algorithm(JWSAlgorithm.ES256)
					.keyID(kid)
					.generate();
				case "RS256" -> new RSAKeyGenerator(RSA_BITS).keyUse(KeyUse.SIGNATURE)
					.algorithm(JWSAlgorithm.RS256)
					.keyID(kid)
					.generate();
				default -> throw new IllegalArgumentException("Unsupported signing algorithm " + algorithm);
			};
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate a " + algorithm + " key", ex);
		}
	}

}
