package dev.latchkey.auth.keys;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KeyEncryptionKeyTests {

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	private final KeyEncryptionKey kek = KeyEncryptionKey.fromBase64(KEY);

	@Test
	void decryptWhenEncryptedForSameKidThenOriginal() {
		byte[] ciphertext = this.kek.encrypt("private".getBytes(StandardCharsets.UTF_8), "kid-1");
		assertThat(new String(this.kek.decrypt(ciphertext, "kid-1"), StandardCharsets.UTF_8)).isEqualTo("private");
		assertThat(ciphertext).as("random IV").isNotEqualTo(this.kek.encrypt("private".getBytes(), "kid-1"));
	}

	@Test
	void decryptWhenMovedToAnotherKidThenRefused() {
		byte[] ciphertext = this.kek.encrypt("private".getBytes(StandardCharsets.UTF_8), "kid-1");
		assertThatExceptionOfType(KeyDecryptionException.class).isThrownBy(() -> this.kek.decrypt(ciphertext, "kid-2"));
	}

	@Test
	void decryptWhenTamperedOrOtherKekThenRefused() {
		byte[] ciphertext = this.kek.encrypt("private".getBytes(StandardCharsets.UTF_8), "kid-1");
		ciphertext[ciphertext.length - 1] ^= 1;
		assertThatExceptionOfType(KeyDecryptionException.class).isThrownBy(() -> this.kek.decrypt(ciphertext, "kid-1"));

		byte[] other = new byte[32];
		other[0] = 1;
		KeyEncryptionKey otherKek = KeyEncryptionKey.fromBase64(Base64.getEncoder().encodeToString(other));
		byte[] fresh = this.kek.encrypt("private".getBytes(StandardCharsets.UTF_8), "kid-1");
		assertThatExceptionOfType(KeyDecryptionException.class).isThrownBy(() -> otherKek.decrypt(fresh, "kid-1"));
	}

	@Test
	void fromBase64WhenWrongLengthOrNotBase64ThenMessageWithoutValue() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> KeyEncryptionKey.fromBase64("c2hvcnQ="))
			.withMessageContaining("32 bytes")
			.withMessageNotContaining("c2hvcnQ=");
		assertThat(KeyEncryptionKey.problemWith("not base64 !!")).hasValue("is not valid base64");
		assertThat(KeyEncryptionKey.problemWith(KEY.replace('+', '-'))).isEmpty();
		assertThat(this.kek.toString()).doesNotContain(KEY);
	}

}
