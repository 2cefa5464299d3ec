-- 0010: budget parts, import keys, and totals per utgift/inntekt.
--
-- A dataset belongs to a part of the budget (kommuneloven § 14-4): drift,
-- investering, or begge for a file that holds both; part_reason says how
-- the part was chosen (--part, or what in the file showed it). The current
-- dataset is kept per (year, version, part), where part is drift or
-- investering: a begge dataset is current for both, so importing the
-- investering file never replaces the drift file.
--
-- A re-import is "unchanged" only when nothing that shapes it changed:
-- options is the canonical JSON of the import options that shape the lines
-- (year, version, part, sheet, mapping; '' for datasets imported before
-- this migration). So sha256 is no longer unique: the same bytes imported
-- as vedtatt after forslag are a second dataset.
--
-- The parts, the utgift/inntekt totals and the current datasets of an
-- existing workspace are filled in by the Go step of this migration
-- (migrateParts), which reads each dataset's lines with the same rules an
-- import uses. SQLite cannot drop a UNIQUE constraint, so the tables are
-- rebuilt, children first.
CREATE TABLE dataset_new (
    id           INTEGER PRIMARY KEY,
    source       TEXT    NOT NULL,
    sha256       TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    format       TEXT    NOT NULL,
    sheet        TEXT    NOT NULL DEFAULT '',
    mapping      TEXT    NOT NULL DEFAULT '',
    rows_read    INTEGER NOT NULL DEFAULT 0,
    lines        INTEGER NOT NULL DEFAULT 0,
    skipped      TEXT    NOT NULL DEFAULT '{}',
    warnings     INTEGER NOT NULL DEFAULT 0,
    attributes   TEXT    NOT NULL DEFAULT '[]',
    first_entry  INTEGER NOT NULL DEFAULT 1,
    last_entry   INTEGER NOT NULL DEFAULT 0,
    in_row_order INTEGER NOT NULL DEFAULT 1,
    imported_at  TEXT    NOT NULL,
    options      TEXT    NOT NULL DEFAULT '',
    part         TEXT    NOT NULL DEFAULT 'begge' CHECK (part IN ('drift', 'investering', 'begge')),
    part_reason  TEXT    NOT NULL DEFAULT ''
) STRICT;

INSERT INTO dataset_new (id, source, sha256, size, format, sheet, mapping, rows_read, lines, skipped, warnings,
        attributes, first_entry, last_entry, in_row_order, imported_at)
    SELECT id, source, sha256, size, format, sheet, mapping, rows_read, lines, skipped, warnings,
        attributes, first_entry, last_entry, in_row_order, imported_at FROM dataset;

-- ore = utgift_ore + inntekt_ore: utgift are the amounts on arts 000-599,
-- inntekt on arts 600-999 (by sign for a line without an art).
CREATE TABLE dataset_total_new (
    dataset_id  INTEGER NOT NULL REFERENCES dataset_new (id),
    year        INTEGER NOT NULL,
    version     TEXT    NOT NULL,
    ore         INTEGER NOT NULL,
    utgift_ore  INTEGER NOT NULL DEFAULT 0,
    inntekt_ore INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (dataset_id, year, version)
) STRICT, WITHOUT ROWID;

INSERT INTO dataset_total_new (dataset_id, year, version, ore)
    SELECT dataset_id, year, version, ore FROM dataset_total;

CREATE TABLE current_dataset_new (
    year       INTEGER NOT NULL,
    version    TEXT    NOT NULL,
    part       TEXT    NOT NULL CHECK (part IN ('drift', 'investering')),
    dataset_id INTEGER NOT NULL REFERENCES dataset_new (id),
    PRIMARY KEY (year, version, part)
) STRICT, WITHOUT ROWID;

DROP TABLE current_dataset;
DROP TABLE dataset_total;
DROP TABLE dataset;
ALTER TABLE dataset_new RENAME TO dataset;
ALTER TABLE dataset_total_new RENAME TO dataset_total;
ALTER TABLE current_dataset_new RENAME TO current_dataset;

CREATE INDEX current_dataset_dataset ON current_dataset (dataset_id);
CREATE INDEX dataset_sha256 ON dataset (sha256);

-- What a migration found and the user should hear of, printed when the
-- workspace is opened by the command that migrated it.
CREATE TABLE migration_note (
    id        INTEGER PRIMARY KEY,
    migration INTEGER NOT NULL,
    note      TEXT    NOT NULL
) STRICT;
