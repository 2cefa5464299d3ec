package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// SaveReportSnapshot stores s, one reporting form as imported, in one
// transaction, and returns it as stored: ID set, ImportedAt set (now when
// zero), and each report's Snapshot, Unit, Period and ImportedAt filled in.
//
// A file whose sha256 is already stored is not stored again: SaveReportSnapshot
// returns the stored snapshot and created false. Otherwise s must name a
// stored unit, a period, a sha256 and at least one report, and its reports
// must pass budget.CheckReports against the stored measures (each a known
// measure the unit reports on, running in the period's year, none twice,
// a deviation note where the status needs one). Any problem is an EINVALID
// error naming s.Source and the rows, and nothing is stored.
func (db *DB) SaveReportSnapshot(ctx context.Context, s budget.ReportSnapshot) (stored budget.ReportSnapshot, created bool, err error) {
	if s.SHA256 == "" {
		return s, false, budget.Errorf(budget.EINVALID, "report %s: no sha256 given", s.Source)
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return s, false, fmt.Errorf("save report %s: %w", s.Source, err)
	}
	defer tx.Rollback()
	old, err := reportSnapshots(ctx, tx, "WHERE sha256 = ?", s.SHA256)
	if err != nil {
		return s, false, err
	}
	if len(old) > 0 {
		return old[0], false, nil
	}
	if err := checkSnapshot(ctx, tx, &s); err != nil {
		return s, false, err
	}
	if s.ImportedAt.IsZero() {
		s.ImportedAt = db.Now()
	}
	s.ImportedAt = s.ImportedAt.UTC()
	res, err := tx.ExecContext(ctx, `INSERT INTO report_snapshot (unit, year, term, source, sha256, size, imported_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, s.Unit, s.Period.Year, string(s.Period.Term), s.Source, s.SHA256, s.Size, formatTime(s.ImportedAt))
	if err != nil {
		return s, false, fmt.Errorf("save report %s: %w", s.Source, err)
	}
	if s.ID, err = res.LastInsertId(); err != nil {
		return s, false, fmt.Errorf("save report %s: %w", s.Source, err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO measure_report (snapshot_id, measure, row, status, spent_ore, comment, deviation)
		VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return s, false, fmt.Errorf("save report %s: %w", s.Source, err)
	}
	defer stmt.Close()
	reports := make([]budget.MeasureReport, len(s.Reports))
	for i, r := range s.Reports {
		r.Snapshot, r.Unit, r.Period, r.ImportedAt = s.ID, s.Unit, s.Period, s.ImportedAt
		var spent any
		if r.SpentGiven {
			spent = r.SpentOre
		}
		if _, err := stmt.ExecContext(ctx, s.ID, r.Measure, r.Row, string(r.Status), spent, r.Comment, r.Deviation); err != nil {
			return s, false, fmt.Errorf("save report %s, measure %s: %w", s.Source, r.Measure, err)
		}
		reports[i] = r
	}
	s.Reports = reports
	if err := tx.Commit(); err != nil {
		return s, false, fmt.Errorf("save report %s: %w", s.Source, err)
	}
	return s, true, nil
}

// checkSnapshot checks s against the workspace's units and measures.
func checkSnapshot(ctx context.Context, tx *sql.Tx, s *budget.ReportSnapshot) error {
	switch {
	case s.Period.Year == 0 || s.Period.Term.Rank() >= len(budget.Terms):
		return budget.Errorf(budget.EINVALID, "%s: no reporting period (such as 2026-T1)", s.Source)
	case len(s.Reports) == 0:
		return budget.Errorf(budget.EINVALID, "%s: the form reports on no measure: give a status for at least one", s.Source)
	}
	us, err := units(ctx, tx)
	if err != nil {
		return err
	}
	found := false
	for _, u := range us {
		found = found || u.Code == s.Unit
	}
	if !found {
		return budget.Errorf(budget.EINVALID, "%s: unit %q is not in the workspace: import the units first, or write the form again with helsebudsjett template report", s.Source, s.Unit)
	}
	ms, err := measures(ctx, tx)
	if err != nil {
		return err
	}
	probs := budget.CheckReports(s.Unit, s.Period, s.Reports, ms)
	if len(probs) == 0 {
		return nil
	}
	msgs := make([]string, len(probs))
	for i, p := range probs {
		msgs[i] = fmt.Sprintf("row %d: %s", s.Reports[p.Index].Row, p.Err.Message)
	}
	return budget.Errorf(budget.EINVALID, "%s: %s", s.Source, strings.Join(msgs, "; "))
}

// ReportSnapshotBySHA256 returns the snapshot imported from a file with
// this sha256, or nil, nil when there is none.
func (db *DB) ReportSnapshotBySHA256(ctx context.Context, sha string) (*budget.ReportSnapshot, error) {
	ss, err := reportSnapshots(ctx, db.sql, "WHERE sha256 = ?", sha)
	if err != nil || len(ss) == 0 {
		return nil, err
	}
	return &ss[0], nil
}

// ReportSnapshots returns every snapshot imported for a period of year
// (0: every year), oldest first, each with its reports in form order.
func (db *DB) ReportSnapshots(ctx context.Context, year int) ([]budget.ReportSnapshot, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if year == 0 {
		return reportSnapshots(ctx, tx, "")
	}
	return reportSnapshots(ctx, tx, "WHERE year = ?", year)
}

// reportSnapshots returns the snapshots that where (a WHERE clause of our
// own, with its args) selects, oldest first, with their reports.
func reportSnapshots(ctx context.Context, q querier, where string, args ...any) ([]budget.ReportSnapshot, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, unit, year, term, source, sha256, size, imported_at
		FROM report_snapshot `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list reports: %w", err)
	}
	defer rows.Close()
	var out []budget.ReportSnapshot
	index := map[int64]int{}
	for rows.Next() {
		var s budget.ReportSnapshot
		var term, at string
		if err := rows.Scan(&s.ID, &s.Unit, &s.Period.Year, &term, &s.Source, &s.SHA256, &s.Size, &at); err != nil {
			return nil, fmt.Errorf("list reports: %w", err)
		}
		s.Period.Term = budget.Term(term)
		if s.ImportedAt, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return nil, fmt.Errorf("report %d: imported_at: %w", s.ID, err)
		}
		s.Reports = []budget.MeasureReport{}
		index[s.ID] = len(out)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list reports: %w", err)
	}
	rows.Close()
	if len(out) == 0 {
		return nil, nil
	}
	// where names only snapshot columns, which the join leaves unambiguous.
	err = eachReport(ctx, q, where, args, func(r budget.MeasureReport) {
		if i, ok := index[r.Snapshot]; ok {
			out[i].Reports = append(out[i].Reports, r)
		}
	})
	return out, err
}

// eachReport calls fn with each stored report that where (a clause of our
// own on r, the report, and s, its snapshot) selects, in snapshot and form
// order.
func eachReport(ctx context.Context, q querier, where string, args []any, fn func(budget.MeasureReport)) error {
	rows, err := q.QueryContext(ctx, `SELECT r.snapshot_id, r.measure, r.row, r.status, r.spent_ore, r.comment, r.deviation,
		s.unit, s.year, s.term, s.imported_at
		FROM measure_report r JOIN report_snapshot s ON s.id = r.snapshot_id `+where+` ORDER BY r.snapshot_id, r.row`, args...)
	if err != nil {
		return fmt.Errorf("read reports: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r budget.MeasureReport
		var status, term, at string
		var spent sql.NullInt64
		if err := rows.Scan(&r.Snapshot, &r.Measure, &r.Row, &status, &spent, &r.Comment, &r.Deviation,
			&r.Unit, &r.Period.Year, &term, &at); err != nil {
			return fmt.Errorf("read reports: %w", err)
		}
		r.Status, r.Period.Term = budget.Progress(status), budget.Term(term)
		r.SpentOre, r.SpentGiven = spent.Int64, spent.Valid
		if r.ImportedAt, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return fmt.Errorf("report %d: imported_at: %w", r.Snapshot, err)
		}
		fn(r)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read reports: %w", err)
	}
	return nil
}

// LatestReports returns, for each measure and each period of year (0:
// every year), the report of the latest snapshot that reports on it: what
// the unit said last for that period. They come sorted by measure number,
// then period (budget.SortReports).
func (db *DB) LatestReports(ctx context.Context, year int) ([]budget.MeasureReport, error) {
	where, args := "", []any(nil)
	if year != 0 {
		where, args = "WHERE s.year = ?", []any{year}
	}
	return db.latestReports(ctx, where, args)
}

// MeasureHistory returns a measure's latest report for every period it
// has one, in period order: its status across T1, T2 and the year, and
// from year to year. Use budget.StatusChanges on it to see what changed.
// A measure without reports has an empty history.
func (db *DB) MeasureHistory(ctx context.Context, nr string) ([]budget.MeasureReport, error) {
	return db.latestReports(ctx, "WHERE r.measure = ?", []any{nr})
}

// MeasureReports returns every report ever imported on the measure,
// superseded ones included, by period and then import order.
func (db *DB) MeasureReports(ctx context.Context, nr string) ([]budget.MeasureReport, error) {
	var out []budget.MeasureReport
	err := eachReport(ctx, db.sql, "WHERE r.measure = ?", []any{nr}, func(r budget.MeasureReport) { out = append(out, r) })
	budget.SortReports(out)
	return out, err
}

func (db *DB) latestReports(ctx context.Context, where string, args []any) ([]budget.MeasureReport, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	type key struct {
		nr     string
		period budget.Period
	}
	latest := map[key]budget.MeasureReport{}
	err = eachReport(ctx, tx, where, args, func(r budget.MeasureReport) {
		latest[key{r.Measure, r.Period}] = r // snapshot order: the last one wins
	})
	if err != nil {
		return nil, err
	}
	out := make([]budget.MeasureReport, 0, len(latest))
	for _, r := range latest {
		out = append(out, r)
	}
	budget.SortReports(out)
	return out, nil
}
