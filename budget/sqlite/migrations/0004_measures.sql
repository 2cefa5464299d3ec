-- 0005: the organisation's units, the health-equity measures (tiltak)
-- linked to budget lines, and the rating of the whole budget. Each is
-- replaced as a set by its import, in one transaction; no history is kept.

-- Units: virksomhet, etat, bydel, sektor. ansvar is the list of ansvar
-- codes and ranges that belong to the unit as written ("1000-1099, 1200").
CREATE TABLE unit (
    code         TEXT    NOT NULL PRIMARY KEY,
    position     INTEGER NOT NULL, -- order in the file
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    parent       TEXT    NOT NULL DEFAULT '',
    leader       TEXT    NOT NULL DEFAULT '',
    leader_title TEXT    NOT NULL DEFAULT '',
    address      TEXT    NOT NULL DEFAULT '',
    ansvar       TEXT    NOT NULL DEFAULT '',
    bydel        TEXT    NOT NULL DEFAULT '',
    source       TEXT    NOT NULL,
    imported_at  TEXT    NOT NULL
) STRICT;

-- Measures. The columns a person reading the database wants are spelled
-- out; definition is the whole budget.Measure as JSON (decimals as text),
-- which is what the workspace reads back.
CREATE TABLE measure (
    nr          TEXT    NOT NULL PRIMARY KEY,
    position    INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    effort      TEXT    NOT NULL,
    reporting   TEXT    NOT NULL,
    selector    TEXT    NOT NULL,
    share       TEXT    NOT NULL, -- percent, a decimal as text
    start_year  INTEGER NOT NULL,
    end_year    INTEGER NOT NULL,
    status      TEXT    NOT NULL,
    definition  TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    imported_at TEXT    NOT NULL
) STRICT;

-- Ratings of the budget per funksjon, optionally narrowed by ansvar and
-- art patterns ('' for none). A line no rating covers is unrated.
CREATE TABLE rating (
    position    INTEGER NOT NULL PRIMARY KEY,
    funksjon    TEXT    NOT NULL,
    ansvar      TEXT    NOT NULL DEFAULT '',
    art         TEXT    NOT NULL DEFAULT '',
    grade       TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    imported_at TEXT    NOT NULL,
    UNIQUE (funksjon, ansvar, art)
) STRICT;
