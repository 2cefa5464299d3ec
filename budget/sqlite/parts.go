package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// execQuerier is what makeCurrent needs of a transaction.
type execQuerier interface {
	querier
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// makeCurrent makes dataset id, of the given part, current for every key
// in keys and each part it covers, and returns what it took over. A begge
// dataset that loses one of its parts for a key loses the other too, so
// that no key ever reads the same money twice (once from the begge
// dataset, once from the file that replaced half of it).
func makeCurrent(ctx context.Context, tx execQuerier, id int64, part budget.Part, keys []budget.Key) ([]budget.Replacement, error) {
	var out []budget.Replacement
	for _, k := range keys {
		from := len(out)
		var displaced []int64
		for _, q := range part.Covers() {
			var old int64
			err := tx.QueryRowContext(ctx, "SELECT dataset_id FROM current_dataset WHERE year = ? AND version = ? AND part = ?",
				k.Year, string(k.Version), string(q)).Scan(&old)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return nil, fmt.Errorf("make dataset %d current: %w", id, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO current_dataset (year, version, part, dataset_id) VALUES (?, ?, ?, ?)
				ON CONFLICT (year, version, part) DO UPDATE SET dataset_id = excluded.dataset_id`,
				k.Year, string(k.Version), string(q), id); err != nil {
				return nil, fmt.Errorf("make dataset %d current: %w", id, err)
			}
			if old != 0 && old != id {
				src, _, err := datasetSource(ctx, tx, old)
				if err != nil {
					return nil, err
				}
				out = append(out, budget.Replacement{Key: k, Part: q, Dataset: old, Source: src})
				displaced = append(displaced, old)
			}
		}
		for _, old := range displaced {
			src, oldPart, err := datasetSource(ctx, tx, old)
			if err != nil {
				return nil, err
			}
			if oldPart != budget.Begge {
				continue
			}
			rows, err := tx.QueryContext(ctx, "SELECT part FROM current_dataset WHERE year = ? AND version = ? AND dataset_id = ?",
				k.Year, string(k.Version), old)
			if err != nil {
				return nil, err
			}
			var left []budget.Part
			for rows.Next() {
				var p budget.Part
				if err := rows.Scan(&p); err != nil {
					rows.Close()
					return nil, err
				}
				left = append(left, p)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
			for _, p := range left {
				if _, err := tx.ExecContext(ctx, "DELETE FROM current_dataset WHERE year = ? AND version = ? AND part = ?",
					k.Year, string(k.Version), string(p)); err != nil {
					return nil, err
				}
				out = append(out, budget.Replacement{Key: k, Part: p, Dataset: old, Source: src, Whole: true})
			}
		}
		out = append(out[:from], mergeParts(out[from:])...)
	}
	return out, nil
}

// mergeParts says "begge" once where one dataset lost both parts of a key
// to the import, instead of once per part.
func mergeParts(rs []budget.Replacement) []budget.Replacement {
	if len(rs) == 2 && rs[0].Dataset == rs[1].Dataset && !rs[0].Whole && !rs[1].Whole {
		r := rs[0]
		r.Part = budget.Begge
		return []budget.Replacement{r}
	}
	return rs
}

func datasetSource(ctx context.Context, q querier, id int64) (string, budget.Part, error) {
	var src string
	var part budget.Part
	if err := q.QueryRowContext(ctx, "SELECT source, part FROM dataset WHERE id = ?", id).Scan(&src, &part); err != nil {
		return "", "", fmt.Errorf("dataset %d: %w", id, err)
	}
	return src, part, nil
}

// sideSums are a dataset's sums per key and side.
type sideSums map[budget.Key]*[2]budget.BigSum // [0] utgift, [1] inntekt

func (s sideSums) add(k budget.Key, art string, ore int64) {
	v := s[k]
	if v == nil {
		v = new([2]budget.BigSum)
		s[k] = v
	}
	if budget.SideOf(art, ore) == budget.Inntekt {
		v[1].Add(ore)
	} else {
		v[0].Add(ore)
	}
}

// get returns the utgift and inntekt sums of k.
func (s sideSums) get(k budget.Key) (utgift, inntekt int64, ok bool) {
	v := s[k]
	if v == nil {
		return 0, 0, true
	}
	u, ok1 := v[0].Ore()
	i, ok2 := v[1].Ore()
	return u, i, ok1 && ok2
}

// migrateParts is migration 10's step: it reads every dataset's lines,
// infers its part as an import would (else begge), stores its utgift and
// inntekt totals, and makes datasets current per (year, version, part) as
// if they had been imported in order under the new rule, so a drift file
// that an investering file replaced before is current again. It returns
// what it inferred and restored.
func migrateParts(ctx context.Context, tx *sql.Tx) ([]string, error) {
	type set struct {
		id          int64
		source      string
		first, last int64
		attrs       []string
		keys        []budget.Key
		current     map[budget.Key]bool
	}
	var sets []*set
	rows, err := tx.QueryContext(ctx, "SELECT id, source, first_entry, last_entry, attributes FROM dataset ORDER BY id")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		s := &set{current: map[budget.Key]bool{}}
		var attrs string
		if err := rows.Scan(&s.id, &s.source, &s.first, &s.last, &attrs); err != nil {
			rows.Close()
			return nil, err
		}
		if err := json.Unmarshal([]byte(attrs), &s.attrs); err != nil {
			rows.Close()
			return nil, fmt.Errorf("dataset %d: attribute names: %w", s.id, err)
		}
		sets = append(sets, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var notes []string
	for _, s := range sets {
		var ev budget.PartEvidence
		sums := sideSums{}
		err := eachEntry(ctx, tx, s.first, s.last, s.attrs, func(l *budget.Line, k budget.Key, ore int64) {
			ev.Add(l)
			sums.add(k, l.Art, ore)
		})
		if err != nil {
			return nil, fmt.Errorf("dataset %d: %w", s.id, err)
		}
		part, why, ok := ev.Infer()
		if ok {
			why = "inferred when the workspace was upgraded: " + why
			notes = append(notes, fmt.Sprintf("dataset %d (%s) holds %s: %s", s.id, s.source, part, why[len("inferred when the workspace was upgraded: "):]))
		} else {
			part, why = budget.Begge, "marked begge when the workspace was upgraded: nothing in its lines tells its part"
			notes = append(notes, fmt.Sprintf("dataset %d (%s) is marked begge: nothing in its lines tells whether it is drift or investering", s.id, s.source))
		}
		if _, err := tx.ExecContext(ctx, "UPDATE dataset SET part = ?, part_reason = ? WHERE id = ?", string(part), why, s.id); err != nil {
			return nil, err
		}
		krows, err := tx.QueryContext(ctx, "SELECT year, version FROM dataset_total WHERE dataset_id = ? ORDER BY year, version", s.id)
		if err != nil {
			return nil, err
		}
		for krows.Next() {
			var k budget.Key
			if err := krows.Scan(&k.Year, &k.Version); err != nil {
				krows.Close()
				return nil, err
			}
			s.keys = append(s.keys, k)
		}
		krows.Close()
		for _, k := range s.keys {
			u, i, ok := sums.get(k)
			if !ok {
				return nil, budget.Errorf(budget.EINTERNAL, "dataset %d: the %s amounts overflow", s.id, k)
			}
			if _, err := tx.ExecContext(ctx, "UPDATE dataset_total SET utgift_ore = ?, inntekt_ore = ? WHERE dataset_id = ? AND year = ? AND version = ?",
				u, i, s.id, k.Year, string(k.Version)); err != nil {
				return nil, err
			}
		}
		if _, err := makeCurrent(ctx, tx, s.id, part, s.keys); err != nil {
			return nil, err
		}
	}
	return notes, restoredNotes(ctx, tx, &notes)
}

// restoredNotes adds a note for every dataset that is current again after
// the migration for a key an earlier version of helsebudsjett had given
// to a later file of the other part.
func restoredNotes(ctx context.Context, tx *sql.Tx, notes *[]string) error {
	rows, err := tx.QueryContext(ctx, `SELECT c.year, c.version, c.part, d.id, d.source FROM current_dataset c
		JOIN dataset d ON d.id = c.dataset_id
		WHERE EXISTS (SELECT 1 FROM dataset d2 JOIN dataset_total t ON t.dataset_id = d2.id
			WHERE t.year = c.year AND t.version = c.version AND d2.id > d.id)
		ORDER BY c.year, c.version, c.part`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k budget.Key
		var part string
		var id int64
		var src string
		if err := rows.Scan(&k.Year, &k.Version, &part, &id, &src); err != nil {
			return err
		}
		*notes = append(*notes, fmt.Sprintf("dataset %d (%s) is current again for the %s part of %s: a later file of the other part had replaced it", id, src, part, k))
	}
	return rows.Err()
}

// eachEntry calls fn with each entry of the id range as a line with its
// art and attributes, its key and amount.
func eachEntry(ctx context.Context, q querier, first, last int64, names []string, fn func(*budget.Line, budget.Key, int64)) error {
	rows, err := q.QueryContext(ctx, "SELECT year, version, art, attrs, ore FROM entry WHERE id BETWEEN ? AND ?", first, last)
	if err != nil {
		return err
	}
	defer rows.Close()
	var vals []*string
	for rows.Next() {
		var k budget.Key
		var l budget.Line
		var attrs sql.NullString
		var ore int64
		if err := rows.Scan(&k.Year, &k.Version, &l.Art, &attrs, &ore); err != nil {
			return err
		}
		if attrs.Valid {
			vals = vals[:0]
			if err := json.Unmarshal([]byte(attrs.String), &vals); err != nil || len(vals) > len(names) {
				return budget.Errorf(budget.EINTERNAL, "bad attributes %q", attrs.String)
			}
			for i, v := range vals {
				if v != nil {
					l.Attributes = append(l.Attributes, budget.Attribute{Name: names[i], Value: *v})
				}
			}
		}
		fn(&l, k, ore)
	}
	return rows.Err()
}
