package dev.latchkey.auth.admin;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.latchkey.auth.admin.AdminActions.Target;
import dev.latchkey.auth.keys.KeyRotationResult;
import dev.latchkey.auth.keys.SigningKeyDetails;
import dev.latchkey.auth.keys.SigningKeyOperationException;
import dev.latchkey.auth.keys.SigningKeys;

import org.springframework.stereotype.Service;

/**
 * What operators do with signing keys from the console and the API, through the keys
 * feature's API; each action is audited with who asked and from where (the keys feature
 * records the key's own state changes).
 */
@Service
final class KeyAdministration {

	static final int MAX_REASON_LENGTH = 500;

	private final SigningKeys keys;

	private final AdminActions actions;

	KeyAdministration(SigningKeys keys, AdminActions actions) {
		this.keys = keys;
		this.actions = actions;
	}

	List<SigningKeyDetails> list() {
		return this.keys.list();
	}

	List<KeyRotationResult> rotate(boolean force, Operator operator) {
		return this.actions.perform(operator, force ? "admin.key.rotated_now" : "admin.key.rotation_started",
				() -> this.keys.rotate(force, operator.actor()),
				(results) -> new Target(null, Map.of("keys", String.join(",",
						results.stream().map((r) -> r.algorithm() + ":" + r.kid() + ":" + r.outcome()).toList()))));
	}

	SigningKeyDetails revoke(String kid, @Nullable String reason, Operator operator) {
		SigningKeyDetails key = list().stream()
			.filter((candidate) -> candidate.kid().equals(kid))
			.findFirst()
			.orElseThrow(UserAdministration::notFound);
		String why = (reason != null) ? reason.strip() : "";
		if (why.isEmpty()) {
			throw AdminRequestException.of("reason", "admin.keys.reason.required");
		}
		if (why.length() > MAX_REASON_LENGTH) {
			throw AdminRequestException.of("reason", "admin.keys.reason.tooLong", MAX_REASON_LENGTH);
		}
		if (why.chars().anyMatch(Character::isISOControl)) {
			throw AdminRequestException.of("reason", "admin.keys.reason.invalid");
		}
		if (!key.state().isPublished()) {
			throw AdminRequestException.of("kid", "admin.keys.revoke.notPublished");
		}
		try {
			return this.actions.perform(operator, "admin.key.revoked",
					() -> this.keys.revoke(kid, operator.actor(), why),
					(revoked) -> new Target("key:" + kid, Map.of("reason", why)));
		}
		catch (SigningKeyOperationException ex) {
			throw AdminRequestException.of("kid", "admin.keys.revoke.notPublished");
		}
	}

}
