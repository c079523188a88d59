-- Rate-limit counters (the lockout feature): one fixed window per bucket. A bucket is the SHA-256 of
-- the limit's name and what it counts (client address, typed email, client id), so no address or
-- email is stored in clear. Rows whose window has passed are deleted in batches.
CREATE TABLE rate_limit_counter (
    bucket         bytea       PRIMARY KEY CHECK (octet_length(bucket) = 32),
    window_ends_at timestamptz NOT NULL,
    hits           integer     NOT NULL CHECK (hits >= 0)
);
CREATE INDEX rate_limit_counter_window_ends_at ON rate_limit_counter (window_ends_at);
