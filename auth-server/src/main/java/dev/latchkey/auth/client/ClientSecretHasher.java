package dev.latchkey.auth.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Hashes client secrets with SHA-256 and compares them in constant time.
 * <p>
 * A slow password hash protects low-entropy human passwords; generated client secrets
 * carry 256 random bits, so a fast hash is as safe and keeps BCrypt's ~60 ms of CPU off
 * every token request (DESIGN.md section 5). Imported BCrypt secrets ({@code {bcrypt}})
 * still verify and are re-hashed with SHA-256 at their next use.
 */
@Component
public final class ClientSecretHasher implements PasswordEncoder {

	static final String PREFIX = "{sha256}";

	private static final String BCRYPT_PREFIX = "{bcrypt}";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

	/**
	 * A new client secret: 256 random bits, base64url without padding.
	 * @return the secret in clear, to be shown once
	 */
	public static String generateSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Override
	public String encode(@Nullable CharSequence rawSecret) {
		if (rawSecret == null) {
			throw new IllegalArgumentException("A client secret cannot be null");
		}
		return PREFIX + HexFormat.of().formatHex(sha256(rawSecret));
	}

	@Override
	public boolean matches(@Nullable CharSequence rawSecret, @Nullable String encoded) {
		if (rawSecret == null || encoded == null) {
			return false;
		}
		if (encoded.startsWith(PREFIX)) {
			byte[] expected;
			try {
				expected = HexFormat.of().parseHex(encoded.substring(PREFIX.length()));
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
			return MessageDigest.isEqual(expected, sha256(rawSecret));
		}
		if (encoded.startsWith(BCRYPT_PREFIX)) {
			return this.bcrypt.matches(rawSecret, encoded.substring(BCRYPT_PREFIX.length()));
		}
		return false;
	}

	@Override
	public boolean upgradeEncoding(@Nullable String encoded) {
		return encoded != null && !encoded.startsWith(PREFIX);
	}

	private static byte[] sha256(CharSequence value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
