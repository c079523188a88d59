package dev.latchkey.auth.authorization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * The SHA-256 of a code, token or state: the only form in which the authorization store
 * keeps them.
 * <p>
 * An authorization read back from the store cannot carry the values themselves, except
 * the one that was just presented to find it. Every other value is replaced by a <em>hash
 * reference</em>, {@code {sha256}} followed by the base64url hash. No issued value can
 * look like that (JWTs, codes and opaque tokens use only base64url characters and dots),
 * so when such an authorization is saved again, the store recognises the reference and
 * keeps the hash it stands for.
 */
final class TokenHash {

	private static final String REFERENCE_PREFIX = "{sha256}";

	private TokenHash() {
	}

	static byte[] of(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * The hash to store for a value from an authorization: the hash of a real value, or
	 * the hash a reference stands for.
	 */
	static byte @Nullable [] ofStored(@Nullable String value) {
		if (value == null) {
			return null;
		}
		if (isReference(value)) {
			return Base64.getUrlDecoder().decode(value.substring(REFERENCE_PREFIX.length()));
		}
		return of(value);
	}

	static String reference(byte[] hash) {
		return REFERENCE_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
	}

	static boolean isReference(String value) {
		return value.startsWith(REFERENCE_PREFIX);
	}

}
