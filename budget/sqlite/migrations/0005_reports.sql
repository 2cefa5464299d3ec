-- 0005: tertial and annual reports from the units on their measures. Each
-- imported form is a snapshot, kept for ever: a later form for the same
-- unit and period supersedes the earlier one measure by measure, and the
-- history shows what changed between tertials.

-- One imported reporting form. term is T1, T2 or year; sha256 is unique,
-- so the same file imported again changes nothing.
CREATE TABLE report_snapshot (
    id          INTEGER NOT NULL PRIMARY KEY,
    unit        TEXT    NOT NULL,
    year        INTEGER NOT NULL,
    term        TEXT    NOT NULL CHECK (term IN ('T1', 'T2', 'year')),
    source      TEXT    NOT NULL,
    sha256      TEXT    NOT NULL UNIQUE,
    size        INTEGER NOT NULL,
    imported_at TEXT    NOT NULL
) STRICT;

CREATE INDEX report_snapshot_period ON report_snapshot (year, term, unit);

-- One row of a form: a measure's status in the period. measure is the
-- measure's nr, deliberately not a foreign key: measures are replaced as a
-- set, and the reports are history. spent_ore is NULL when the unit left
-- it blank (not known, which is not zero).
CREATE TABLE measure_report (
    snapshot_id INTEGER NOT NULL REFERENCES report_snapshot (id) ON DELETE CASCADE,
    measure     TEXT    NOT NULL,
    row         INTEGER NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('ikke startet', 'i rute', 'forsinket', 'fullført', 'avbrutt')),
    spent_ore   INTEGER,
    comment     TEXT    NOT NULL DEFAULT '',
    deviation   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (snapshot_id, measure)
) STRICT;

CREATE INDEX measure_report_measure ON measure_report (measure);
