-- The audit log (audit feature): append-only, each row holding the SHA-256 of the row before
-- it (a hash chain), so a row changed, removed or inserted by hand breaks the chain at that row.
CREATE TABLE audit_event (
    id            bigint      PRIMARY KEY,
    occurred_at   timestamptz NOT NULL,
    type          text        NOT NULL,
    actor         text        NOT NULL,
    address       text,
    subject       text,
    details       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    previous_hash bytea       NOT NULL,
    hash          bytea       NOT NULL
);

CREATE INDEX audit_event_occurred_at ON audit_event (occurred_at);
CREATE INDEX audit_event_type ON audit_event (type, id);
CREATE INDEX audit_event_actor ON audit_event (actor, id);
CREATE INDEX audit_event_subject ON audit_event (subject, id);

-- The end of the chain, one row. Every append locks it (SELECT ... FOR UPDATE), so appends
-- from all nodes form one chain, in the order their transactions commit.
CREATE TABLE audit_chain_head (
    id        smallint PRIMARY KEY CHECK (id = 1),
    last_id   bigint   NOT NULL,
    last_hash bytea    NOT NULL
);
INSERT INTO audit_chain_head (id, last_id, last_hash) VALUES (1, 0, decode(repeat('00', 32), 'hex'));

-- Append-only: the database refuses to change or delete a row. (The application's database
-- user owns the table, so it could drop this trigger; the hash chain shows that too.)
-- TRUNCATE is allowed only to a restore, which sets latchkey.audit_restore in its transaction.
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' AND current_setting('latchkey.audit_restore', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
