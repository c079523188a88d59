package dev.latchkey.auth.keys;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;

/**
 * The configured key-encryption keys: the current one, which wraps every new or
 * re-wrapped signing key, and previous ones that are still accepted for unwrapping during
 * a KEK rotation.
 */
final class KeyEncryptionKeys {

	private final KeyEncryptionKey current;

	private final Map<String, KeyEncryptionKey> byId = new LinkedHashMap<>();

	KeyEncryptionKeys(KeyEncryptionKey current, List<KeyEncryptionKey> previous) {
		this.current = current;
		this.byId.put(current.id(), current);
		previous.forEach((kek) -> this.byId.putIfAbsent(kek.id(), kek));
	}

	String currentId() {
		return this.current.id();
	}

	List<String> ids() {
		return new ArrayList<>(this.byId.keySet());
	}

	WrappedKey wrap(JWK privateJwk) {
		byte[] json = privateJwk.toJSONString().getBytes(StandardCharsets.UTF_8);
		return new WrappedKey(this.current.id(), this.current.encrypt(json, privateJwk.getKeyID()));
	}

	/**
	 * Opens a wrapped key with the key-encryption key that wrapped it (or, for keys
	 * wrapped before ids were recorded, with whichever configured one opens it).
	 * @param kid the signing key's id, bound to the ciphertext
	 * @param wrapped the stored ciphertext
	 * @return the private JWK and the id of the key-encryption key that opened it
	 * @throws KeyDecryptionException saying whether the key-encryption key is missing or
	 * the ciphertext was tampered with
	 */
	Unwrapped unwrap(String kid, WrappedKey wrapped) {
		if (wrapped.kekId() != null) {
			KeyEncryptionKey kek = this.byId.get(wrapped.kekId());
			if (kek == null) {
				throw new KeyDecryptionException("Signing key " + kid + " is wrapped by key-encryption key "
						+ wrapped.kekId() + ", which is not configured (configured: " + String.join(", ", ids())
						+ "). Set LATCHKEY_KEK to the key that wrapped it, or list that key in "
						+ "LATCHKEY_KEK_PREVIOUS while rotating to a new one.", null);
			}
			try {
				return new Unwrapped(parse(kid, kek.decrypt(wrapped.ciphertext(), kid)), kek.id());
			}
			catch (KeyDecryptionException ex) {
				throw new KeyDecryptionException(
						"Signing key " + kid + " does not decrypt under key-encryption key " + kek.id()
								+ ", which wrapped it: the stored ciphertext was tampered with or damaged. "
								+ "Revoke the key (admin keys revoke) and restore the row from a backup if needed.",
						ex);
			}
		}
		for (KeyEncryptionKey kek : this.byId.values()) {
			try {
				return new Unwrapped(parse(kid, kek.decrypt(wrapped.ciphertext(), kid)), kek.id());
			}
			catch (KeyDecryptionException ex) {
				// Try the next configured key.
			}
		}
		throw new KeyDecryptionException("Signing key " + kid + " does not decrypt under any configured "
				+ "key-encryption key (configured: " + String.join(", ", ids())
				+ "): LATCHKEY_KEK is not the key it was " + "stored with, or the stored ciphertext was tampered with.",
				null);
	}

	private static JWK parse(String kid, byte[] json) {
		try {
			JWK jwk = JWK.parse(new String(json, StandardCharsets.UTF_8));
			if (!kid.equals(jwk.getKeyID()) || !jwk.isPrivate()) {
				throw new KeyDecryptionException("Signing key " + kid + " decrypted to a different or public key",
						null);
			}
			return jwk;
		}
		catch (ParseException ex) {
			throw new KeyDecryptionException("Signing key " + kid + " decrypted to an unreadable JWK", ex);
		}
	}

	@Override
	public String toString() {
		return "KeyEncryptionKeys[current=" + this.current.id() + ", accepted=" + ids() + "]";
	}

	/**
	 * An opened key.
	 *
	 * @param privateJwk the full JWK
	 * @param kekId the key-encryption key that opened it
	 */
	record Unwrapped(JWK privateJwk, String kekId) {

		@Override
		public String toString() {
			return "Unwrapped[kid=" + this.privateJwk.getKeyID() + ", kekId=" + this.kekId + "]";
		}

	}

}
