-- Password-reset links. Only the SHA-256 of each link's 256-bit token is stored. At most one link per
-- account is live; older ones are kept (superseded or used) for a while so their pages can say why
-- they no longer work.
CREATE TABLE password_reset_link (
    token_hash bytea       PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    account_id uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    state      text        NOT NULL CHECK (state IN ('LIVE', 'SUPERSEDED', 'USED')),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE UNIQUE INDEX password_reset_link_one_live ON password_reset_link (account_id) WHERE state = 'LIVE';
CREATE INDEX password_reset_link_expires ON password_reset_link (expires_at);
