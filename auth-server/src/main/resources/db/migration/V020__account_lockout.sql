-- Failed sign-ins and lockouts per account (the lockout feature). One row per account that failed
-- since its last successful sign-in; a successful sign-in or a password change deletes it. Every
-- change is a single INSERT ... ON CONFLICT DO UPDATE or UPDATE, so concurrent failures on any node
-- are all counted and exactly one of them locks the account.
CREATE TABLE account_lockout (
    account_id            uuid        PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    -- failures in the current window (latchkey.lockout.failure-window); back to 0 when a lock starts
    failures              integer     NOT NULL CHECK (failures >= 0),
    window_started_at     timestamptz NOT NULL,
    -- failures since the last successful sign-in or password change; at the cap the lock is held
    consecutive_failures  integer     NOT NULL CHECK (consecutive_failures >= 0),
    -- lockouts since then: the next one lasts first-duration * 2^lockouts, at most max-duration
    lockouts              integer     NOT NULL CHECK (lockouts >= 0),
    last_failure_at       timestamptz NOT NULL,
    -- attempts refused while locked (not counted as failures) since then
    refused_while_locked  integer     NOT NULL DEFAULT 0 CHECK (refused_while_locked >= 0),
    -- every attempt writes the row, so a locked account's answer takes as long as a wrong password's
    last_attempt_at       timestamptz NOT NULL,
    last_attempt_counted  boolean     NOT NULL DEFAULT true,
    locked_at             timestamptz,
    -- the end of the latest timed lock (kept after it passed, for the record)
    locked_until          timestamptz,
    -- locked until a password reset or an operator clears it (the consecutive-failure cap)
    held                  boolean     NOT NULL DEFAULT false,
    -- a timed lock whose end has not been announced yet (AccountUnlocked)
    unlock_pending        boolean     NOT NULL DEFAULT false,
    -- the end of a passed, unannounced lock that a new lock replaced, so it can still be announced
    previous_locked_until timestamptz
);
CREATE INDEX account_lockout_unlock_pending ON account_lockout (locked_until) WHERE unlock_pending;
CREATE INDEX account_lockout_locked ON account_lockout (locked_at) WHERE held OR locked_until IS NOT NULL;
