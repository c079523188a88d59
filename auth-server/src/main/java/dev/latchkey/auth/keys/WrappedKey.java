package dev.latchkey.auth.keys;

import org.jspecify.annotations.Nullable;

/**
 * A private signing key as stored: AES-256-GCM ciphertext (IV first) and the id of the
 * key-encryption key that wrapped it.
 *
 * @param kekId the id of the wrapping key-encryption key; {@code null} for keys wrapped
 * before ids were recorded
 * @param ciphertext the IV followed by the ciphertext and tag
 */
record WrappedKey(@Nullable String kekId, byte[] ciphertext) {

	@Override
	public String toString() {
		return "WrappedKey[kekId=" + this.kekId + ", " + this.ciphertext.length + " bytes]";
	}

}
