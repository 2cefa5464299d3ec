-- 0001: datasets, their totals, the current dataset per (year, version), and
-- the budget entries. All tables are STRICT so that money can only ever be
-- an INTEGER of øre, never REAL.

-- One row per imported file. skipped is a JSON object {reason: count};
-- attributes is the JSON array of the attribute names seen in the file, in
-- first-seen order, which entry.attrs holds the values for by position.
-- first_entry..last_entry is the range of entry.id the import wrote: one
-- import is one write transaction, so its entries are consecutive, and
-- queries read a dataset through that range of the primary key instead of
-- an index that every one of a million inserts would have to maintain.
-- in_row_order is 1 when lines were added in non-decreasing source row, so
-- id order is row order and reading them needs no sort.
CREATE TABLE dataset (
    id           INTEGER PRIMARY KEY,
    source       TEXT    NOT NULL,
    sha256       TEXT    NOT NULL UNIQUE,
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
    imported_at  TEXT    NOT NULL -- RFC 3339 UTC with nanoseconds
) STRICT;

-- The sum of a dataset's amounts per (year, version), as the importer
-- computed it and the store checked it.
CREATE TABLE dataset_total (
    dataset_id INTEGER NOT NULL REFERENCES dataset (id),
    year       INTEGER NOT NULL,
    version    TEXT    NOT NULL,
    ore        INTEGER NOT NULL,
    PRIMARY KEY (dataset_id, year, version)
) STRICT, WITHOUT ROWID;

-- Which dataset is current for each (year, version): the last one imported
-- that holds the key. Older datasets stay in dataset as history.
CREATE TABLE current_dataset (
    year       INTEGER NOT NULL,
    version    TEXT    NOT NULL,
    dataset_id INTEGER NOT NULL REFERENCES dataset (id),
    PRIMARY KEY (year, version)
) STRICT, WITHOUT ROWID;

CREATE INDEX current_dataset_dataset ON current_dataset (dataset_id);

-- One row per budget line and (year, version) it has an amount for,
-- denormalised so an import is one plain append per amount. Codes are TEXT
-- to keep leading zeros. attrs is a JSON array of the line's attribute
-- values by the position of their name in dataset.attributes (null where
-- the line lacks one, trailing ones omitted), or NULL when it has none.
-- dataset_id has no foreign key and no index on purpose: a foreign key
-- costs a lookup of the parent per insert, and the dataset's id range
-- (dataset.first_entry..last_entry) already finds its entries.
CREATE TABLE entry (
    id         INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL,
    row        INTEGER NOT NULL,
    year       INTEGER NOT NULL,
    version    TEXT    NOT NULL,
    ansvar     TEXT    NOT NULL,
    funksjon   TEXT    NOT NULL,
    tjeneste   TEXT    NOT NULL,
    art        TEXT    NOT NULL,
    konto      TEXT    NOT NULL,
    prosjekt   TEXT    NOT NULL,
    attrs      TEXT,
    ore        INTEGER NOT NULL
) STRICT;
