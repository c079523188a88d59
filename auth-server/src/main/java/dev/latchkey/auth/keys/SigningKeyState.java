package dev.latchkey.auth.keys;

/**
 * Where a signing key is in its lifecycle:
 * {@code PENDING -> ACTIVE -> RETIRED -> REMOVED}, or {@code REVOKED} from any published
 * state after a compromise.
 */
public enum SigningKeyState {

	/** Published in the JWKS, not yet signing. */
	PENDING,
	/** Published and signing. */
	ACTIVE,
	/** Published so the tokens it signed still verify; no longer signing. */
	RETIRED,
	/** Out of the JWKS: every token it signed has expired. */
	REMOVED,
	/** Out of the JWKS at once after a compromise. */
	REVOKED;

	/**
	 * Whether keys in this state are in the JWKS.
	 * @return true for pending, active and retired keys
	 */
	public boolean isPublished() {
		return this == PENDING || this == ACTIVE || this == RETIRED;
	}

}
