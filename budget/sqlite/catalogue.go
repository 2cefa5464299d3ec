package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// SaveIndicatorOverrides stores a municipality's own indicator definitions,
// read from source (the file name, kept for the record), in one
// transaction. Each replaces whatever was stored for its id before: the
// latest file is the word on the ids it names; other ids stay. Definitions
// are stored as given, including partial overrides whose empty fields mean
// "as in the catalogue", so the caller checks them against the catalogue
// (indicators.Catalogue.Merge) before saving. An empty id or an id given
// twice is an EINVALID error and nothing is stored.
func (db *DB) SaveIndicatorOverrides(ctx context.Context, source string, inds []indicators.Indicator) error {
	seen := map[string]bool{}
	for _, ind := range inds {
		switch {
		case strings.TrimSpace(ind.ID) == "":
			return budget.Errorf(budget.EINVALID, "%s: an indicator has no id", source)
		case seen[ind.ID]:
			return budget.Errorf(budget.EINVALID, "%s: indicator %s is given twice", source, ind.ID)
		}
		seen[ind.ID] = true
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save indicators from %s: %w", source, err)
	}
	defer tx.Rollback()
	now := formatTime(db.Now())
	for _, ind := range inds {
		def, err := json.Marshal(ind)
		if err != nil {
			return fmt.Errorf("save indicator %s: %w", ind.ID, err)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO indicator (id, definition, source, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, source = excluded.source, updated_at = excluded.updated_at`,
			ind.ID, string(def), source, now)
		if err != nil {
			return fmt.Errorf("save indicator %s: %w", ind.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save indicators from %s: %w", source, err)
	}
	return nil
}

// IndicatorOverrides returns the stored indicator definitions in id order,
// as they were saved (see SaveIndicatorOverrides).
func (db *DB) IndicatorOverrides(ctx context.Context) ([]indicators.Indicator, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id, definition FROM indicator ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read indicators: %w", err)
	}
	defer rows.Close()
	var out []indicators.Indicator
	for rows.Next() {
		var id, def string
		if err := rows.Scan(&id, &def); err != nil {
			return nil, fmt.Errorf("read indicators: %w", err)
		}
		var ind indicators.Indicator
		if err := json.Unmarshal([]byte(def), &ind); err != nil {
			return nil, fmt.Errorf("read indicator %s: damaged definition: %w", id, err)
		}
		ind.ID = id
		out = append(out, ind)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read indicators: %w", err)
	}
	return out, nil
}
