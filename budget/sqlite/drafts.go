package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// SaveReportDraft keeps reports as unit's draft for period, replacing an
// earlier draft; by names who saved it.
func (db *DB) SaveReportDraft(ctx context.Context, unit string, period budget.Period, reports []budget.MeasureReport, by string, at time.Time) error {
	js, err := json.Marshal(reports)
	if err != nil {
		return err
	}
	_, err = db.sql.ExecContext(ctx, `INSERT INTO report_draft (unit, period, reports, saved_by, saved_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (unit, period) DO UPDATE SET reports = excluded.reports, saved_by = excluded.saved_by, saved_at = excluded.saved_at`,
		unit, period.String(), string(js), by, formatTime(at))
	if err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	return nil
}

// ReportDraft returns unit's draft for period; ok is false when there is
// none.
func (db *DB) ReportDraft(ctx context.Context, unit string, period budget.Period) (reports []budget.MeasureReport, ok bool, err error) {
	var js string
	err = db.sql.QueryRowContext(ctx, "SELECT reports FROM report_draft WHERE unit = ? AND period = ?", unit, period.String()).Scan(&js)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read draft: %w", err)
	}
	if err := json.Unmarshal([]byte(js), &reports); err != nil {
		return nil, false, fmt.Errorf("draft of %s %s: %w", unit, period, err)
	}
	return reports, true, nil
}

// DeleteReportDraft removes unit's draft for period, if any.
func (db *DB) DeleteReportDraft(ctx context.Context, unit string, period budget.Period) error {
	_, err := db.sql.ExecContext(ctx, "DELETE FROM report_draft WHERE unit = ? AND period = ?", unit, period.String())
	return err
}
