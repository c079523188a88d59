package dev.latchkey.auth.admin;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.latchkey.auth.keys.KeyRotationResult;
import dev.latchkey.auth.keys.SigningKeyDetails;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The admin API for signing keys ({@code openapi/admin/keys.json}): no key material, only
 * ids, states and dates.
 */
@AdminApi
final class KeysApi {

	static final String KEYS = AdminSecurity.API + "/keys";

	private final KeyAdministration keys;

	KeysApi(KeyAdministration keys) {
		this.keys = keys;
	}

	@GetMapping(KEYS)
	List<SigningKeyDetails> list() {
		return this.keys.list();
	}

	@PostMapping(KEYS + "/rotate")
	List<KeyRotationResult> rotate(@RequestBody(required = false) @Nullable RotateJson body) {
		return this.keys.rotate(body != null && Boolean.TRUE.equals(body.force()), Operator.current());
	}

	@PostMapping(KEYS + "/{kid}/revoke")
	SigningKeyDetails revoke(@PathVariable String kid, @RequestBody RevokeJson body) {
		return this.keys.revoke(kid, body.reason(), Operator.current());
	}

	record RotateJson(@Nullable Boolean force) {
	}

	record RevokeJson(@Nullable String reason) {
	}

}
