package sqlite

import (
	"context"
	"fmt"
	"sort"
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

// RatedGroup is the money of one funksjon under one rating, or unrated
// (Rating nil): how many lines and their sum in øre.
type RatedGroup struct {
	Funksjon string
	Rating   *budget.Rating
	Lines    int
	Ore      int64
}

// RatingSummary rates every line of the current dataset for key with the
// stored ratings (budget.Rater) and returns the money per funksjon and
// rating, sorted by funksjon and then in the order the ratings were
// given, each funksjon's unrated money last; and the totals by grade, with
// budget.Unrated for lines no rating covers. Lines are never counted as
// nøytral by default. A key without a current dataset is ENOTFOUND.
func (db *DB) RatingSummary(ctx context.Context, key budget.Key) ([]RatedGroup, budget.GradeTotals, error) {
	rs, err := db.Ratings(ctx)
	if err != nil {
		return nil, nil, err
	}
	pos := map[*budget.Rating]int{}
	for i := range rs {
		pos[&rs[i]] = i
	}
	rater := budget.NewRater(rs)
	type gkey struct {
		funksjon string
		rating   *budget.Rating
	}
	groups := map[gkey]*RatedGroup{}
	totals := budget.GradeTotals{}
	err = db.Lines(ctx, key, func(l *budget.Line) error {
		r := rater.Rate(l)
		ore := l.OreFor(key)
		totals.Add(r, ore)
		k := gkey{l.Funksjon, r}
		g := groups[k]
		if g == nil {
			g = &RatedGroup{Funksjon: l.Funksjon, Rating: r}
			groups[k] = g
		}
		g.Lines++
		g.Ore += ore
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	out := make([]RatedGroup, 0, len(groups))
	for _, g := range groups {
		out = append(out, *g)
	}
	rank := func(g RatedGroup) int {
		if g.Rating == nil {
			return len(rs)
		}
		return pos[g.Rating]
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Funksjon != out[j].Funksjon {
			return out[i].Funksjon < out[j].Funksjon
		}
		return rank(out[i]) < rank(out[j])
	})
	return out, totals, nil
}
