-- Token signing keys. The private key is AES-256-GCM encrypted under the key-encryption key (KEK);
-- the public part is kept as a JWK so the JWKS can be served without decrypting anything.
CREATE TABLE signing_key (
    kid                   text        PRIMARY KEY,
    algorithm             text        NOT NULL CHECK (algorithm IN ('ES256', 'RS256', 'EdDSA')),
    state                 text        NOT NULL CHECK (state IN ('PENDING', 'ACTIVE', 'RETIRED', 'REVOKED')),
    public_jwk            text        NOT NULL,
    private_key_encrypted bytea       NOT NULL,
    created_at            timestamptz NOT NULL,
    activates_at          timestamptz NOT NULL,
    retires_at            timestamptz,
    removes_at            timestamptz
);
-- At most one key signs per algorithm.
CREATE UNIQUE INDEX signing_key_one_active ON signing_key (algorithm) WHERE state = 'ACTIVE';
