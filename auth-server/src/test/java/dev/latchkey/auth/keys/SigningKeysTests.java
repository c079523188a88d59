package dev.latchkey.auth.keys;

import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * What operators may ask of the signing keys, one class with the store and the lifecycle
 * mocked (rotation and revocation themselves are in {@link SigningKeyLifecycleTests}).
 */
class SigningKeysTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private final JdbcSigningKeys store = mock(JdbcSigningKeys.class);

	private final KeyLifecycle lifecycle = mock(KeyLifecycle.class);

	private final SigningKeys keys = new SigningKeys(this.store, this.lifecycle);

	@Test
	void listWhenKeysStoredThenTheirDetailsWithRevocationButNoKeyMaterial() throws Exception {
		ECKey jwk = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
		SigningKey active = new SigningKey("k1", "ES256", SigningKeyState.ACTIVE, jwk.toPublicJWK(),
				new WrappedKey("kek-1", new byte[] { 1, 2, 3 }), NOW, NOW.plusSeconds(60), null, null, null);
		SigningKey revoked = new SigningKey("k2", "ES256", SigningKeyState.REVOKED, jwk.toPublicJWK(), null, NOW, NOW,
				NOW, NOW, new SigningKey.Revocation(NOW.plusSeconds(5), "ops@example.com", "leaked"));
		given(this.store.findAll()).willReturn(List.of(active, revoked));
		assertThat(this.keys.list()).containsExactly(
				new SigningKeyDetails("k1", "ES256", SigningKeyState.ACTIVE, NOW, NOW.plusSeconds(60), null, null, null,
						null, null),
				new SigningKeyDetails("k2", "ES256", SigningKeyState.REVOKED, NOW, NOW, NOW, NOW, NOW.plusSeconds(5),
						"ops@example.com", "leaked"));
		assertThat(active.is(SigningKeyState.ACTIVE)).isTrue();
		assertThat(active.is(SigningKeyState.PENDING)).isFalse();
		assertThat(active.privateKey()).hasToString("WrappedKey[kekId=kek-1, 3 bytes]");
	}

	@Test
	void rotateWhenActorPaddedThenStrippedActorPassedOn() {
		List<KeyRotationResult> results = List.of();
		given(this.lifecycle.rotate(true, "ops@example.com")).willReturn(results);
		assertThat(this.keys.rotate(true, "  ops@example.com \n")).isSameAs(results);
	}

	@Test
	void revokeWhenEveryValueGivenThenStrippedValuesPassedOn() {
		SigningKeyDetails details = new SigningKeyDetails("k1", "ES256", SigningKeyState.REVOKED, NOW, NOW, NOW, NOW,
				NOW, "ops", "leaked");
		given(this.lifecycle.revoke("k1", "ops", "leaked")).willReturn(details);
		assertThat(this.keys.revoke(" k1 ", " ops ", " leaked ")).isSameAs(details);
	}

	@Test
	void revokeWhenValueMissingOrBlankThenRequired() {
		assertThatExceptionOfType(SigningKeyOperationException.class)
			.isThrownBy(() -> this.keys.revoke("k1", "ops", " "))
			.withMessage("The reason is required");
		assertThatExceptionOfType(SigningKeyOperationException.class)
			.isThrownBy(() -> this.keys.revoke(null, "ops", "x"))
			.withMessage("The key id is required");
		assertThatExceptionOfType(SigningKeyOperationException.class).isThrownBy(() -> this.keys.rotate(false, ""))
			.withMessage("The actor is required");
		then(this.lifecycle).shouldHaveNoInteractions();
	}

	@Test
	void revokeWhenValueAtItsLimitThenAcceptedAndOneLongerRefused() {
		String longest = "r".repeat(SigningKeys.MAX_REASON_LENGTH);
		given(this.lifecycle.revoke("k1", "ops", longest)).willReturn(null);
		this.keys.revoke("k1", "ops", longest);
		then(this.lifecycle).should().revoke("k1", "ops", longest);
		assertThatExceptionOfType(SigningKeyOperationException.class)
			.isThrownBy(() -> this.keys.revoke("k1", "ops", longest + "r"))
			.withMessage("The reason is longer than 500 characters");
		assertThatExceptionOfType(SigningKeyOperationException.class)
			.isThrownBy(() -> this.keys.rotate(false, "a".repeat(SigningKeys.MAX_ACTOR_LENGTH + 1)))
			.withMessage("The actor is longer than 200 characters");
	}

	@Test
	void revokeWhenValueHasLineBreakInsideThenRefused() {
		assertThatExceptionOfType(SigningKeyOperationException.class)
			.isThrownBy(() -> this.keys.revoke("k1", "ops", "leaked\nforged audit line"))
			.withMessage("The reason must be a single line of text");
		then(this.lifecycle).shouldHaveNoInteractions();
	}

	@Test
	void isPublishedWhenPendingActiveOrRetiredThenTrueElseFalse() {
		assertThat(SigningKeyState.PENDING.isPublished()).isTrue();
		assertThat(SigningKeyState.ACTIVE.isPublished()).isTrue();
		assertThat(SigningKeyState.RETIRED.isPublished()).isTrue();
		assertThat(SigningKeyState.REMOVED.isPublished()).isFalse();
		assertThat(SigningKeyState.REVOKED.isPublished()).isFalse();
	}

}
