-- 0003: the yearly wheel (årshjul). Times are RFC 3339 text with the
-- Europe/Oslo offset, so they read as local time and still sort and compare
-- as instants within one offset; code compares them as parsed times.

-- The wheel in use: one row, the YAML as imported (or the default).
-- active_from is the instant before which nothing is run: a wheel imported
-- in May does not send January's letters.
CREATE TABLE wheel (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    source      TEXT    NOT NULL,
    yaml        TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    active_from TEXT    NOT NULL,
    imported_at TEXT    NOT NULL
) STRICT;

-- One row per occurrence run. The UNIQUE key is the exactly-once
-- guarantee: the row is inserted (status 'started') before the action acts,
-- and a second claim of the same occurrence inserts nothing.
CREATE TABLE wheel_run (
    id          INTEGER PRIMARY KEY,
    task_id     TEXT    NOT NULL,
    occurrence  TEXT    NOT NULL,
    started_at  TEXT    NOT NULL,
    ended_at    TEXT,
    status      TEXT    NOT NULL CHECK (status IN ('started', 'done', 'failed', 'panicked', 'not-available')),
    result      TEXT    NOT NULL DEFAULT '',
    warning     TEXT    NOT NULL DEFAULT '',
    UNIQUE (task_id, occurrence)
) STRICT;

CREATE INDEX wheel_run_started ON wheel_run (started_at);

-- The files a run wrote, with their sha256.
CREATE TABLE wheel_run_file (
    run_id INTEGER NOT NULL REFERENCES wheel_run (id),
    path   TEXT    NOT NULL,
    sha256 TEXT    NOT NULL,
    PRIMARY KEY (run_id, path)
) STRICT, WITHOUT ROWID;

-- Reminders to send, one per run and recipient. A message goes 'pending' →
-- 'sending' (committed before the SMTP conversation) → 'sent'; one left in
-- 'sending' by a crash is never sent again automatically, so no message is
-- sent twice.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    run_id       INTEGER NOT NULL REFERENCES wheel_run (id),
    recipient    TEXT    NOT NULL,
    address      TEXT    NOT NULL DEFAULT '',
    subject      TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'unaddressed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_attempt TEXT    NOT NULL,
    last_error   TEXT    NOT NULL DEFAULT '',
    sent_at      TEXT,
    UNIQUE (run_id, recipient)
) STRICT;

CREATE INDEX outbox_state ON outbox (state, next_attempt);

-- When each task of the wheel became active: an import keeps the time of
-- tasks it already had and stamps new ones, so a task added in May is not
-- run for the months before it existed, while an old task missed during
-- downtime still is.
CREATE TABLE wheel_task_active (
    task_id     TEXT NOT NULL PRIMARY KEY,
    active_from TEXT NOT NULL
) STRICT, WITHOUT ROWID;
