package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// Area origins (the area table's origin column).
const (
	OriginFile      = "file"      // imported with import areas
	OriginReference = "reference" // the built-in reference geography, stored by an indicator import
)

// AddAreas stores, within the indicator import, the areas of the built-in
// reference geography its values land on (a comparison kommune, the
// county): each with its name as alias, origin "reference". An area
// already stored is left as it is.
func (im *IndicatorImport) AddAreas(geos []indicators.Geo) error {
	if err := im.usable(); err != nil {
		return err
	}
	for _, g := range geos {
		if _, err := im.tx.ExecContext(im.ctx, `INSERT INTO area (code, name, level, parent, origin) VALUES (?, ?, ?, ?, 'reference')
			ON CONFLICT (code) DO NOTHING`, g.Code, g.Name, string(g.Level), g.Parent); err != nil {
			return im.fail(fmt.Errorf("add area %s %s: %w", g.Code, g.Name, err))
		}
		if key := indicators.NormName(g.Name); key != "" {
			if _, err := im.tx.ExecContext(im.ctx, `INSERT INTO area_alias (alias, code) VALUES (?, ?) ON CONFLICT (alias) DO NOTHING`, key, g.Code); err != nil {
				return im.fail(fmt.Errorf("add area %s %s: %w", g.Code, g.Name, err))
			}
		}
	}
	return nil
}

// GazetteerWithReference returns the stored areas and aliases standing on
// the reference geography (see indicators.NewGazetteerWithReference).
func (db *DB) GazetteerWithReference(ctx context.Context, ref *indicators.Reference) (*indicators.Gazetteer, error) {
	geos, err := db.Areas(ctx)
	if err != nil {
		return nil, err
	}
	aliases, err := db.AreaAliases(ctx)
	if err != nil {
		return nil, err
	}
	return indicators.NewGazetteerWithReference(geos, aliases, ref), nil
}

// AreaOrigins returns each stored area's origin (OriginFile or
// OriginReference) by code.
func (db *DB) AreaOrigins(ctx context.Context) (map[string]string, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT code, origin FROM area")
	if err != nil {
		return nil, fmt.Errorf("area origins: %w", err)
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var c, o string
		if err := rows.Scan(&c, &o); err != nil {
			return nil, fmt.Errorf("area origins: %w", err)
		}
		m[c] = o
	}
	return m, rows.Err()
}

// SetHome makes the stored area with this code the municipality's own
// (its kommune, or a bydel). geo, when not stored yet (an area of the
// reference geography), is stored first, in the same transaction. Any
// other level is an EINVALID error.
func (db *DB) SetHome(ctx context.Context, geo indicators.Geo) error {
	if geo.Level != indicators.Kommune && geo.Level != indicators.Bydel {
		return budget.Errorf(budget.EINVALID, "%s is a %s: the municipality's own area is a kommune (or a bydel with its own helsebudsjett)", indicators.Describe(geo), geo.Level)
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("set home area: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO area (code, name, level, parent, origin) VALUES (?, ?, ?, ?, 'reference')
		ON CONFLICT (code) DO NOTHING`, geo.Code, geo.Name, string(geo.Level), geo.Parent); err != nil {
		return fmt.Errorf("set home area: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO home_area (id, code) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET code = excluded.code`, geo.Code); err != nil {
		return fmt.Errorf("set home area: %w", err)
	}
	return tx.Commit()
}

// Home returns the municipality's own area: the one chosen with SetHome,
// else the only kommune imported from an areas file. ok is false when
// neither is there (no areas, or several kommuner and none chosen).
func (db *DB) Home(ctx context.Context) (g indicators.Geo, ok bool, err error) {
	var code string
	err = db.sql.QueryRowContext(ctx, "SELECT code FROM home_area WHERE id = 1").Scan(&code)
	switch {
	case err == sql.ErrNoRows:
		var n int
		if err := db.sql.QueryRowContext(ctx, "SELECT count(*), coalesce(min(code), '') FROM area WHERE level = 'kommune' AND origin = 'file'").Scan(&n, &code); err != nil {
			return g, false, fmt.Errorf("home area: %w", err)
		}
		if n != 1 {
			return g, false, nil
		}
	case err != nil:
		return g, false, fmt.Errorf("home area: %w", err)
	}
	err = db.sql.QueryRowContext(ctx, "SELECT code, name, level, parent FROM area WHERE code = ?", code).Scan(&g.Code, &g.Name, &g.Level, &g.Parent)
	if err != nil {
		return g, false, fmt.Errorf("home area %s: %w", code, err)
	}
	return g, true, nil
}
