package dev.latchkey.auth.keys;

import java.util.List;

import org.springframework.stereotype.Service;

/**
 * What operators can do with the signing keys (the CLI today, the console and admin API
 * later): list them, rotate now, and revoke one after a compromise.
 */
@Service
public class SigningKeys {

	static final int MAX_REASON_LENGTH = 500;

	static final int MAX_ACTOR_LENGTH = 200;

	private final JdbcSigningKeys store;

	private final KeyLifecycle lifecycle;

	SigningKeys(JdbcSigningKeys store, KeyLifecycle lifecycle) {
		this.store = store;
		this.lifecycle = lifecycle;
	}

	/**
	 * Every key ever created, with its state and dates, by algorithm and activation.
	 * @return the keys, without key material
	 */
	public List<SigningKeyDetails> list() {
		return this.store.findAll().stream().map(SigningKey::details).toList();
	}

	/**
	 * Starts a rotation of every algorithm now. The new key still waits out publish-ahead
	 * before it signs, so resource servers know it first; if a key is already waiting,
	 * nothing changes.
	 * <p>
	 * CAUTION: {@code force} makes the next key sign at once. Resource servers that
	 * cached the JWKS must fetch it again when they see the new key id (Spring Security
	 * and Nimbus do), and other nodes of this server follow within moments.
	 * @param force whether the next key signs at once
	 * @param actor who asks (recorded in the events)
	 * @return what happened per algorithm
	 */
	public List<KeyRotationResult> rotate(boolean force, String actor) {
		return this.lifecycle.rotate(force, checked("actor", actor, MAX_ACTOR_LENGTH));
	}

	/**
	 * Revokes a key after a compromise: it leaves the JWKS at once, so the tokens it
	 * signed stop verifying once resource servers refresh their copy; sessions and
	 * refresh tokens are unaffected. A revoked active key is replaced at once.
	 * @param kid the key id
	 * @param actor who revokes it
	 * @param reason why, for the audit record
	 * @return the revoked key
	 * @throws SigningKeyOperationException if there is no such key, it was already
	 * revoked or removed, or the reason is missing
	 */
	public SigningKeyDetails revoke(String kid, String actor, String reason) {
		return this.lifecycle.revoke(checked("key id", kid, 100), checked("actor", actor, MAX_ACTOR_LENGTH),
				checked("reason", reason, MAX_REASON_LENGTH));
	}

	private static String checked(String name, String value, int maxLength) {
		String stripped = (value != null) ? value.strip() : "";
		if (stripped.isEmpty()) {
			throw new SigningKeyOperationException("The " + name + " is required");
		}
		if (stripped.length() > maxLength) {
			throw new SigningKeyOperationException("The " + name + " is longer than " + maxLength + " characters");
		}
		if (stripped.chars().anyMatch(Character::isISOControl)) {
			throw new SigningKeyOperationException("The " + name + " must be a single line of text");
		}
		return stripped;
	}

}
