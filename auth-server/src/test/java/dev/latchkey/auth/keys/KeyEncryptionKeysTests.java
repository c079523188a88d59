package dev.latchkey.auth.keys;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KeyEncryptionKeysTests {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final KeyEncryptionKey old = randomKek();

	private final KeyEncryptionKey current = randomKek();

	private final JWK key = new SigningKeyGenerator().generate("ES256");

	@Test
	void idWhenSameKeyThenSameFingerprintThatRevealsNothing() {
		String encoded = Base64.getEncoder().encodeToString(new byte[32]);
		assertThat(KeyEncryptionKey.fromBase64(encoded).id()).isEqualTo(KeyEncryptionKey.fromBase64(encoded).id())
			.hasSize(16)
			.isNotEqualTo(this.current.id());
		assertThat(this.current.toString()).contains(this.current.id()).contains("redacted");
	}

	@Test
	void unwrapWhenWrappedUnderPreviousKekThenOpensAndNamesIt() {
		WrappedKey wrapped = new KeyEncryptionKeys(this.old, List.of()).wrap(this.key);
		assertThat(wrapped.kekId()).isEqualTo(this.old.id());

		KeyEncryptionKeys.Unwrapped opened = new KeyEncryptionKeys(this.current, List.of(this.old))
			.unwrap(this.key.getKeyID(), wrapped);
		assertThat(opened.privateJwk()).isEqualTo(this.key);
		assertThat(opened.kekId()).isEqualTo(this.old.id());
	}

	@Test
	void unwrapWhenWrappingKekNotConfiguredThenSaysWhichIsMissing() {
		WrappedKey wrapped = new KeyEncryptionKeys(this.old, List.of()).wrap(this.key);
		assertThatExceptionOfType(KeyDecryptionException.class)
			.isThrownBy(() -> new KeyEncryptionKeys(this.current, List.of()).unwrap(this.key.getKeyID(), wrapped))
			.withMessageContaining("wrapped by key-encryption key " + this.old.id() + ", which is not configured")
			.withMessageContaining("configured: " + this.current.id())
			.withMessageContaining("LATCHKEY_KEK_PREVIOUS");
	}

	@Test
	void unwrapWhenCiphertextTamperedThenSaysTamperedAndYieldsNoKey() {
		KeyEncryptionKeys keys = new KeyEncryptionKeys(this.current, List.of());
		WrappedKey wrapped = keys.wrap(this.key);
		for (int position : new int[] { 0, 20, wrapped.ciphertext().length - 1 }) {
			byte[] tampered = wrapped.ciphertext().clone();
			tampered[position] ^= 0x01;
			assertThatExceptionOfType(KeyDecryptionException.class)
				.isThrownBy(() -> keys.unwrap(this.key.getKeyID(), new WrappedKey(wrapped.kekId(), tampered)))
				.withMessageContaining("tampered");
		}
		assertThatExceptionOfType(KeyDecryptionException.class)
			.isThrownBy(() -> keys.unwrap(this.key.getKeyID(), new WrappedKey(wrapped.kekId(), new byte[5])))
			.withMessageContaining("tampered");
		assertThatExceptionOfType(KeyDecryptionException.class).isThrownBy(() -> keys.unwrap("another-kid", wrapped))
			.withMessageContaining("tampered");
	}

	@Test
	void unwrapWhenNoKekIdRecordedThenTriesEachConfiguredKey() {
		WrappedKey legacy = new WrappedKey(null,
				this.old.encrypt(this.key.toJSONString().getBytes(), this.key.getKeyID()));
		assertThat(new KeyEncryptionKeys(this.current, List.of(this.old)).unwrap(this.key.getKeyID(), legacy).kekId())
			.isEqualTo(this.old.id());
		assertThatExceptionOfType(KeyDecryptionException.class)
			.isThrownBy(() -> new KeyEncryptionKeys(this.current, List.of()).unwrap(this.key.getKeyID(), legacy))
			.withMessageContaining(
					"does not decrypt under any configured key-encryption key (configured: " + this.current.id());
	}

	private static KeyEncryptionKey randomKek() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return KeyEncryptionKey.fromBase64(Base64.getEncoder().encodeToString(bytes));
	}

}
