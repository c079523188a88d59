-- The framework's registered-client table, adapted to PostgreSQL: text instead of bounded varchar, timestamptz.
CREATE TABLE oauth2_registered_client (
    id                            text        PRIMARY KEY,
    client_id                     text        NOT NULL UNIQUE,
    client_id_issued_at           timestamptz NOT NULL DEFAULT now(),
    client_secret                 text,
    client_secret_expires_at      timestamptz,
    client_name                   text        NOT NULL,
    client_authentication_methods text        NOT NULL,
    authorization_grant_types     text        NOT NULL,
    redirect_uris                 text,
    post_logout_redirect_uris     text,
    scopes                        text        NOT NULL,
    client_settings               text        NOT NULL,
    token_settings                text        NOT NULL
);
