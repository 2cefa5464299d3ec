package workspace

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

// SummaryRow is one group of a Summary: the group's value, how many lines
// it has and the sum of their amounts in øre.
type SummaryRow struct {
	Value string
	Lines int
	Ore   int64
}

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

// Summary returns the totals of the current dataset for key, grouped by a
// code (funksjon, ansvar, art, prosjekt, tjeneste or konto) or by an
// attribute of that dataset, whose name is matched case-insensitively.
// Rows are sorted by group value in Norwegian order (Æ Ø Å last, case
// ignored, digits before letters); lines without the code or
// attribute fall in the group "". A key without a current dataset is an
// ENOTFOUND error, an unknown group an EINVALID one listing the choices.
func (db *DB) Summary(ctx context.Context, key budget.Key, by string) ([]SummaryRow, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	cur, err := current(ctx, tx, key)
	if err != nil {
		return nil, err
	}
	// The group expression is one of our own strings, never the caller's.
	var group string
	args := []any{}
	if col, ok := codeColumn(by); ok {
		group = col
	} else {
		pos := -1
		for i, n := range cur.attrs {
			if strings.EqualFold(n, strings.TrimSpace(by)) {
				pos = i
				break
			}
		}
		if pos < 0 {
			choices := append(strings.Split(codeColumns, ","), cur.attrs...)
			return nil, budget.Errorf(budget.EINVALID, "cannot group %s by %q: choose one of %s",
				key, by, strings.Join(choices, ", "))
		}
		group = "coalesce(attrs ->> ?, '')"
		args = append(args, "$["+strconv.Itoa(pos)+"]")
	}
	args = append(args, cur.first, cur.last, key.Year, string(key.Version))
	rows, err := tx.QueryContext(ctx, `SELECT g, count(*), sum(ore) FROM (SELECT `+group+` AS g, ore FROM entry
		WHERE id BETWEEN ? AND ? AND year = ? AND version = ?) GROUP BY g ORDER BY g`, args...)
	if err != nil {
		return nil, fmt.Errorf("summary of %s by %s: %w", key, by, err)
	}
	defer rows.Close()
	var out []SummaryRow
	for rows.Next() {
		var r SummaryRow
		if err := rows.Scan(&r.Value, &r.Lines, &r.Ore); err != nil {
			return nil, fmt.Errorf("summary of %s by %s: %w", key, by, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("summary of %s by %s: %w", key, by, err)
	}
	sort.SliceStable(out, func(i, j int) bool { return indicators.NorwegianLess(out[i].Value, out[j].Value) })
	return out, nil
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

// Lines calls fn with each line of the current dataset for key, in source
// row order, until fn returns an error, which Lines returns. Each Line is
// new (fn may keep it) and its Amounts hold just the amount for key. A key
// without a current dataset is an ENOTFOUND error.
func (db *DB) Lines(ctx context.Context, key budget.Key, fn func(*budget.Line) error) error {
	// One read transaction for the lookup and the scan: the scan of a large
	// dataset can be long, and the snapshot keeps it whole while another
	// import commits.
	tx, err := db.readTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	cur, err := current(ctx, tx, key)
	if err != nil {
		return err
	}
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
		l := &budget.Line{}
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

// currentSet is what queries need to know of the current dataset for a key.
type currentSet struct {
	id          int64
	first, last int64    // its range of entry.id
	attrs       []string // its attribute names, by position in entry.attrs
	inRowOrder  bool
}

// current finds the current dataset for key, or returns an ENOTFOUND error
// naming the keys that have one.
func current(ctx context.Context, q querier, key budget.Key) (currentSet, error) {
	var c currentSet
	var attrs string
	err := q.QueryRowContext(ctx, `SELECT d.id, d.first_entry, d.last_entry, d.attributes, d.in_row_order
		FROM current_dataset c JOIN dataset d ON d.id = c.dataset_id WHERE c.year = ? AND c.version = ?`,
		key.Year, string(key.Version)).Scan(&c.id, &c.first, &c.last, &attrs, &c.inRowOrder)
	if err == sql.ErrNoRows {
		ks, err := keys(ctx, q)
		if err != nil {
			return c, err
		}
		if len(ks) == 0 {
			return c, budget.Errorf(budget.ENOTFOUND, "no budget for %s: the workspace holds no budget yet; import a file first", key)
		}
		names := make([]string, len(ks))
		for i, k := range ks {
			names[i] = k.String()
		}
		return c, budget.Errorf(budget.ENOTFOUND, "no budget for %s: the workspace has %s", key, strings.Join(names, ", "))
	}
	if err != nil {
		return c, fmt.Errorf("find the dataset for %s: %w", key, err)
	}
	if err := json.Unmarshal([]byte(attrs), &c.attrs); err != nil {
		return c, fmt.Errorf("dataset %d: attribute names: %w", c.id, err)
	}
	return c, nil
}

func keys(ctx context.Context, q querier) ([]budget.Key, error) {
	rows, err := q.QueryContext(ctx, "SELECT year, version FROM current_dataset")
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
		lines, skipped, warnings, imported_at FROM dataset `+where+` ORDER BY id`, args...)
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
			&d.RowsRead, &d.Lines, &skipped, &d.Warnings, &at); err != nil {
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
	err = eachKey(ctx, q, "SELECT dataset_id, year, version, ore FROM dataset_total ORDER BY dataset_id", func(id int64, k budget.Key, ore int64) {
		if i, ok := index[id]; ok {
			ds[i].Totals = append(ds[i].Totals, budget.Total{Key: k, Ore: ore})
		}
	})
	if err != nil {
		return nil, err
	}
	err = eachKey(ctx, q, "SELECT dataset_id, year, version, 0 FROM current_dataset", func(id int64, k budget.Key, _ int64) {
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
