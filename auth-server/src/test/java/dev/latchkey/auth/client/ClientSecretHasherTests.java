package dev.latchkey.auth.client;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSecretHasherTests {

	private final ClientSecretHasher hasher = new ClientSecretHasher(java.time.Clock.systemUTC());

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

	@Test
	void matchesWhenRotatedThenPreviousWorksUntilGraceEndsAndNeverUpgrades() {
		java.util.concurrent.atomic.AtomicReference<java.time.Instant> now = new java.util.concurrent.atomic.AtomicReference<>(
				java.time.Instant.parse("2026-03-01T10:00:00Z"));
		ClientSecretHasher moving = new ClientSecretHasher(new java.time.Clock() {

			@Override
			public java.time.ZoneId getZone() {
				return java.time.ZoneOffset.UTC;
			}

			@Override
			public java.time.Clock withZone(java.time.ZoneId zone) {
				return this;
			}

			@Override
			public java.time.Instant instant() {
				return now.get();
			}

		});
		String first = moving.encode("first-secret");
		String rotated = moving.rotate("second-secret", first, now.get().plusSeconds(3600));
		assertThat(rotated).startsWith(ClientSecretHasher.ROTATING_PREFIX).doesNotContain("secret");
		assertThat(moving.matches("second-secret", rotated)).isTrue();
		assertThat(moving.matches("first-secret", rotated)).as("during the grace period").isTrue();
		assertThat(moving.matches("other", rotated)).isFalse();
		assertThat(moving.upgradeEncoding(rotated)).as("never re-encoded from a presented secret").isFalse();
		assertThat(moving.previousSecretValidUntil(rotated)).isEqualTo(now.get().plusSeconds(3600));

		now.set(now.get().plusSeconds(3600));
		assertThat(moving.matches("first-secret", rotated)).as("grace period over").isFalse();
		assertThat(moving.matches("second-secret", rotated)).isTrue();
		assertThat(moving.previousSecretValidUntil(rotated)).isNull();

		String again = moving.rotate("third-secret", rotated, now.get().plusSeconds(60));
		assertThat(moving.matches("third-secret", again)).isTrue();
		assertThat(moving.matches("second-secret", again)).isTrue();
		assertThat(moving.matches("first-secret", again)).as("only one previous secret").isFalse();
		assertThat(moving.rotate("fourth-secret", again, now.get())).as("no grace period")
			.isEqualTo(moving.encode("fourth-secret"));
	}

}
