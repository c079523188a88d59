-- OpenID Connect back-channel logout notices waiting to reach a client. A row is written in the same request that
-- ends the session, so a notice survives a crash; the sender leases due rows (SKIP LOCKED, so every node can run
-- it), deletes a row once the client answered 2xx, and otherwise retries with a growing delay.
CREATE TABLE backchannel_logout (
    id                   uuid        PRIMARY KEY,
    registered_client_id text        NOT NULL,
    logout_uri           text        NOT NULL,
    issuer               text        NOT NULL,
    subject              text        NOT NULL,
    -- The sid claim: the SHA-256 of the ended session's id, as the client saw it in the ID token.
    session_id           text,
    created_at           timestamptz NOT NULL,
    attempts             integer     NOT NULL DEFAULT 0,
    next_attempt_at      timestamptz NOT NULL,
    last_error           text
);
CREATE INDEX backchannel_logout_due ON backchannel_logout (next_attempt_at);
