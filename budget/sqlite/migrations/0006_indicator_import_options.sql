-- An indicator import is keyed on the file's sha256 AND the options that
-- shape its values (indicator, scale, sheet, mapping, where, ...): the same
-- bytes imported again with a corrected --scale or --where are a new
-- vintage that replaces the earlier one, not "unchanged". options_key is a
-- hash of those options ('' for vintages imported before this migration);
-- replaces is the vintage of the same file a re-import superseded, whose
-- values are then no longer current (they stay for "as known on" queries).
--
-- SQLite cannot drop the old UNIQUE (indicator_id, sha256), so both tables
-- are rebuilt: the child first, so that no foreign key dangles on the way.
CREATE TABLE indicator_import_new (
    id           INTEGER PRIMARY KEY,
    indicator_id TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    sha256       TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    mapping      TEXT    NOT NULL DEFAULT '',
    rows_read    INTEGER NOT NULL DEFAULT 0,
    values_count INTEGER NOT NULL DEFAULT 0,
    imported_at  TEXT    NOT NULL, -- RFC 3339 UTC
    options_key  TEXT    NOT NULL DEFAULT '',
    replaces     INTEGER REFERENCES indicator_import_new (id)
) STRICT;

INSERT INTO indicator_import_new (id, indicator_id, source, sha256, size, mapping, rows_read, values_count, imported_at)
    SELECT id, indicator_id, source, sha256, size, mapping, rows_read, values_count, imported_at FROM indicator_import;

CREATE TABLE indicator_value_new (
    import_id    INTEGER NOT NULL REFERENCES indicator_import_new (id),
    indicator_id TEXT    NOT NULL,
    area         TEXT    NOT NULL,
    period       TEXT    NOT NULL, -- the label as published: 2024, 2018-2024, 2024-01-01
    period_start INTEGER NOT NULL,
    period_end   INTEGER NOT NULL,
    dims         TEXT    NOT NULL DEFAULT '[]',
    value        TEXT,
    marker       TEXT    NOT NULL DEFAULT '',
    count        INTEGER,
    PRIMARY KEY (import_id, area, period, dims)
) STRICT;

INSERT INTO indicator_value_new SELECT * FROM indicator_value;

DROP TABLE indicator_value;
DROP TABLE indicator_import;
ALTER TABLE indicator_import_new RENAME TO indicator_import;
ALTER TABLE indicator_value_new RENAME TO indicator_value;

CREATE INDEX indicator_value_lookup ON indicator_value (indicator_id, area, period_end);
CREATE INDEX indicator_import_file ON indicator_import (indicator_id, sha256);
CREATE INDEX indicator_import_replaces ON indicator_import (replaces);
