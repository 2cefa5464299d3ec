package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// SummaryRow is one group of a Summary (budget.SummaryRow).
type SummaryRow = budget.SummaryRow

// readTx starts a read transaction (a plain, deferred BEGIN), so the
// several statements of one query see the same snapshot.
func (db *DB) readTx(ctx context.Context) (*sql.Tx, error) {
	return db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
}

// Datasets returns every dataset imported, oldest first, each with its
// totals and the keys it is current for.
func (db *DB) Datasets(ctx context.Context) ([]budget.Dataset, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return datasets(ctx, tx, "")
}

// Keys returns the (year, version) pairs that have a current dataset, in
// year and version order.
func (db *DB) Keys(ctx context.Context) ([]budget.Key, error) {
	return keys(ctx, db.sql)
}

// Summary returns the totals of the current datasets for key (drift and
// investering, or the one dataset holding both), grouped by a code
// (funksjon, ansvar, art, prosjekt, tjeneste or konto), by part, art-group
// or side (see budget.GroupOf), or by an attribute of those datasets,
// whose name is matched case-insensitively. Rows are sorted by group value
// in Norwegian order (Æ Ø Å last, case ignored, digits before letters; art
// groups, sides and parts in their own order); lines without the code or
// attribute fall in the group "". A key without a current dataset is an
// ENOTFOUND error, an unknown group an EINVALID one listing the choices.
func (db *DB) Summary(ctx context.Context, key budget.Key, by string) ([]SummaryRow, error) {
	return db.SummaryOf(ctx, key, "", by)
}

// SummaryOf is Summary of one part of the budget: drift (the driftsdel,
// which a dataset holding both parts counts as), investering, or "" for
// all. A key whose current datasets hold none of the part gives no rows.
func (db *DB) SummaryOf(ctx context.Context, key budget.Key, part budget.Part, by string) ([]SummaryRow, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	curs, err := currents(ctx, tx, key)
	if err != nil {
		return nil, err
	}
	groups := map[string]*SummaryRow{}
	if _, ok := codeColumn(by); !ok && !derivedGroup(by) && !hasAttr(curs, by) {
		choices := strings.Split(codeColumns, ",")
		choices = append(choices, budget.ByPart, budget.ByArtGroup, budget.BySide)
		for _, c := range curs {
			choices = append(choices, c.attrs...)
		}
		return nil, budget.Errorf(budget.EINVALID, "cannot group %s by %q: choose one of %s",
			key, by, strings.Join(choices, ", "))
	}
	for _, cur := range curs {
		if !inPart(cur.part, part) {
			continue
		}
		if err := summarise(ctx, tx, key, cur, by, groups); err != nil {
			return nil, err
		}
	}
	out := make([]SummaryRow, 0, len(groups))
	for _, r := range groups {
		out = append(out, *r)
	}
	less := budget.GroupLess(by, indicators.NorwegianLess)
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Value, out[j].Value
		if less(a, b) != less(b, a) {
			return less(a, b)
		}
		return a < b
	})
	return out, nil
}

// inPart reports whether a dataset of part p counts in part want: a
// dataset holding both counts as the driftsdel, since its lines cannot be
// told apart.
func inPart(p, want budget.Part) bool {
	switch want {
	case "":
		return true
	case budget.Drift:
		return p != budget.Investering
	}
	return p == want
}

// derivedGroup reports whether by is a group computed from a line rather
// than stored: part, art-group, side.
func derivedGroup(by string) bool {
	switch strings.ToLower(strings.TrimSpace(by)) {
	case budget.ByPart, budget.ByArtGroup, "artgroup", "art-gruppe", "artsgruppe", budget.BySide, "utgift/inntekt":
		return true
	}
	return false
}

func hasAttr(curs []currentSet, by string) bool {
	for _, c := range curs {
		if attrPos(c, by) >= 0 {
			return true
		}
	}
	return false
}

func attrPos(c currentSet, by string) int {
	for i, n := range c.attrs {
		if strings.EqualFold(n, strings.TrimSpace(by)) {
			return i
		}
	}
	return -1
}

// summarise adds the groups of one dataset's entries for key to groups.
// Codes and attributes are grouped in SQL; the derived groups need the art
// and the sign of each group of entries, so SQL groups by those first.
func summarise(ctx context.Context, tx *sql.Tx, key budget.Key, cur currentSet, by string, groups map[string]*SummaryRow) error {
	// The group expression is one of our own strings, never the caller's.
	var group string
	args := []any{}
	derived := derivedGroup(by)
	switch col, ok := codeColumn(by); {
	case ok:
		group = col
	case derived:
		group = "art || (CASE WHEN ore < 0 THEN '-' ELSE '+' END)"
	case attrPos(cur, by) >= 0:
		group = "coalesce(attrs ->> ?, '')"
		args = append(args, "$["+strconv.Itoa(attrPos(cur, by))+"]")
	default:
		group = "''" // this dataset lacks the attribute: all its lines are in ""
	}
	args = append(args, cur.first, cur.last, key.Year, string(key.Version))
	rows, err := tx.QueryContext(ctx, `SELECT g, count(*), sum(ore) FROM (SELECT `+group+` AS g, ore FROM entry
		WHERE id BETWEEN ? AND ? AND year = ? AND version = ?) GROUP BY g ORDER BY g`, args...)
	if err != nil {
		return fmt.Errorf("summary of %s by %s: %w", key, by, err)
	}
	defer rows.Close()
	for rows.Next() {
		var r SummaryRow
		if err := rows.Scan(&r.Value, &r.Lines, &r.Ore); err != nil {
			return fmt.Errorf("summary of %s by %s: %w", key, by, err)
		}
		if derived {
			art, sign := r.Value[:len(r.Value)-1], r.Value[len(r.Value)-1]
			ore := int64(1)
			if sign == '-' {
				ore = -1
			}
			r.Value = budget.GroupOf(&budget.Line{Art: art, Part: cur.part}, by, ore)
		}
		g := groups[r.Value]
		if g == nil {
			g = &SummaryRow{Value: r.Value}
			groups[r.Value] = g
		}
		sum, ok := budget.SumOre(g.Ore, r.Ore)
		if !ok {
			return budget.Errorf(budget.EINVALID, "summary of %s: group %q adds up to more than an int64 of øre", key, r.Value)
		}
		g.Ore, g.Lines = sum, g.Lines+r.Lines
	}
	return rows.Err()
}

// codeColumns are the codes Summary groups by, in the order its error
// message lists them.
const codeColumns = "funksjon,ansvar,art,prosjekt,tjeneste,konto"

func codeColumn(by string) (string, bool) {
	by = strings.ToLower(strings.TrimSpace(by))
	for _, c := range strings.Split(codeColumns, ",") {
		if by == c {
			return c, true
		}
	}
	return "", false
}

// Lines calls fn with each line of the current datasets for key, the
// driftsdel's before the investeringsdel's and each in source row order,
// until fn returns an error, which Lines returns. Each Line is new (fn may
// keep it), its Part is its dataset's part and its Amounts hold just the
// amount for key. A key without a current dataset is an ENOTFOUND error.
func (db *DB) Lines(ctx context.Context, key budget.Key, fn func(*budget.Line) error) error {
	// One read transaction for the lookup and the scan: the scan of a large
	// dataset can be long, and the snapshot keeps it whole while another
	// import commits.
	tx, err := db.readTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	curs, err := currents(ctx, tx, key)
	if err != nil {
		return err
	}
	for _, cur := range curs {
		if err := lines(ctx, tx, key, cur, fn); err != nil {
			return err
		}
	}
	return nil
}

func lines(ctx context.Context, tx *sql.Tx, key budget.Key, cur currentSet, fn func(*budget.Line) error) error {
	order := "id"
	if !cur.inRowOrder {
		order = "row, id"
	}
	rows, err := tx.QueryContext(ctx, `SELECT row, ansvar, funksjon, tjeneste, art, konto, prosjekt, attrs, ore
		FROM entry WHERE id BETWEEN ? AND ? AND year = ? AND version = ? ORDER BY `+order,
		cur.first, cur.last, key.Year, string(key.Version))
	if err != nil {
		return fmt.Errorf("lines of %s: %w", key, err)
	}
	defer rows.Close()
	var vals []*string
	for rows.Next() {
		l := &budget.Line{Part: cur.part}
		var attrs sql.NullString
		var ore int64
		if err := rows.Scan(&l.Row, &l.Ansvar, &l.Funksjon, &l.Tjeneste, &l.Art, &l.Konto, &l.Prosjekt, &attrs, &ore); err != nil {
			return fmt.Errorf("lines of %s: %w", key, err)
		}
		l.Amounts = []budget.Amount{{Key: key, Ore: ore}}
		if attrs.Valid {
			vals = vals[:0]
			if err := json.Unmarshal([]byte(attrs.String), &vals); err != nil || len(vals) > len(cur.attrs) {
				return budget.Errorf(budget.EINTERNAL, "lines of %s: row %d: bad attributes %q", key, l.Row, attrs.String)
			}
			for i, v := range vals {
				if v != nil {
					l.Attributes = append(l.Attributes, budget.Attribute{Name: cur.attrs[i], Value: *v})
				}
			}
		}
		if err := fn(l); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("lines of %s: %w", key, err)
	}
	return nil
}

// querier is what the helpers need of a *sql.DB, *sql.Conn or *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// currentSet is what queries need to know of a current dataset for a key.
type currentSet struct {
	id          int64
	part        budget.Part
	first, last int64    // its range of entry.id
	attrs       []string // its attribute names, by position in entry.attrs
	inRowOrder  bool
}

// currents finds the current datasets for key: one holding both parts, or
// one per part (drift first), or returns an ENOTFOUND error naming the
// keys that have one.
func currents(ctx context.Context, q querier, key budget.Key) ([]currentSet, error) {
	rows, err := q.QueryContext(ctx, `SELECT d.id, d.part, d.first_entry, d.last_entry, d.attributes, d.in_row_order
		FROM dataset d WHERE d.id IN (SELECT dataset_id FROM current_dataset WHERE year = ? AND version = ?)
		ORDER BY CASE d.part WHEN 'drift' THEN 0 WHEN 'investering' THEN 1 ELSE 2 END, d.id`,
		key.Year, string(key.Version))
	if err != nil {
		return nil, fmt.Errorf("find the datasets for %s: %w", key, err)
	}
	defer rows.Close()
	var out []currentSet
	for rows.Next() {
		var c currentSet
		var attrs string
		if err := rows.Scan(&c.id, &c.part, &c.first, &c.last, &attrs, &c.inRowOrder); err != nil {
			return nil, fmt.Errorf("find the datasets for %s: %w", key, err)
		}
		if err := json.Unmarshal([]byte(attrs), &c.attrs); err != nil {
			return nil, fmt.Errorf("dataset %d: attribute names: %w", c.id, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find the datasets for %s: %w", key, err)
	}
	rows.Close()
	if len(out) > 0 {
		return out, nil
	}
	ks, err := keys(ctx, q)
	if err != nil {
		return nil, err
	}
	return nil, budget.NoBudget(key, ks)
}

func keys(ctx context.Context, q querier) ([]budget.Key, error) {
	rows, err := q.QueryContext(ctx, "SELECT DISTINCT year, version FROM current_dataset")
	if err != nil {
		return nil, fmt.Errorf("list keys: %w", err)
	}
	defer rows.Close()
	var ks []budget.Key
	for rows.Next() {
		var k budget.Key
		if err := rows.Scan(&k.Year, &k.Version); err != nil {
			return nil, fmt.Errorf("list keys: %w", err)
		}
		ks = append(ks, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list keys: %w", err)
	}
	budget.SortKeys(ks)
	return ks, nil
}

// datasets returns the datasets that where (a WHERE clause of our own, with
// its args) selects, oldest first, with their totals and current keys.
func datasets(ctx context.Context, q querier, where string, args ...any) ([]budget.Dataset, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, source, sha256, size, format, sheet, mapping, rows_read,
		lines, skipped, warnings, imported_at, options, part, part_reason FROM dataset `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list datasets: %w", err)
	}
	defer rows.Close()
	var ds []budget.Dataset
	index := map[int64]int{}
	for rows.Next() {
		var d budget.Dataset
		var skipped, at string
		if err := rows.Scan(&d.ID, &d.Source, &d.SHA256, &d.Size, &d.Format, &d.Sheet, &d.Mapping,
			&d.RowsRead, &d.Lines, &skipped, &d.Warnings, &at, &d.Options, &d.Part, &d.PartReason); err != nil {
			return nil, fmt.Errorf("list datasets: %w", err)
		}
		if err := json.Unmarshal([]byte(skipped), &d.Skipped); err != nil {
			return nil, fmt.Errorf("dataset %d: skipped: %w", d.ID, err)
		}
		if d.ImportedAt, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return nil, fmt.Errorf("dataset %d: imported_at: %w", d.ID, err)
		}
		index[d.ID] = len(ds)
		ds = append(ds, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list datasets: %w", err)
	}
	rows.Close()
	if len(ds) == 0 {
		return nil, nil
	}
	// Totals and current keys of all datasets in two queries, not two per
	// dataset; the tables are small (a few rows per dataset).
	trows, err := q.QueryContext(ctx, "SELECT dataset_id, year, version, ore, utgift_ore, inntekt_ore FROM dataset_total ORDER BY dataset_id")
	if err != nil {
		return nil, fmt.Errorf("list datasets: %w", err)
	}
	defer trows.Close()
	for trows.Next() {
		var id int64
		var t budget.Total
		if err := trows.Scan(&id, &t.Year, &t.Version, &t.Ore, &t.Utgift, &t.Inntekt); err != nil {
			return nil, fmt.Errorf("list datasets: %w", err)
		}
		if i, ok := index[id]; ok {
			ds[i].Totals = append(ds[i].Totals, t)
		}
	}
	if err := trows.Err(); err != nil {
		return nil, fmt.Errorf("list datasets: %w", err)
	}
	trows.Close()
	err = eachKey(ctx, q, "SELECT DISTINCT dataset_id, year, version, 0 FROM current_dataset", func(id int64, k budget.Key, _ int64) {
		if i, ok := index[id]; ok {
			ds[i].Current = append(ds[i].Current, k)
		}
	})
	if err != nil {
		return nil, err
	}
	for i := range ds {
		d := &ds[i]
		budget.SortKeys(d.Current)
		sort.Slice(d.Totals, func(a, b int) bool { return d.Totals[a].Key.Less(d.Totals[b].Key) })
	}
	return ds, nil
}

// eachKey runs query, which selects (dataset id, year, version, øre), and
// calls fn with each row.
func eachKey(ctx context.Context, q querier, query string, fn func(id int64, k budget.Key, ore int64)) error {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("list datasets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, ore int64
		var k budget.Key
		if err := rows.Scan(&id, &k.Year, &k.Version, &ore); err != nil {
			return fmt.Errorf("list datasets: %w", err)
		}
		fn(id, k, ore)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list datasets: %w", err)
	}
	return nil
}
