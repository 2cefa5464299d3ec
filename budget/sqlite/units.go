package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// ImportUnits replaces the workspace's units with units, read from source
// (the file name, kept for the record), in one transaction. The units are
// the whole organisation: a unit not in the new set is removed.
//
// The set is checked first (budget.ValidateUnits: codes, names, parents,
// no ansvar in two units), and a unit that a stored measure names as
// responsible may not disappear. Either is an EINVALID error naming
// source and the units, and nothing is stored.
func (db *DB) ImportUnits(ctx context.Context, source string, units []budget.Unit) error {
	if errs := budget.ValidateUnits(units); len(errs) > 0 {
		return invalidSet(source, errs)
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("import units from %s: %w", source, err)
	}
	defer tx.Rollback()
	ms, err := measures(ctx, tx)
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, u := range units {
		keep[u.Code] = true
	}
	var lost []string
	for _, m := range ms {
		for _, u := range m.Responsible {
			if !keep[u] {
				lost = append(lost, fmt.Sprintf("%s (measure %s)", u, m.Nr))
			}
		}
	}
	if len(lost) > 0 {
		return budget.Errorf(budget.EINVALID, "%s: the measures name units the file does not have: %s; "+
			"add them to the file, or import measures without them first", source, strings.Join(lost, ", "))
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM unit"); err != nil {
		return fmt.Errorf("import units from %s: %w", source, err)
	}
	now := formatTime(db.Now())
	for i, u := range units {
		_, err := tx.ExecContext(ctx, `INSERT INTO unit (code, position, name, kind, parent, leader, leader_title,
			address, ansvar, bydel, source, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			u.Code, i, u.Name, string(u.Kind), u.Parent, u.Leader, u.LeaderTitle, u.Address,
			budget.FormatCodeRanges(u.Ansvar), u.Bydel, source, now)
		if err != nil {
			return fmt.Errorf("import unit %s: %w", u.Code, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("import units from %s: %w", source, err)
	}
	return nil
}

// Units returns the stored units in the order they were imported.
func (db *DB) Units(ctx context.Context) ([]budget.Unit, error) {
	return units(ctx, db.sql)
}

func units(ctx context.Context, q querier) ([]budget.Unit, error) {
	rows, err := q.QueryContext(ctx, `SELECT code, name, kind, parent, leader, leader_title, address, ansvar, bydel
		FROM unit ORDER BY position`)
	if err != nil {
		return nil, fmt.Errorf("read units: %w", err)
	}
	defer rows.Close()
	var out []budget.Unit
	for rows.Next() {
		var u budget.Unit
		var kind, ansvar string
		if err := rows.Scan(&u.Code, &u.Name, &kind, &u.Parent, &u.Leader, &u.LeaderTitle, &u.Address, &ansvar, &u.Bydel); err != nil {
			return nil, fmt.Errorf("read units: %w", err)
		}
		u.Kind = budget.UnitKind(kind)
		if u.Ansvar, err = budget.ParseCodeRanges(ansvar); err != nil {
			return nil, fmt.Errorf("read unit %s: damaged ansvar %q: %w", u.Code, ansvar, err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read units: %w", err)
	}
	return out, nil
}

// UnitCodes returns the set of stored unit codes.
func (db *DB) UnitCodes(ctx context.Context) (map[string]bool, error) {
	us, err := db.Units(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(us))
	for _, u := range us {
		out[u.Code] = true
	}
	return out, nil
}

// SelectorFields returns the fields a selector may name in this
// workspace, lower case: budget.CodeFields and the attribute names of
// every current dataset.
func (db *DB) SelectorFields(ctx context.Context) (map[string]bool, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out := map[string]bool{}
	for _, f := range budget.CodeFields {
		out[f] = true
	}
	ks, err := keys(ctx, tx)
	if err != nil {
		return nil, err
	}
	for _, k := range ks {
		curs, err := currents(ctx, tx, k)
		if err != nil {
			return nil, err
		}
		for _, cur := range curs {
			for _, a := range cur.attrs {
				out[strings.ToLower(strings.TrimSpace(a))] = true
			}
		}
	}
	return out, nil
}

// invalidSet joins the problems validation found in a set read from source
// into one EINVALID error naming source.
func invalidSet(source string, errs []*budget.Error) error {
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Message
	}
	return budget.Errorf(budget.EINVALID, "%s: %s", source, strings.Join(msgs, "; "))
}
