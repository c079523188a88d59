-- Earlier password hashes of each account, newest first, so that recent passwords cannot be reused.
-- The current hash stays in account.password_hash; only the ones it replaced are kept here.
CREATE TABLE password_history (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id    uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    password_hash text        NOT NULL,
    replaced_at   timestamptz NOT NULL
);
CREATE INDEX password_history_account ON password_history (account_id, replaced_at DESC, id DESC);
