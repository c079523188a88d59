-- The lockout notice mail: a new kind, and the time a notice talks about (when the lock ends; NULL
-- for a lock that lasts until the password is reset).
ALTER TABLE outbound_mail DROP CONSTRAINT outbound_mail_kind_check;
ALTER TABLE outbound_mail ADD CONSTRAINT outbound_mail_kind_check
    CHECK (kind IN ('PASSWORD_RESET', 'PASSWORD_CHANGED', 'ACCOUNT_LOCKED'));
ALTER TABLE outbound_mail ADD COLUMN lasts_until timestamptz;
