-- The framework's authorization table, adapted to PostgreSQL: text instead of blob, timestamptz instead of timestamp.
CREATE TABLE oauth2_authorization (
    id                            text        PRIMARY KEY,
    registered_client_id          text        NOT NULL,
    principal_name                text        NOT NULL,
    authorization_grant_type      text        NOT NULL,
    authorized_scopes             text,
    attributes                    text,
    state                         text,
    authorization_code_value      text,
    authorization_code_issued_at  timestamptz,
    authorization_code_expires_at timestamptz,
    authorization_code_metadata   text,
    access_token_value            text,
    access_token_issued_at        timestamptz,
    access_token_expires_at       timestamptz,
    access_token_metadata         text,
    access_token_type             text,
    access_token_scopes           text,
    oidc_id_token_value           text,
    oidc_id_token_issued_at       timestamptz,
    oidc_id_token_expires_at      timestamptz,
    oidc_id_token_metadata        text,
    refresh_token_value           text,
    refresh_token_issued_at       timestamptz,
    refresh_token_expires_at      timestamptz,
    refresh_token_metadata        text,
    user_code_value               text,
    user_code_issued_at           timestamptz,
    user_code_expires_at          timestamptz,
    user_code_metadata            text,
    device_code_value             text,
    device_code_issued_at         timestamptz,
    device_code_expires_at        timestamptz,
    device_code_metadata          text
);

CREATE TABLE oauth2_authorization_consent (
    registered_client_id text NOT NULL,
    principal_name       text NOT NULL,
    authorities          text NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);
