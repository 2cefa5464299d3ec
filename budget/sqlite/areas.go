package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// ImportAreas stores the areas read from source in one transaction: each
// geo is inserted or, when its code is stored already, replaced (name,
// level, parent); its populations replace those stored for the same years
// and leave other years alone. aliases maps other spellings of names to
// area codes; they are stored in indicators.NormName form, as is every
// area's own name, so a later lookup finds "St.Hanshaugen" under "St.
// Hanshaugen". Areas already stored and absent from geos stay.
//
// An area without a code or name, an unknown level, a negative population,
// a parent that is neither in geos nor stored, an area that is its own
// parent or parents that form a cycle, or an alias for a code that is
// neither in geos nor stored is an EINVALID error naming source, and
// nothing is stored.
func (db *DB) ImportAreas(ctx context.Context, source string, geos []indicators.Geo, aliases map[string]string) error {
	return db.ImportAreasHome(ctx, source, geos, aliases, "")
}

// ImportAreasHome is ImportAreas that also, when home is not "", makes the
// area with that code (one of geos, a kommune or bydel) the municipality's
// own (see SetHome), in the same transaction.
func (db *DB) ImportAreasHome(ctx context.Context, source string, geos []indicators.Geo, aliases map[string]string, home string) error {
	if err := checkAreas(source, geos); err != nil {
		return err
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("import areas from %s: %w", source, err)
	}
	defer tx.Rollback()
	if err := storeAreas(ctx, tx, geos); err != nil {
		return fmt.Errorf("import areas from %s: %w", source, err)
	}
	if err := checkHierarchy(ctx, tx, source); err != nil {
		return err
	}
	if err := storeAliases(ctx, tx, source, geos, aliases); err != nil {
		return err
	}
	if home != "" {
		if _, err := tx.ExecContext(ctx, `INSERT INTO home_area (id, code) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET code = excluded.code`, home); err != nil {
			return fmt.Errorf("import areas from %s: home area %s: %w", source, home, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("import areas from %s: %w", source, err)
	}
	return nil
}

func checkAreas(source string, geos []indicators.Geo) error {
	seen := map[string]bool{}
	for _, g := range geos {
		switch {
		case strings.TrimSpace(g.Code) == "":
			return budget.Errorf(budget.EINVALID, "%s: area %q has no code", source, g.Name)
		case strings.TrimSpace(g.Name) == "":
			return budget.Errorf(budget.EINVALID, "%s: area %s has no name", source, g.Code)
		case seen[g.Code]:
			return budget.Errorf(budget.EINVALID, "%s: area code %s is given twice", source, g.Code)
		}
		seen[g.Code] = true
		if _, ok := indicators.ParseLevel(string(g.Level)); !ok {
			return budget.Errorf(budget.EINVALID, "%s: area %s %s has level %q: use land, fylke, kommune, bydel, delbydel or sone", source, g.Code, g.Name, g.Level)
		}
		for y, n := range g.Population {
			if n < 0 {
				return budget.Errorf(budget.EINVALID, "%s: area %s %s has population %d in %d: must be 0 or more", source, g.Code, g.Name, n, y)
			}
		}
	}
	return nil
}

// checkHierarchy refuses parents that are unknown, the area itself, or
// on a cycle, among the areas stored and being imported together.
func checkHierarchy(ctx context.Context, tx *sql.Tx, source string) error {
	rows, err := tx.QueryContext(ctx, `SELECT code, parent FROM area`)
	if err != nil {
		return fmt.Errorf("import areas from %s: %w", source, err)
	}
	defer rows.Close()
	parents := map[string]string{}
	for rows.Next() {
		var code string
		var parent sql.NullString
		if err := rows.Scan(&code, &parent); err != nil {
			return fmt.Errorf("import areas from %s: %w", source, err)
		}
		parents[code] = parent.String
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("import areas from %s: %w", source, err)
	}
	problems := indicators.CheckParents(parents)
	if len(problems) == 0 {
		return nil
	}
	if len(problems) > 20 {
		problems = append(problems[:20], fmt.Sprintf("… and %d more", len(problems)-20))
	}
	return budget.Errorf(budget.EINVALID, "%s: the areas' parents do not form a hierarchy; fix the parent column (overordnet) and import again:\n  %s", source, strings.Join(problems, "\n  "))
}

func storeAreas(ctx context.Context, tx *sql.Tx, geos []indicators.Geo) error {
	for _, g := range geos {
		_, err := tx.ExecContext(ctx, `INSERT INTO area (code, name, level, parent, origin) VALUES (?, ?, ?, ?, 'file')
			ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent = excluded.parent, origin = 'file'`,
			g.Code, g.Name, string(g.Level), g.Parent)
		if err != nil {
			return err
		}
		for y, n := range g.Population {
			_, err := tx.ExecContext(ctx, `INSERT INTO area_population (code, year, population) VALUES (?, ?, ?)
				ON CONFLICT (code, year) DO UPDATE SET population = excluded.population`, g.Code, y, n)
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// storeAliases stores every area's own name and the aliases, normalised.
// A normalised name already standing for another area is moved to the new
// one: the file being imported is the newer word.
func storeAliases(ctx context.Context, tx *sql.Tx, source string, geos []indicators.Geo, aliases map[string]string) error {
	put := func(alias, code string) error {
		key := indicators.NormName(alias)
		if key == "" {
			return nil
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO area_alias (alias, code) VALUES (?, ?)
			ON CONFLICT (alias) DO UPDATE SET code = excluded.code`, key, code)
		return err
	}
	for _, g := range geos {
		if err := put(g.Name, g.Code); err != nil {
			return fmt.Errorf("import areas from %s: %w", source, err)
		}
	}
	names := make([]string, 0, len(aliases))
	for a := range aliases {
		names = append(names, a)
	}
	sort.Strings(names)
	for _, a := range names {
		code := aliases[a]
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM area WHERE code = ?", code).Scan(&n); err != nil {
			return fmt.Errorf("import areas from %s: %w", source, err)
		}
		if n == 0 {
			return budget.Errorf(budget.EINVALID, "%s: alias %q is for area code %s, which is neither in the file nor in the workspace", source, a, code)
		}
		if err := put(a, code); err != nil {
			return fmt.Errorf("import areas from %s: %w", source, err)
		}
	}
	return nil
}

// Areas returns every area, ordered by level (land, fylke, kommune, bydel,
// delbydel, sone), within a level the home area first (see Home), then
// the areas imported from an areas file, then those of the built-in
// reference, and then by code; each with its population per year (nil
// when none is stored). So the first kommune is the municipality's own.
func (db *DB) Areas(ctx context.Context) ([]indicators.Geo, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT code, name, level, parent FROM area ORDER BY CASE level
		WHEN 'land' THEN 0 WHEN 'fylke' THEN 1 WHEN 'kommune' THEN 2 WHEN 'bydel' THEN 3
		WHEN 'delbydel' THEN 4 ELSE 5 END,
		code IN (SELECT code FROM home_area) DESC, origin = 'file' DESC, code`)
	if err != nil {
		return nil, fmt.Errorf("areas: %w", err)
	}
	var geos []indicators.Geo
	pos := map[string]int{}
	for rows.Next() {
		var g indicators.Geo
		var level string
		if err := rows.Scan(&g.Code, &g.Name, &level, &g.Parent); err != nil {
			rows.Close()
			return nil, fmt.Errorf("areas: %w", err)
		}
		g.Level = indicators.Level(level)
		pos[g.Code] = len(geos)
		geos = append(geos, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("areas: %w", err)
	}
	prow, err := tx.QueryContext(ctx, "SELECT code, year, population FROM area_population ORDER BY code, year")
	if err != nil {
		return nil, fmt.Errorf("areas: %w", err)
	}
	defer prow.Close()
	for prow.Next() {
		var code string
		var y, n int
		if err := prow.Scan(&code, &y, &n); err != nil {
			return nil, fmt.Errorf("areas: %w", err)
		}
		if i, ok := pos[code]; ok {
			if geos[i].Population == nil {
				geos[i].Population = map[int]int{}
			}
			geos[i].Population[y] = n
		}
	}
	return geos, prow.Err()
}

// AreaAliases returns the stored aliases (NormName form → area code),
// including each area's own name.
func (db *DB) AreaAliases(ctx context.Context) (map[string]string, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT alias, code FROM area_alias")
	if err != nil {
		return nil, fmt.Errorf("area aliases: %w", err)
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var a, c string
		if err := rows.Scan(&a, &c); err != nil {
			return nil, fmt.Errorf("area aliases: %w", err)
		}
		m[a] = c
	}
	return m, rows.Err()
}

// Gazetteer returns the stored areas and aliases indexed for lookup by code
// or name.
func (db *DB) Gazetteer(ctx context.Context) (*indicators.Gazetteer, error) {
	geos, err := db.Areas(ctx)
	if err != nil {
		return nil, err
	}
	aliases, err := db.AreaAliases(ctx)
	if err != nil {
		return nil, err
	}
	return indicators.NewGazetteer(geos, aliases), nil
}

// Area returns the area with this code, name or alias (see
// indicators.Gazetteer.Lookup). An unknown area is an ENOTFOUND error that
// lists the closest names.
func (db *DB) Area(ctx context.Context, codeOrName string) (indicators.Geo, error) {
	g, err := db.Gazetteer(ctx)
	if err != nil {
		return indicators.Geo{}, err
	}
	if a, ok := g.Lookup(codeOrName); ok {
		return a, nil
	}
	if g.Len() == 0 {
		return indicators.Geo{}, budget.Errorf(budget.ENOTFOUND, "area %q not found: the workspace has no areas; import them with 'helsebudsjett import areas FILE'", codeOrName)
	}
	return indicators.Geo{}, budget.Errorf(budget.ENOTFOUND, "area %q not found; the closest are: %s", codeOrName, strings.Join(g.Closest(codeOrName, 3), ", "))
}
