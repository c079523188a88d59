-- Signing key lifecycle (PENDING -> ACTIVE -> RETIRED -> REMOVED, or REVOKED at any point) and
-- key-encryption key rotation.
--
-- A key that no longer signs (retired, removed, revoked) loses its private half: only the public
-- JWK is kept, so a later leak of the database and the KEK cannot reveal it.
ALTER TABLE signing_key ALTER COLUMN private_key_encrypted DROP NOT NULL;

-- The id (a fingerprint) of the key-encryption key that wrapped private_key_encrypted; NULL for
-- keys wrapped before KEK rotation existed (they are re-wrapped, and so labelled, at startup).
ALTER TABLE signing_key ADD COLUMN kek_id text;

ALTER TABLE signing_key ADD COLUMN revoked_at timestamptz;
ALTER TABLE signing_key ADD COLUMN revoked_by text;
ALTER TABLE signing_key ADD COLUMN revoke_reason text;

-- Rows written before this migration only ever were ACTIVE; bring any others in line anyway.
UPDATE signing_key SET private_key_encrypted = NULL WHERE state NOT IN ('PENDING', 'ACTIVE');
UPDATE signing_key SET revoked_at = coalesce(retires_at, created_at), revoked_by = 'unknown',
    revoke_reason = 'revoked before revocation was recorded'
    WHERE state = 'REVOKED';

ALTER TABLE signing_key DROP CONSTRAINT signing_key_state_check;
ALTER TABLE signing_key ADD CONSTRAINT signing_key_state_check
    CHECK (state IN ('PENDING', 'ACTIVE', 'RETIRED', 'REMOVED', 'REVOKED'));

-- Only keys that sign or are about to sign keep their private half.
ALTER TABLE signing_key ADD CONSTRAINT signing_key_private_only_while_needed
    CHECK ((state IN ('PENDING', 'ACTIVE')) = (private_key_encrypted IS NOT NULL));

ALTER TABLE signing_key ADD CONSTRAINT signing_key_revocation_complete
    CHECK ((state = 'REVOKED') = (revoked_at IS NOT NULL AND revoked_by IS NOT NULL AND revoke_reason IS NOT NULL));

-- At most one key waits to sign per algorithm (one may already sign: signing_key_one_active).
CREATE UNIQUE INDEX signing_key_one_pending ON signing_key (algorithm) WHERE state = 'PENDING';
