package dev.latchkey.bench;

import java.util.Arrays;
import java.util.Date;
import java.util.UUID;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * What the cryptography alone allows, measured in this run on one thread and per second
 * of that thread's CPU time (one core, however busy the machine is): JWT signatures and
 * verifications with Nimbus JOSE, the library the server signs with, and one Argon2id
 * hash with the server's parameters (m=19 MiB, t=2, p=1) through Spring Security's
 * encoder (Bouncy Castle).
 *
 * @param es256Sign ES256 signatures per second per core
 * @param es256Verify ES256 verifications per second per core
 * @param rs256Sign RS256 (RSA 3072) signatures per second per core
 * @param rs256Verify RS256 (RSA 3072) verifications per second per core
 * @param argon2Millis milliseconds of one Argon2id hash
 */
record Ceilings(double es256Sign, double es256Verify, double rs256Sign, double rs256Verify, double argon2Millis) {

	private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory
		.getThreadMXBean();

	static final int ARGON2_MEMORY_KIB = 19 * 1024;

	static final int ARGON2_ITERATIONS = 2;

	static Argon2PasswordEncoder argon2() {
		return new Argon2PasswordEncoder(16, 32, 1, ARGON2_MEMORY_KIB, ARGON2_ITERATIONS);
	}

	static Ceilings measure(double seconds) {
		try {
			ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
			RSAKey rsa = new RSAKeyGenerator(3072).keyID("rsa").generate();
			SignedJWT esToken = sign(new ECDSASigner(ec), JWSAlgorithm.ES256);
			SignedJWT rsToken = sign(new RSASSASigner(rsa), JWSAlgorithm.RS256);
			ECDSASigner esSigner = new ECDSASigner(ec);
			RSASSASigner rsSigner = new RSASSASigner(rsa);
			ECDSAVerifier esVerifier = new ECDSAVerifier(ec.toPublicJWK());
			RSASSAVerifier rsVerifier = new RSASSAVerifier(rsa.toPublicJWK());
			double es256Sign = rate(seconds, () -> sign(esSigner, JWSAlgorithm.ES256));
			double es256Verify = rate(seconds, () -> verify(esToken, esVerifier));
			double rs256Sign = rate(seconds, () -> sign(rsSigner, JWSAlgorithm.RS256));
			double rs256Verify = rate(seconds, () -> verify(rsToken, rsVerifier));
			Argon2PasswordEncoder argon2 = argon2();
			String hash = argon2.encode("Bench-password-1!");
			double[] millis = new double[(seconds < 1) ? 5 : 11];
			argon2.matches("Bench-password-1!", hash);
			for (int i = 0; i < millis.length; i++) {
				long start = THREADS.getCurrentThreadCpuTime();
				argon2.matches("Bench-password-1!", hash);
				millis[i] = (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
			}
			Arrays.sort(millis);
			return new Ceilings(es256Sign, es256Verify, rs256Sign, rs256Verify, millis[millis.length / 2]);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Milliseconds of one signature with the given algorithm.
	 */
	double signMillis(String algorithm) {
		return 1000 / ("RS256".equals(algorithm) ? this.rs256Sign : this.es256Sign);
	}

	double verifyMillis(String algorithm) {
		return 1000 / ("RS256".equals(algorithm) ? this.rs256Verify : this.es256Verify);
	}

	/**
	 * Operations per second of this thread's CPU time, so that other processes on the
	 * same cores do not lower the ceiling: it stays what one core can do.
	 */
	private static double rate(double seconds, Supplier<Object> operation) {
		long warmupEnd = THREADS.getCurrentThreadCpuTime() + (long) (Math.max(1, seconds * 0.5) * 1e9);
		while (THREADS.getCurrentThreadCpuTime() < warmupEnd) {
			operation.get();
		}
		long start = THREADS.getCurrentThreadCpuTime();
		long end = start + (long) (seconds * 1e9);
		long count = 0;
		long now;
		do {
			operation.get();
			count++;
			now = THREADS.getCurrentThreadCpuTime();
		}
		while (now < end);
		return count / ((now - start) / 1e9);
	}

	private static SignedJWT sign(JWSSigner signer, JWSAlgorithm algorithm) {
		try {
			JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://latchkey.bench")
				.subject("bench-service")
				.audience("http://localhost:8081")
				.claim("client_id", "bench-service")
				.claim("scope", "documents.read")
				.jwtID(UUID.randomUUID().toString())
				.issueTime(new Date())
				.expirationTime(new Date(System.currentTimeMillis() + 600_000))
				.build();
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(algorithm).type(new JOSEObjectType("at+jwt")).keyID("k").build(), claims);
			jwt.sign(signer);
			jwt.serialize();
			return jwt;
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Object verify(SignedJWT token, JWSVerifier verifier) {
		try {
			SignedJWT parsed = SignedJWT.parse(token.serialize());
			if (!parsed.verify(verifier)) {
				throw new IllegalStateException("signature did not verify");
			}
			return parsed;
		}
		catch (JOSEException | java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
