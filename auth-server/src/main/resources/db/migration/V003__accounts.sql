-- End-user accounts. The email is unique without regard to case.
CREATE TABLE account (
    id                  uuid        PRIMARY KEY,
    email               text        NOT NULL,
    display_name        text        NOT NULL,
    password_hash       text        NOT NULL,
    enabled             boolean     NOT NULL DEFAULT true,
    email_verified      boolean     NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL,
    password_changed_at timestamptz NOT NULL,
    version             bigint      NOT NULL DEFAULT 0,
    CONSTRAINT account_email_length CHECK (char_length(email) <= 320)
);
CREATE UNIQUE INDEX account_email_key ON account (lower(email));

CREATE TABLE account_role (
    account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN ('ADMIN', 'MANAGER', 'USER', 'GUEST')),
    PRIMARY KEY (account_id, role)
);
