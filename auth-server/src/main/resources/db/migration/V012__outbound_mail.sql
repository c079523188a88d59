-- Mails waiting to be sent, committed with the change that caused them so a crash or an SMTP outage
-- loses none. A row names what to send, never its content: a reset link's token is created only when
-- the mail goes out, so it is never stored in clear.
CREATE TABLE outbound_mail (
    id              uuid        PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('PASSWORD_RESET', 'PASSWORD_CHANGED')),
    account_id      uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    locale          text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('PENDING', 'SENT', 'SUPPRESSED', 'FAILED')),
    created_at      timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    finished_at     timestamptz,
    last_error      text
);
CREATE INDEX outbound_mail_due ON outbound_mail (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX outbound_mail_sent ON outbound_mail (account_id, kind, finished_at) WHERE state = 'SENT';
CREATE INDEX outbound_mail_finished ON outbound_mail (finished_at) WHERE state <> 'PENDING';
