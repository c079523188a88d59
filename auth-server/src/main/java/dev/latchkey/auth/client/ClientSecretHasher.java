package dev.latchkey.auth.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
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
 * <p>
 * During a secret rotation the stored value holds two hashes and the end of the grace
 * period, {@code {sha256-rotating}<new hex>:<previous hex>:<epoch second>}: either secret
 * works until then (time from the injected clock), afterwards only the new one. The value
 * lives in the client's own secret column, so every save and every export keeps it whole.
 */
@Component
public final class ClientSecretHasher implements PasswordEncoder {

	static final String PREFIX = "{sha256}";

	static final String ROTATING_PREFIX = "{sha256-rotating}";

	private static final String BCRYPT_PREFIX = "{bcrypt}";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

	private final Clock clock;

	public ClientSecretHasher(Clock clock) {
		this.clock = clock;
	}

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
			return matchesHex(sha256(rawSecret), encoded.substring(PREFIX.length()));
		}
		if (encoded.startsWith(ROTATING_PREFIX)) {
			Rotation rotation = Rotation.parse(encoded);
			if (rotation == null) {
				return false;
			}
			byte[] presented = sha256(rawSecret);
			// Both comparisons always run, so timing does not tell which secret matched.
			boolean current = matchesHex(presented, rotation.currentHex());
			boolean previous = matchesHex(presented, rotation.previousHex());
			return current || (previous && this.clock.instant().isBefore(rotation.previousValidUntil()));
		}
		if (encoded.startsWith(BCRYPT_PREFIX)) {
			return this.bcrypt.matches(rawSecret, encoded.substring(BCRYPT_PREFIX.length()));
		}
		return false;
	}

	@Override
	public boolean upgradeEncoding(@Nullable String encoded) {
		// CAUTION: a rotating value must never be re-encoded from the presented secret:
		// that would make a previous secret the current one.
		return encoded != null && !encoded.startsWith(PREFIX) && !encoded.startsWith(ROTATING_PREFIX);
	}

	/**
	 * The stored value after a rotation: the new secret's hash, and the current one kept
	 * working until the given time.
	 * @param newSecret the new secret in clear
	 * @param currentEncoded the stored value before the rotation
	 * @param previousValidUntil when the current secret stops working
	 * @return the value to store
	 */
	String rotate(String newSecret, String currentEncoded, Instant previousValidUntil) {
		String newHex = HexFormat.of().formatHex(sha256(newSecret));
		String previousHex;
		if (currentEncoded.startsWith(PREFIX)) {
			previousHex = currentEncoded.substring(PREFIX.length());
		}
		else {
			Rotation rotation = Rotation.parse(currentEncoded);
			previousHex = (rotation != null) ? rotation.currentHex() : null;
		}
		if (previousHex == null || !previousValidUntil.isAfter(this.clock.instant())) {
			// An imported BCrypt secret cannot share the rotating format: it stops now.
			return PREFIX + newHex;
		}
		return ROTATING_PREFIX + newHex + ":" + previousHex + ":" + previousValidUntil.getEpochSecond();
	}

	/**
	 * Until when the previous secret still works, if a rotation is under way.
	 * @param encoded the stored value
	 * @return the end of the grace period, or {@code null} when only one secret works
	 */
	@Nullable Instant previousSecretValidUntil(@Nullable String encoded) {
		Rotation rotation = (encoded != null) ? Rotation.parse(encoded) : null;
		if (rotation == null || !this.clock.instant().isBefore(rotation.previousValidUntil())) {
			return null;
		}
		return rotation.previousValidUntil();
	}

	private static boolean matchesHex(byte[] presented, String hex) {
		byte[] expected;
		try {
			expected = HexFormat.of().parseHex(hex);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(expected, presented);
	}

	private static byte[] sha256(CharSequence value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	private record Rotation(String currentHex, String previousHex, Instant previousValidUntil) {

		static @Nullable Rotation parse(String encoded) {
			if (!encoded.startsWith(ROTATING_PREFIX)) {
				return null;
			}
			String[] parts = encoded.substring(ROTATING_PREFIX.length()).split(":");
			if (parts.length != 3) {
				return null;
			}
			try {
				return new Rotation(parts[0], parts[1], Instant.ofEpochSecond(Long.parseLong(parts[2])));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

}
