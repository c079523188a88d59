package dev.latchkey.auth.keys;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import dev.latchkey.auth.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Encryption at rest across restarts: a new key-encryption key with the old one still
 * listed re-wraps every private key at startup; a wrong key-encryption key or a tampered
 * ciphertext stops startup with a clear message and never yields a key.
 */
@Tag("integration")
class KeyEncryptionKeyRotationTests {

	private static final String SCHEMA = "keys_kek";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

	private final String oldKek = randomKek();

	private final String newKek = randomKek();

	@Test
	void startWhenKekRotatedThenKeysRewrappedAndWrongKekOrTamperingRefused() throws SQLException {
		TestNode.resetSchema(SCHEMA);
		List<String> wrappedKids;
		String activeKid;
		try (TestNode node = TestNode.start(SCHEMA, this.clock, "--latchkey.kek=" + this.oldKek)) {
			activeKid = node.bean(SigningKeySource.class).current().active("ES256").orElseThrow().kid();
			node.bean(SigningKeys.class).rotate(false, "test");
			wrappedKids = node.bean(JdbcSigningKeys.class).findWrapped().stream().map(SigningKey::kid).toList();
			assertThat(wrappedKids).as("two active and two pending keys").hasSize(4);
		}
		String oldId = KeyEncryptionKey.fromBase64(this.oldKek).id();
		String newId = KeyEncryptionKey.fromBase64(this.newKek).id();
		// A key stored before key-encryption key ids were recorded.
		update("UPDATE signing_key SET kek_id = NULL WHERE kid = ?", wrappedKids.get(0));
		// An active key stored before retirement was planned.
		update("UPDATE signing_key SET retires_at = NULL WHERE kid = ?", activeKid);

		assertThatExceptionOfType(KeyDecryptionException.class)
			.isThrownBy(() -> TestNode.start(SCHEMA, this.clock, "--latchkey.kek=" + this.newKek))
			.withMessageContaining("configured: " + newId);

		try (TestNode node = TestNode.start(SCHEMA, this.clock, "--latchkey.kek=" + this.newKek,
				"--latchkey.kek-previous=" + this.oldKek)) {
			assertThat(node.events(KeyEncryptionKeyRotated.class)).singleElement().satisfies((rotated) -> {
				assertThat(rotated.fromKekIds()).containsExactly(oldId);
				assertThat(rotated.toKekId()).isEqualTo(newId);
				assertThat(rotated.kids()).containsExactlyInAnyOrderElementsOf(wrappedKids);
			});
			assertThat(node.bean(JdbcSigningKeys.class).findWrapped()).extracting((key) -> key.privateKey().kekId())
				.containsOnly(newId);
			assertThat(node.bean(SigningKeySource.class).current().failures()).isEmpty();
			SigningKey active = node.bean(JdbcSigningKeys.class).findByKid(activeKid).orElseThrow();
			assertThat(active.retiresAt()).isEqualTo(active.activatesAt().plus(java.time.Duration.ofDays(30)));
		}

		assertThatExceptionOfType(KeyDecryptionException.class)
			.isThrownBy(() -> TestNode.start(SCHEMA, this.clock, "--latchkey.kek=" + this.oldKek))
			.withMessageContaining("is wrapped by key-encryption key " + newId + ", which is not configured")
			.satisfies((failure) -> assertThat(analyze(failure).getDescription())
				.startsWith("Latchkey cannot open its signing keys: Signing key "));

		update("UPDATE signing_key SET private_key_encrypted = overlay(private_key_encrypted placing '\\xff'::bytea "
				+ "from 20 for 1) WHERE kid = ?", wrappedKids.get(1));
		assertThatExceptionOfType(KeyDecryptionException.class)
			.isThrownBy(() -> TestNode.start(SCHEMA, this.clock, "--latchkey.kek=" + this.newKek))
			.withMessageContaining("Signing key " + wrappedKids.get(1))
			.withMessageContaining("tampered with");
	}

	private static FailureAnalysis analyze(Throwable failure) {
		return new KeyDecryptionFailureAnalyzer().analyze(new IllegalStateException(failure));
	}

	private static void update(String sql, String kid) throws SQLException {
		try (Connection connection = TestDatabase.get().connect()) {
			connection.createStatement().execute("SET search_path TO " + SCHEMA);
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				statement.setString(1, kid);
				assertThat(statement.executeUpdate()).isEqualTo(1);
			}
		}
	}

	private static String randomKek() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
