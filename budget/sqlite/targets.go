package sqlite

import (
	"context"
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// SaveTargets stores targets in one transaction, each replacing the target
// stored for its (indicator, area); other targets stay. The caller checks
// them against their indicators (indicators.Target.Validate) first. An
// (indicator, area) given twice is an EINVALID error and nothing is stored.
func (db *DB) SaveTargets(ctx context.Context, ts []indicators.Target) error {
	type key struct{ ind, area string }
	seen := map[key]bool{}
	for _, t := range ts {
		k := key{t.Indicator, t.Area}
		if seen[k] {
			return budget.Errorf(budget.EINVALID, "two targets for %s in %s: keep one", t.Indicator, t.Area)
		}
		seen[k] = true
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save targets: %w", err)
	}
	defer tx.Rollback()
	for _, t := range ts {
		_, err := tx.ExecContext(ctx, `INSERT INTO indicator_target
			(indicator_id, area, baseline_year, baseline_value, target_year, target_value) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (indicator_id, area) DO UPDATE SET baseline_year = excluded.baseline_year,
			baseline_value = excluded.baseline_value, target_year = excluded.target_year, target_value = excluded.target_value`,
			t.Indicator, t.Area, t.BaselineYear, t.BaselineValue.String(), t.TargetYear, t.TargetValue.String())
		if err != nil {
			return fmt.Errorf("save target for %s in %s: %w", t.Indicator, t.Area, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save targets: %w", err)
	}
	return nil
}

// Targets returns the stored targets of the indicator, or of every
// indicator when indicatorID is "", ordered by indicator and area. Each
// has BaselinePeriod set to its baseline year.
func (db *DB) Targets(ctx context.Context, indicatorID string) ([]indicators.Target, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT indicator_id, area, baseline_year, baseline_value, target_year, target_value
		FROM indicator_target WHERE ? = '' OR indicator_id = ? ORDER BY indicator_id, area`, indicatorID, indicatorID)
	if err != nil {
		return nil, fmt.Errorf("read targets: %w", err)
	}
	defer rows.Close()
	var out []indicators.Target
	for rows.Next() {
		var t indicators.Target
		var base, target string
		if err := rows.Scan(&t.Indicator, &t.Area, &t.BaselineYear, &base, &t.TargetYear, &target); err != nil {
			return nil, fmt.Errorf("read targets: %w", err)
		}
		if t.BaselineValue, err = decimal.NewFromString(base); err == nil {
			t.TargetValue, err = decimal.NewFromString(target)
		}
		if err != nil {
			return nil, fmt.Errorf("read target for %s in %s: damaged value: %w", t.Indicator, t.Area, err)
		}
		y := strconv.Itoa(t.BaselineYear)
		t.BaselinePeriod = indicators.Period{Label: y, Start: t.BaselineYear, End: t.BaselineYear}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read targets: %w", err)
	}
	return out, nil
}
