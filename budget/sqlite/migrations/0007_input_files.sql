-- Every file an import read, by absolute path (links resolved) and by
-- contents, so that no command writes an output over it (budget/outguard).
-- Files imported before this table existed are known by their contents
-- only: the datasets kept the name they were given, not where they lay.
CREATE TABLE input_file (
    path   TEXT    NOT NULL, -- '' when only the contents are known
    sha256 TEXT    NOT NULL, -- lower-case hex
    size   INTEGER NOT NULL,
    PRIMARY KEY (path, sha256)
) STRICT;

INSERT OR IGNORE INTO input_file (path, sha256, size) SELECT '', lower(sha256), size FROM dataset;
INSERT OR IGNORE INTO input_file (path, sha256, size) SELECT '', lower(sha256), size FROM indicator_import;
