-- 0008: where each area came from, and the municipality's own area.
-- origin is 'file' for areas imported with 'import areas' and 'reference'
-- for areas of the built-in reference geography that an indicator import
-- stored because its values land on them (comparison kommuner, counties).
ALTER TABLE area ADD COLUMN origin TEXT NOT NULL DEFAULT 'file';

-- The municipality's own area (its kommune, or a bydel that runs its own
-- helsebudsjett), chosen once with 'areas set-home' or in the areas file.
CREATE TABLE home_area (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    code TEXT    NOT NULL REFERENCES area (code)
) STRICT;
