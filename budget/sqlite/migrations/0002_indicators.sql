-- 0002: equity indicators. The catalogue itself is embedded in the binary;
-- indicator holds only the municipality's own additions and overrides.
-- Indicator values are TEXT decimals as published (never REAL), so the same
-- data imported from any layout is stored as the same text.

-- A municipality's own indicator definitions, overriding or adding to the
-- embedded catalogue. definition is the indicators.Indicator as JSON.
CREATE TABLE indicator (
    id         TEXT NOT NULL PRIMARY KEY,
    definition TEXT NOT NULL,
    source     TEXT NOT NULL, -- the file it came from
    updated_at TEXT NOT NULL
) STRICT;

-- Areas: kommune > bydel > delbydel, levekårssoner, and reference
-- geographies (land, fylke) kept for comparison only.
CREATE TABLE area (
    code   TEXT NOT NULL PRIMARY KEY,
    name   TEXT NOT NULL,
    level  TEXT NOT NULL,
    parent TEXT NOT NULL DEFAULT ''
) STRICT;

-- Other spellings of an area's name, normalised (lower case, no spaces or
-- dots), so "St.Hanshaugen" finds "St. Hanshaugen".
CREATE TABLE area_alias (
    alias TEXT NOT NULL PRIMARY KEY,
    code  TEXT NOT NULL REFERENCES area (code)
) STRICT, WITHOUT ROWID;

CREATE TABLE area_population (
    code       TEXT    NOT NULL REFERENCES area (code),
    year       INTEGER NOT NULL,
    population INTEGER NOT NULL,
    PRIMARY KEY (code, year)
) STRICT, WITHOUT ROWID;

-- One row per indicator file imported: a vintage. Re-imported figures keep
-- the earlier vintages, so values can be asked for "as known on" a date.
CREATE TABLE indicator_import (
    id           INTEGER PRIMARY KEY,
    indicator_id TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    sha256       TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    mapping      TEXT    NOT NULL DEFAULT '',
    rows_read    INTEGER NOT NULL DEFAULT 0,
    values_count INTEGER NOT NULL DEFAULT 0,
    imported_at  TEXT    NOT NULL, -- RFC 3339 UTC
    UNIQUE (indicator_id, sha256)
) STRICT;

-- The values of each vintage. dims is a canonical JSON array of
-- {"name","value"} sorted by name ('[]' for none). value is NULL when
-- missing, with marker keeping the source's sign for it.
CREATE TABLE indicator_value (
    import_id    INTEGER NOT NULL REFERENCES indicator_import (id),
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

CREATE INDEX indicator_value_lookup ON indicator_value (indicator_id, area, period_end);

-- Targets per indicator and area: a straight path from the baseline to the
-- target value in the target year.
CREATE TABLE indicator_target (
    indicator_id   TEXT    NOT NULL,
    area           TEXT    NOT NULL,
    baseline_year  INTEGER NOT NULL,
    baseline_value TEXT    NOT NULL,
    target_year    INTEGER NOT NULL,
    target_value   TEXT    NOT NULL,
    PRIMARY KEY (indicator_id, area)
) STRICT, WITHOUT ROWID;
