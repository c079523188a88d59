package dev.latchkey.auth.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption key (KEK): 256 bits that encrypt the private signing keys at rest
 * with AES-256-GCM. Each ciphertext is bound to its key id through the additional
 * authenticated data, so a ciphertext cannot be moved to another row. Its {@link #id()
 * id} is a fingerprint stored beside each wrapped key, so the right KEK is found after a
 * KEK rotation.
 */
public final class KeyEncryptionKey {

	private static final int KEY_BYTES = 32;

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final byte[] ID_LABEL = "latchkey key-encryption key id".getBytes(StandardCharsets.UTF_8);

	private final SecretKey key;

	private final String id;

	private KeyEncryptionKey(byte[] key) {
		this.key = new SecretKeySpec(key, "AES");
		this.id = fingerprint(key);
	}

	/**
	 * The first 64 bits of HMAC-SHA256(key, label), in hex: names the key in the database
	 * and in messages without revealing anything about it.
	 */
	private static String fingerprint(byte[] key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(ID_LABEL), 0, 8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	/**
	 * The key's id: a fingerprint that is safe to store and to show.
	 * @return 16 hex digits
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Parses a base64 (standard or URL-safe) encoded 256-bit key.
	 * @param encoded the key in base64
	 * @return the key
	 * @throws IllegalArgumentException if the value is not a base64 256-bit key; the
	 * message never contains the value
	 */
	public static KeyEncryptionKey fromBase64(String encoded) {
		Optional<String> problem = problemWith(encoded);
		if (problem.isPresent()) {
			throw new IllegalArgumentException("The key-encryption key " + problem.get());
		}
		return new KeyEncryptionKey(decode(encoded.strip()));
	}

	/**
	 * Describes what is wrong with an encoded key, without repeating the key.
	 * @param encoded the key in base64
	 * @return the problem, or empty if the key is usable
	 */
	public static Optional<String> problemWith(String encoded) {
		byte[] bytes;
		try {
			bytes = decode(encoded.strip());
		}
		catch (IllegalArgumentException ex) {
			return Optional.of("is not valid base64");
		}
		if (bytes.length != KEY_BYTES) {
			return Optional.of("must be 32 bytes (256 bits) in base64, but has " + bytes.length + " bytes");
		}
		return Optional.empty();
	}

	private static byte[] decode(String encoded) {
		String standard = encoded.replace('-', '+').replace('_', '/');
		return Base64.getDecoder().decode(standard);
	}

	byte[] encrypt(byte[] plaintext, String associatedData) {
		byte[] iv = new byte[IV_BYTES];
		RANDOM.nextBytes(iv);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			byte[] ciphertext = cipher.doFinal(plaintext);
			byte[] result = Arrays.copyOf(iv, IV_BYTES + ciphertext.length);
			System.arraycopy(ciphertext, 0, result, IV_BYTES, ciphertext.length);
			return result;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	byte[] decrypt(byte[] ivAndCiphertext, String associatedData) {
		if (ivAndCiphertext.length < IV_BYTES + TAG_BITS / 8) {
			throw new KeyDecryptionException(
					"Cannot decrypt signing key " + associatedData + ": the ciphertext is truncated", null);
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, ivAndCiphertext, 0, IV_BYTES));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(ivAndCiphertext, IV_BYTES, ivAndCiphertext.length - IV_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new KeyDecryptionException(
					"Cannot decrypt signing key " + associatedData + ": wrong key-encryption key or tampered data", ex);
		}
	}

	@Override
	public String toString() {
		return "KeyEncryptionKey[id=" + this.id + ", key=redacted]";
	}

}
