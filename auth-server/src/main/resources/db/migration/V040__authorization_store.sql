-- Latchkey's authorization store (JdbcAuthorizationStore) replaces the framework's oauth2_authorization table,
-- which kept raw token values in unindexed columns and found them with a 7-way OR (a full table scan).
-- Here a code, token or state is kept only as its SHA-256 hash, and every hash has its own index.
-- Authorizations issued before this migration are dropped: their holders sign in again.
DROP TABLE oauth2_authorization;

-- One row per grant (an OAuth2Authorization): the current tokens of a sign-in, a client credentials grant,
-- or a request still waiting for consent. For refresh tokens the row is the family.
CREATE TABLE stored_authorization (
    id                      text        PRIMARY KEY,
    registered_client_id    text        NOT NULL,
    principal_name          text        NOT NULL,
    grant_type              text        NOT NULL,
    authorized_scopes       text[]      NOT NULL DEFAULT '{}',
    attributes              jsonb       NOT NULL,
    state_hash              bytea,
    code_hash               bytea,
    code_issued_at          timestamptz,
    code_expires_at         timestamptz,
    code_metadata           jsonb,
    access_token_hash       bytea,
    access_token_issued_at  timestamptz,
    access_token_expires_at timestamptz,
    access_token_metadata   jsonb,
    access_token_type       text,
    access_token_scopes     text[],
    id_token_hash           bytea,
    id_token_issued_at      timestamptz,
    id_token_expires_at     timestamptz,
    id_token_metadata       jsonb,
    -- The OpenID Connect session (sid claim) the ID token belongs to, for back-channel logout.
    id_token_sid            text,
    refresh_token_hash      bytea,
    refresh_token_issued_at timestamptz,
    refresh_token_expires_at timestamptz,
    refresh_token_metadata  jsonb,
    user_code_hash          bytea,
    user_code_issued_at     timestamptz,
    user_code_expires_at    timestamptz,
    user_code_metadata      jsonb,
    device_code_hash        bytea,
    device_code_issued_at   timestamptz,
    device_code_expires_at  timestamptz,
    device_code_metadata    jsonb,
    -- When the grant began (first sign-in): a refresh token family lives at most a fixed time from here.
    created_at              timestamptz NOT NULL,
    -- When nothing in the row can be used any more; the purge job deletes the row after that.
    expires_at              timestamptz NOT NULL,
    CONSTRAINT stored_authorization_hash_lengths CHECK (
        octet_length(state_hash) = 32 AND octet_length(code_hash) = 32 AND octet_length(access_token_hash) = 32
        AND octet_length(id_token_hash) = 32 AND octet_length(refresh_token_hash) = 32
        AND octet_length(user_code_hash) = 32 AND octet_length(device_code_hash) = 32)
);

CREATE UNIQUE INDEX stored_authorization_state ON stored_authorization (state_hash) WHERE state_hash IS NOT NULL;
CREATE UNIQUE INDEX stored_authorization_code ON stored_authorization (code_hash) WHERE code_hash IS NOT NULL;
CREATE UNIQUE INDEX stored_authorization_access_token ON stored_authorization (access_token_hash)
    WHERE access_token_hash IS NOT NULL;
CREATE UNIQUE INDEX stored_authorization_id_token ON stored_authorization (id_token_hash)
    WHERE id_token_hash IS NOT NULL;
CREATE UNIQUE INDEX stored_authorization_refresh_token ON stored_authorization (refresh_token_hash)
    WHERE refresh_token_hash IS NOT NULL;
CREATE UNIQUE INDEX stored_authorization_user_code ON stored_authorization (user_code_hash)
    WHERE user_code_hash IS NOT NULL;
CREATE UNIQUE INDEX stored_authorization_device_code ON stored_authorization (device_code_hash)
    WHERE device_code_hash IS NOT NULL;
CREATE INDEX stored_authorization_principal ON stored_authorization (principal_name, registered_client_id);
CREATE INDEX stored_authorization_expiry ON stored_authorization (expires_at);

-- Every refresh token a family has issued, so that presenting a spent one is recognised as reuse.
-- The immediate predecessor of the current token keeps, for a few seconds, the successor's token response
-- encrypted under a key derived from the predecessor itself (see RefreshRetrySeal), so a client whose
-- response was lost can retry and get the same pair.
CREATE TABLE refresh_token (
    token_hash       bytea       PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    authorization_id text        NOT NULL REFERENCES stored_authorization (id) ON DELETE CASCADE,
    issued_at        timestamptz NOT NULL,
    spent_at         timestamptz,
    successor_hash   bytea,
    retry_response   bytea,
    retry_until      timestamptz
);
CREATE INDEX refresh_token_authorization ON refresh_token (authorization_id);
CREATE INDEX refresh_token_retry ON refresh_token (retry_until) WHERE retry_until IS NOT NULL;
