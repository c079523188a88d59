package dev.latchkey.auth.keys;

import java.time.Instant;
import java.util.List;

/**
 * Private signing keys wrapped under older key-encryption keys were re-wrapped under the
 * current one at startup.
 *
 * @param fromKekIds the previous key-encryption keys (ids) that wrapped them
 * @param toKekId the current key-encryption key (id)
 * @param kids the re-wrapped signing keys
 * @param at when
 */
public record KeyEncryptionKeyRotated(List<String> fromKekIds, String toKekId, List<String> kids, Instant at) {

	public KeyEncryptionKeyRotated {
		fromKekIds = List.copyOf(fromKekIds);
		kids = List.copyOf(kids);
	}

}
