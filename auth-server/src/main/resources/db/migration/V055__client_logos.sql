-- Client logos (client feature): one re-encoded image per client, never a file name chosen by the uploader.
CREATE TABLE client_logo (
    registered_client_id text        PRIMARY KEY REFERENCES oauth2_registered_client (id) ON DELETE CASCADE,
    content_type         text        NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
    image                bytea       NOT NULL CHECK (octet_length(image) <= 4194304),
    width                integer     NOT NULL CHECK (width BETWEEN 1 AND 1024),
    height               integer     NOT NULL CHECK (height BETWEEN 1 AND 1024),
    sha256               text        NOT NULL,
    updated_at           timestamptz NOT NULL
);
