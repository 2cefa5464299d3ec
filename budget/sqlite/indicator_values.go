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
	"github.com/shopspring/decimal"
)

// Vintage is an indicator import's vintage (indicators.Vintage), under the
// name the store's callers have used.
type Vintage = indicators.Vintage

// vintageTime is how imported_at is written: RFC 3339 in UTC with a fixed
// nine-digit fraction, so that comparing the text compares the times (the
// "as known on" query relies on it).
const vintageTime = "2006-01-02T15:04:05.000000000Z"

// valueParams is the number of bound parameters per indicator_value row.
const valueParams = 10

var _ indicators.VintageImport = (*IndicatorImport)(nil)

// IndicatorImport is a write transaction holding one or more vintages.
// Commit makes them visible together; Rollback, an error or a cancelled
// context leaves the workspace as it was. Not safe for concurrent use.
type IndicatorImport struct {
	now      func() time.Time
	ctx      context.Context
	tx       *sql.Tx
	cur      *Vintage
	batch    *sql.Stmt
	args     []any
	rows     int
	keys     map[string]bool // area|period|dims of the current vintage, to refuse duplicates
	vintages []Vintage
	err      error
	done     bool
}

// VintageBySHA256 returns the latest vintage of indicatorID imported from a
// file with this sha256, or nil, nil when there is none. The caller
// compares its OptionsKey: the same file with the same options is
// unchanged; with other options it is a new vintage that replaces this one.
func (db *DB) VintageBySHA256(ctx context.Context, indicatorID, sha string) (*Vintage, error) {
	return latestVintage(ctx, db.sql, indicatorID, sha)
}

func latestVintage(ctx context.Context, q querier, indicatorID, sha string) (*Vintage, error) {
	vs, err := vintages(ctx, q, "WHERE indicator_id = ? AND sha256 = ?", indicatorID, sha)
	if err != nil || len(vs) == 0 {
		return nil, err
	}
	return &vs[len(vs)-1], nil
}

// Vintages returns the vintages of indicatorID ("" for every indicator),
// oldest first.
func (db *DB) Vintages(ctx context.Context, indicatorID string) ([]Vintage, error) {
	if indicatorID == "" {
		return vintages(ctx, db.sql, "")
	}
	return vintages(ctx, db.sql, "WHERE indicator_id = ?", indicatorID)
}

func vintages(ctx context.Context, q querier, where string, args ...any) ([]Vintage, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, indicator_id, source, sha256, size, mapping, rows_read,
		values_count, imported_at, options_key, coalesce(replaces, 0) FROM indicator_import `+where+` ORDER BY imported_at, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("vintages: %w", err)
	}
	defer rows.Close()
	var out []Vintage
	for rows.Next() {
		var v Vintage
		var at string
		if err := rows.Scan(&v.ID, &v.Indicator, &v.Source, &v.SHA256, &v.Size, &v.Mapping, &v.RowsRead, &v.Values, &at, &v.OptionsKey, &v.Replaces); err != nil {
			return nil, fmt.Errorf("vintages: %w", err)
		}
		if v.ImportedAt, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return nil, fmt.Errorf("vintage %d: imported_at %q: %w", v.ID, at, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// BeginIndicatorImport opens the write transaction (holding the workspace's
// write lock until Commit or Rollback) for one or more vintages. It ends
// with ctx. The import it returns is an *IndicatorImport.
func (db *DB) BeginIndicatorImport(ctx context.Context) (indicators.VintageImport, error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin indicator import: %w", err)
	}
	return &IndicatorImport{now: db.Now, ctx: ctx, tx: tx}, nil
}

// BeginVintage starts a vintage: later Adds go to it. v needs Indicator,
// Source and SHA256; ImportedAt defaults to now. When the latest vintage of
// the same indicator and sha256 has the same OptionsKey it is an ECONFLICT
// error (callers check VintageBySHA256 first and report unchanged); when
// its OptionsKey differs, the new vintage replaces it (v.Replaces is set
// to its id whatever the caller gave). It returns the new id.
func (im *IndicatorImport) BeginVintage(v Vintage) (int64, error) {
	if err := im.usable(); err != nil {
		return 0, err
	}
	if v.Indicator == "" || v.SHA256 == "" {
		return 0, im.fail(budget.Errorf(budget.EINVALID, "vintage of %s: indicator and sha256 are required", v.Source))
	}
	if err := im.flush(); err != nil {
		return 0, err
	}
	if im.cur != nil {
		im.vintages = append(im.vintages, *im.cur)
	}
	old, err := latestVintage(im.ctx, im.tx, v.Indicator, v.SHA256)
	switch {
	case err != nil:
		return 0, im.fail(fmt.Errorf("begin vintage of %s: %w", v.Source, err))
	case old != nil && old.OptionsKey == v.OptionsKey:
		return 0, im.fail(budget.Errorf(budget.ECONFLICT, "%s (sha256 %s) is already imported for %s with the same options, as vintage %d", v.Source, v.SHA256, v.Indicator, old.ID))
	case old != nil:
		v.Replaces = old.ID
	default:
		v.Replaces = 0
	}
	var replaces any
	if v.Replaces != 0 {
		replaces = v.Replaces
	}
	if v.ImportedAt.IsZero() {
		v.ImportedAt = im.now()
	}
	v.ImportedAt = v.ImportedAt.UTC()
	res, err := im.tx.ExecContext(im.ctx, `INSERT INTO indicator_import (indicator_id, source, sha256, size, mapping,
		rows_read, values_count, imported_at, options_key, replaces) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
		v.Indicator, v.Source, v.SHA256, v.Size, v.Mapping, v.RowsRead, v.ImportedAt.Format(vintageTime), v.OptionsKey, replaces)
	if err != nil {
		return 0, im.fail(fmt.Errorf("begin vintage of %s: %w", v.Source, err))
	}
	if v.ID, err = res.LastInsertId(); err != nil {
		return 0, im.fail(fmt.Errorf("begin vintage of %s: %w", v.Source, err))
	}
	v.Values = 0
	im.cur = &v
	im.keys = map[string]bool{}
	if im.batch == nil {
		if im.batch, err = im.tx.PrepareContext(im.ctx, insertValues(batchRows)); err != nil {
			return 0, im.fail(fmt.Errorf("begin vintage of %s: %w", v.Source, err))
		}
		im.args = make([]any, 0, batchRows*valueParams)
	}
	return v.ID, nil
}

func (im *IndicatorImport) usable() error {
	if im.err != nil {
		return im.err
	}
	if im.done {
		return errFinished
	}
	return nil
}

// insertValues is an INSERT of n indicator_value rows.
func insertValues(n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO indicator_value (import_id, indicator_id, area, period, period_start, period_end, dims, value, marker, count) VALUES ")
	row := "(?" + strings.Repeat(",?", valueParams-1) + ")"
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(row)
	}
	return b.String()
}

// Add writes one value into the current vintage. The value's Indicator
// must be the vintage's (or empty); its Dims are stored sorted by name. A
// second value for the same (area, period, dims) in one vintage is an
// EINVALID error. Any error rolls the whole import back.
func (im *IndicatorImport) Add(v indicators.Value) error {
	if err := im.usable(); err != nil {
		return err
	}
	if im.cur == nil {
		return im.fail(fmt.Errorf("workspace: Add before BeginVintage"))
	}
	if v.Indicator != "" && v.Indicator != im.cur.Indicator {
		return im.fail(fmt.Errorf("workspace: value of %s added to a vintage of %s", v.Indicator, im.cur.Indicator))
	}
	dims := EncodeDims(v.Dims)
	key := v.Area + "\x00" + v.Period.Label + "\x00" + dims
	if im.keys[key] {
		return im.fail(budget.Errorf(budget.EINVALID, "%s: two values for area %s, period %s, %s", im.cur.Source, v.Area, v.Period.Label, dims))
	}
	im.keys[key] = true
	var val, count any
	if v.Value != nil {
		val = v.Value.String()
	}
	if v.Count != nil {
		count = int64(*v.Count)
	}
	im.args = append(im.args, im.cur.ID, im.cur.Indicator, v.Area, v.Period.Label, int64(v.Period.Start), int64(v.Period.End), dims, val, v.Marker, count)
	im.rows++
	im.cur.Values++
	if im.rows == batchRows {
		return im.flush()
	}
	if im.cur.Values%cancelEvery == 0 {
		if err := im.ctx.Err(); err != nil {
			return im.fail(fmt.Errorf("import cancelled: %w", err))
		}
	}
	return nil
}

func (im *IndicatorImport) flush() error {
	if im.rows == 0 {
		return nil
	}
	stmt := im.batch
	if im.rows != batchRows {
		var err error
		if stmt, err = im.tx.PrepareContext(im.ctx, insertValues(im.rows)); err != nil {
			return im.fail(fmt.Errorf("import: %w", err))
		}
		defer stmt.Close()
	}
	if _, err := stmt.ExecContext(im.ctx, im.args...); err != nil {
		return im.fail(fmt.Errorf("import: %w", err))
	}
	im.rows = 0
	clear(im.args)
	im.args = im.args[:0]
	return nil
}

// Commit writes what is buffered, records each vintage's value count and
// commits. It returns the vintages stored.
func (im *IndicatorImport) Commit() ([]Vintage, error) {
	if err := im.usable(); err != nil {
		return nil, err
	}
	if err := im.flush(); err != nil {
		return nil, err
	}
	if im.cur != nil {
		im.vintages = append(im.vintages, *im.cur)
		im.cur = nil
	}
	for _, v := range im.vintages {
		if _, err := im.tx.ExecContext(im.ctx, "UPDATE indicator_import SET values_count = ? WHERE id = ?", v.Values, v.ID); err != nil {
			return nil, im.fail(fmt.Errorf("commit indicator import: %w", err))
		}
	}
	im.closeStmt()
	if err := im.tx.Commit(); err != nil {
		return nil, im.fail(fmt.Errorf("commit indicator import: %w", err))
	}
	im.done = true
	return im.vintages, nil
}

// Rollback discards everything since BeginIndicatorImport. It is a no-op
// after Commit, so it can be deferred.
func (im *IndicatorImport) Rollback() error {
	if im.done {
		return nil
	}
	im.done = true
	im.closeStmt()
	return im.tx.Rollback()
}

func (im *IndicatorImport) closeStmt() {
	if im.batch != nil {
		im.batch.Close()
		im.batch = nil
	}
}

func (im *IndicatorImport) fail(err error) error {
	if im.err == nil {
		im.err = err
		im.closeStmt()
		_ = im.tx.Rollback()
		im.done = true
	}
	return err
}

// EncodeDims returns dims as indicator_value.dims holds them: a JSON array
// of {"name","value"} sorted by name, then value; "[]" for none.
func EncodeDims(dims []indicators.Dim) string {
	if len(dims) == 0 {
		return "[]"
	}
	ds := append([]indicators.Dim(nil), dims...)
	sort.Slice(ds, func(i, j int) bool {
		if ds[i].Name != ds[j].Name {
			return ds[i].Name < ds[j].Name
		}
		return ds[i].Value < ds[j].Value
	})
	b, _ := json.Marshal(ds) // strings only: cannot fail
	return string(b)
}

// IndicatorValues returns the values of indicatorID as known at asOf: for
// each (area, period, dims), the value of the latest vintage imported at or
// before asOf (a zero asOf takes every vintage), leaving out vintages
// replaced (a re-import of the same file with other options) by then, so
// a value the corrected import no longer gives is gone. Values are ordered by
// area code, then period on the time axis (end year, start year, label),
// then dims. An indicator without values gives an empty slice, not an
// error.
func (db *DB) IndicatorValues(ctx context.Context, indicatorID string, asOf time.Time) ([]indicators.Value, error) {
	limit := "9999-12-31T23:59:59.999999999Z"
	if !asOf.IsZero() {
		limit = asOf.UTC().Format(vintageTime)
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT area, period, period_start, period_end, dims, value, marker, count FROM (
		SELECT v.*, row_number() OVER (PARTITION BY v.area, v.period, v.dims ORDER BY i.imported_at DESC, i.id DESC) AS rn
		FROM indicator_value v JOIN indicator_import i ON i.id = v.import_id
		WHERE v.indicator_id = ? AND i.imported_at <= ? AND NOT EXISTS (
			SELECT 1 FROM indicator_import r WHERE r.replaces = i.id AND r.imported_at <= ?))
		WHERE rn = 1 ORDER BY area, period_end, period_start, period, dims`, indicatorID, limit, limit)
	if err != nil {
		return nil, fmt.Errorf("values of %s: %w", indicatorID, err)
	}
	defer rows.Close()
	out := []indicators.Value{}
	dimCache := map[string][]indicators.Dim{}
	for rows.Next() {
		v := indicators.Value{Indicator: indicatorID}
		var dims string
		var val sql.NullString
		var count sql.NullInt64
		if err := rows.Scan(&v.Area, &v.Period.Label, &v.Period.Start, &v.Period.End, &dims, &val, &v.Marker, &count); err != nil {
			return nil, fmt.Errorf("values of %s: %w", indicatorID, err)
		}
		if val.Valid {
			d, err := decimal.NewFromString(val.String)
			if err != nil {
				return nil, fmt.Errorf("values of %s: area %s, period %s: stored value %q: %w", indicatorID, v.Area, v.Period.Label, val.String, err)
			}
			v.Value = &d
		}
		if count.Valid {
			n := int(count.Int64)
			v.Count = &n
		}
		if v.Dims, err = decodeDims(dimCache, dims); err != nil {
			return nil, fmt.Errorf("values of %s: area %s: %w", indicatorID, v.Area, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func decodeDims(cache map[string][]indicators.Dim, s string) ([]indicators.Dim, error) {
	if s == "[]" || s == "" {
		return nil, nil
	}
	if d, ok := cache[s]; ok {
		return append([]indicators.Dim(nil), d...), nil
	}
	var d []indicators.Dim
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		return nil, fmt.Errorf("stored dims %s: %w", strconv.Quote(s), err)
	}
	cache[s] = d
	return append([]indicators.Dim(nil), d...), nil
}
