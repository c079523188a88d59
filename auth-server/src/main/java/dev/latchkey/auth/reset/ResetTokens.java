package dev.latchkey.auth.reset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reset link tokens: 256 random bits, base64url. Only their SHA-256 is ever stored.
 */
final class ResetTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

	private ResetTokens() {
	}

	static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * The stored form of a token.
	 * @param token a token as it appears in a link
	 * @return its SHA-256, or empty if it cannot be a token of ours
	 */
	static Optional<byte[]> hash(String token) {
		if (!SHAPE.matcher(token).matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing", ex);
		}
	}

}
