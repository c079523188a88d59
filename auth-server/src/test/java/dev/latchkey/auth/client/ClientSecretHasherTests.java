package dev.latchkey.auth.client;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSecretHasherTests {

	private final ClientSecretHasher hasher = new ClientSecretHasher();

	@Test
	void encodeWhenSecretThenSha256HexWithPrefix() {
		assertThat(this.hasher.encode("abc"))
			.isEqualTo("{sha256}ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void matchesWhenSameSecretThenTrueOtherwiseFalse() {
		String encoded = this.hasher.encode("s3cret");
		assertThat(this.hasher.matches("s3cret", encoded)).isTrue();
		assertThat(this.hasher.matches("s3cret ", encoded)).isFalse();
		assertThat(this.hasher.matches("S3cret", encoded)).isFalse();
		assertThat(this.hasher.matches(null, encoded)).isFalse();
		assertThat(this.hasher.matches("s3cret", null)).isFalse();
		assertThat(this.hasher.matches("s3cret", "{sha256}not-hex")).isFalse();
		assertThat(this.hasher.matches("s3cret", "s3cret")).as("never plain text").isFalse();
	}

	@Test
	void matchesWhenImportedBcryptThenVerifiesAndAsksForUpgrade() {
		String imported = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("legacy");
		assertThat(this.hasher.matches("legacy", imported)).isTrue();
		assertThat(this.hasher.matches("other", imported)).isFalse();
		assertThat(this.hasher.upgradeEncoding(imported)).isTrue();
		assertThat(this.hasher.upgradeEncoding(this.hasher.encode("x"))).isFalse();
	}

	@Test
	void generateSecretWhenCalledThen256RandomBits() {
		String first = ClientSecretHasher.generateSecret();
		assertThat(first).hasSize(43).matches("[A-Za-z0-9_-]+");
		assertThat(ClientSecretHasher.generateSecret()).isNotEqualTo(first);
	}

}
