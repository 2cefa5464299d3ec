package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// ReplaceRatings replaces the workspace's ratings of the budget with rs,
// read from source, in one transaction. The set is checked first
// (budget.ValidateRatings: a funksjon, a grade and a reason on every
// rating, none given twice); a problem is an EINVALID error naming source
// and the rows, and nothing is stored.
func (db *DB) ReplaceRatings(ctx context.Context, source string, rs []budget.Rating) error {
	if errs := budget.ValidateRatings(rs); len(errs) > 0 {
		return invalidSet(source, errs)
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("import ratings from %s: %w", source, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM rating"); err != nil {
		return fmt.Errorf("import ratings from %s: %w", source, err)
	}
	now := formatTime(db.Now())
	for i, r := range rs {
		_, err := tx.ExecContext(ctx, `INSERT INTO rating (position, funksjon, ansvar, art, grade, reason, source, imported_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, i, r.Funksjon, r.AnsvarText(), r.ArtText(), string(r.Grade),
			strings.TrimSpace(r.Reason), source, now)
		if err != nil {
			return fmt.Errorf("store rating of funksjon %s: %w", r.Funksjon, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("import ratings from %s: %w", source, err)
	}
	return nil
}

// Ratings returns the stored ratings in the order they were imported.
func (db *DB) Ratings(ctx context.Context) ([]budget.Rating, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT funksjon, ansvar, art, grade, reason FROM rating ORDER BY position")
	if err != nil {
		return nil, fmt.Errorf("read ratings: %w", err)
	}
	defer rows.Close()
	var out []budget.Rating
	for rows.Next() {
		var r budget.Rating
		var ansvar, art, grade string
		if err := rows.Scan(&r.Funksjon, &ansvar, &art, &grade, &r.Reason); err != nil {
			return nil, fmt.Errorf("read ratings: %w", err)
		}
		r.Grade = budget.Grade(grade)
		if r.Ansvar, err = optPattern(ansvar); err == nil {
			r.Art, err = optPattern(art)
		}
		if err != nil {
			return nil, fmt.Errorf("read rating of funksjon %s: damaged pattern: %w", r.Funksjon, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read ratings: %w", err)
	}
	return out, nil
}

func optPattern(s string) (*budget.Pattern, error) {
	if s == "" {
		return nil, nil
	}
	p, err := budget.ParsePattern(s)
	return &p, err
}
