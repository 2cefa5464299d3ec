package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// ReplaceMeasures replaces the workspace's measures with ms, read from
// source (the file name, kept for the record), in one transaction: the
// measures are a set, and the previous set is not kept. Each measure is
// normalised (budget.Measure.Normalize) and stored in the order given.
//
// It checks what needs only the workspace's own tables: numbers unique,
// every responsible unit stored. An import checks the rest (indicators,
// areas, selector fields, links) with budget.ValidateMeasures and
// budget.CheckLinks first. A problem is an EINVALID error naming source, and
// nothing is stored.
func (db *DB) ReplaceMeasures(ctx context.Context, source string, ms []budget.Measure) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("import measures from %s: %w", source, err)
	}
	defer tx.Rollback()
	us, err := units(ctx, tx)
	if err != nil {
		return err
	}
	codes := map[string]bool{}
	for _, u := range us {
		codes[u.Code] = true
	}
	norm := make([]budget.Measure, len(ms))
	copy(norm, ms)
	for i := range norm {
		norm[i].Normalize()
	}
	if probs := budget.ValidateMeasures(norm, budget.MeasureRefs{Units: codes}); hasErrors(probs) {
		var msgs []string
		for _, p := range probs {
			if !p.Warning {
				msgs = append(msgs, "measure "+p.Nr+": "+p.Message)
			}
		}
		return budget.Errorf(budget.EINVALID, "%s: %s", source, strings.Join(msgs, "; "))
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM measure"); err != nil {
		return fmt.Errorf("import measures from %s: %w", source, err)
	}
	now := formatTime(db.Now())
	for i, m := range norm {
		if strings.TrimSpace(m.Nr) == "" {
			return budget.Errorf(budget.EINVALID, "%s: measure %q has no number (Nr)", source, m.Name)
		}
		def, err := json.Marshal(m)
		if err != nil {
			return fmt.Errorf("store measure %s: %w", m.Nr, err)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO measure (nr, position, name, effort, reporting, selector, share,
			start_year, end_year, status, definition, source, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			m.Nr, i, m.Name, string(m.Effort), m.Reporting, m.Selector.String(), m.Share.String(),
			m.Start, m.End, string(m.Status), string(def), source, now)
		if err != nil {
			return fmt.Errorf("store measure %s: %w", m.Nr, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("import measures from %s: %w", source, err)
	}
	return nil
}

func hasErrors(ps []budget.MeasureProblem) bool {
	for _, p := range ps {
		if !p.Warning {
			return true
		}
	}
	return false
}

// Measures returns the stored measures in the order they were imported.
func (db *DB) Measures(ctx context.Context) ([]budget.Measure, error) {
	return measures(ctx, db.sql)
}

func measures(ctx context.Context, q querier) ([]budget.Measure, error) {
	rows, err := q.QueryContext(ctx, "SELECT nr, definition FROM measure ORDER BY position")
	if err != nil {
		return nil, fmt.Errorf("read measures: %w", err)
	}
	defer rows.Close()
	var out []budget.Measure
	for rows.Next() {
		var nr, def string
		if err := rows.Scan(&nr, &def); err != nil {
			return nil, fmt.Errorf("read measures: %w", err)
		}
		var m budget.Measure
		if err := json.Unmarshal([]byte(def), &m); err != nil {
			return nil, fmt.Errorf("read measure %s: damaged definition: %w", nr, err)
		}
		m.Nr = nr
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read measures: %w", err)
	}
	return out, nil
}

// EachLink calls fn with every link of the stored measures to the lines of
// the current dataset for key, as budget.EachLink gives them (in line
// order and, within a line, in measure order, until fn returns an error,
// which EachLink returns), reading the dataset once, so that memory stays
// bounded by one line's links.
//
// A line that the measures count more than 100 % of is an ECONFLICT error
// naming the line and the measures. A key without a current dataset is
// ENOTFOUND, also when no measure is active in its year.
func (db *DB) EachLink(ctx context.Context, key budget.Key, fn func(budget.Link) error) error {
	ms, err := db.Measures(ctx)
	if err != nil {
		return err
	}
	// budget.EachLink reads no line when no measure runs in key.Year, but
	// a missing budget is ENOTFOUND all the same.
	if err := db.hasCurrent(ctx, key); err != nil {
		return err
	}
	return budget.EachLink(key, ms, func(line func(*budget.Line) error) error {
		return db.Lines(ctx, key, line)
	}, fn)
}

// hasCurrent returns the ENOTFOUND error of a key without a current
// dataset, and nil for one with.
func (db *DB) hasCurrent(ctx context.Context, key budget.Key) error {
	tx, err := db.readTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	_, err = currents(ctx, tx, key)
	return err
}

// Links returns every link of the stored measures to the lines of the
// current dataset for key, as EachLink gives them. Each Link's Line is its
// own.
func (db *DB) Links(ctx context.Context, key budget.Key) ([]budget.Link, error) {
	var out []budget.Link
	err := db.EachLink(ctx, key, func(l budget.Link) error {
		out = append(out, l)
		return nil
	})
	return out, err
}

// MeasureTotals returns the amount counted for each stored measure (by
// Nr) in the current dataset for key (budget.MeasureTotals over Links).
func (db *DB) MeasureTotals(ctx context.Context, key budget.Key) (map[string]int64, error) {
	links, err := db.Links(ctx, key)
	if err != nil {
		return nil, err
	}
	return budget.MeasureTotals(links)
}
