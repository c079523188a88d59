package dev.latchkey.auth.keys;

import java.util.UUID;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * Generates signing keys for tests that rotate many times: fresh EC keys, but RSA keys
 * that share one 3072-bit key pair under new key ids, because finding a 3072-bit RSA key
 * takes seconds. Key ids stay unique, and every check in these tests goes by key id.
 */
final class TestKeyGenerator extends SigningKeyGenerator {

	private static volatile RSAKey rsaTemplate;

	@Override
	JWK generate(String algorithm) {
		if (!"RS256".equals(algorithm)) {
			return super.generate(algorithm);
		}
		return new RSAKey.Builder(rsaTemplate()).keyID(UUID.randomUUID().toString()).build();
	}

	private RSAKey rsaTemplate() {
		if (rsaTemplate == null) {
			synchronized (TestKeyGenerator.class) {
				if (rsaTemplate == null) {
					rsaTemplate = super.generate("RS256").toRSAKey();
				}
			}
		}
		return rsaTemplate;
	}

}
