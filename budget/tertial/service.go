package tertial

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// WebStore is what the web form of the tertial report reads and writes:
// the forms' sources, the snapshots, and the drafts a unit saves before it
// submits.
type WebStore interface {
	FormStore
	SaveReportSnapshot(ctx context.Context, s budget.ReportSnapshot) (budget.ReportSnapshot, bool, error)
	LatestReports(ctx context.Context, year int) ([]budget.MeasureReport, error)
	SaveReportDraft(ctx context.Context, unit string, period budget.Period, reports []budget.MeasureReport, by string, at time.Time) error
	ReportDraft(ctx context.Context, unit string, period budget.Period) ([]budget.MeasureReport, bool, error)
	DeleteReportDraft(ctx context.Context, unit string, period budget.Period) error
}

// Web is the tertial report filled in a browser instead of a workbook:
// the same form (Forms), and a submission stored as a snapshot exactly as
// an imported form is, after the same checks (budget.CheckReports).
type Web struct {
	DB  WebStore
	Now func() time.Time
}

// Entry is a unit's form for a period as the web page shows it: each row
// holds the draft's report when a draft is saved, else the report last
// submitted (by form or web), else none.
type Entry struct {
	Form  Form
	Draft bool // the rows hold a draft, not yet submitted
}

// Entry returns unit's form for period. A unit that reports on no measure
// in the period's year is an EINVALID error (FormOf).
func (s Web) Entry(ctx context.Context, unit string, period budget.Period) (*Entry, error) {
	forms, err := Forms(ctx, s.DB, period)
	if err != nil {
		return nil, err
	}
	form, err := FormOf(ctx, s.DB, forms, unit, period)
	if err != nil {
		return nil, err
	}
	reports, draft, err := s.DB.ReportDraft(ctx, unit, period)
	if err != nil {
		return nil, err
	}
	if !draft {
		latest, err := s.DB.LatestReports(ctx, period.Year)
		if err != nil {
			return nil, err
		}
		for _, r := range latest {
			if r.Unit == unit && r.Period == period {
				reports = append(reports, r)
			}
		}
	}
	byNr := map[string]budget.MeasureReport{}
	for _, r := range reports {
		byNr[r.Measure] = r
	}
	for i := range form.Rows {
		if r, ok := byNr[form.Rows[i].Measure.Nr]; ok {
			form.Rows[i].Report = &r
		}
	}
	return &Entry{Form: form, Draft: draft}, nil
}

// Form returns unit's blank form for period: the form template report
// --unit writes (Forms, FormOf).
func (s Web) Form(ctx context.Context, unit string, period budget.Period) (Form, error) {
	forms, err := Forms(ctx, s.DB, period)
	if err != nil {
		return Form{}, err
	}
	return FormOf(ctx, s.DB, forms, unit, period)
}

// SaveDraft keeps reports as the unit's draft: nothing is checked but
// that each names a measure of the form, since a draft may be half done.
func (s Web) SaveDraft(ctx context.Context, unit string, period budget.Period, reports []budget.MeasureReport, by string) error {
	if _, err := s.Entry(ctx, unit, period); err != nil {
		return err
	}
	return s.DB.SaveReportDraft(ctx, unit, period, s.stamp(unit, period, reports), by, s.now())
}

// Submit checks reports as an imported form's are checked and, when none
// has a problem, stores them as a snapshot (source "nettskjema (by)") and
// removes the draft. The problems, in report order, leave everything as it
// was. Submitting the same reports again is unchanged, as re-importing the
// same file is.
func (s Web) Submit(ctx context.Context, unit string, period budget.Period, reports []budget.MeasureReport, by string) (*budget.ReportSnapshot, bool, []budget.ReportProblem, error) {
	ms, err := s.DB.Measures(ctx)
	if err != nil {
		return nil, false, nil, err
	}
	reports = s.stamp(unit, period, reports)
	if ps := budget.CheckReports(unit, period, reports, ms); len(ps) > 0 {
		return nil, false, ps, nil
	}
	js, err := json.Marshal(struct {
		Unit    string
		Period  string
		Reports []budget.MeasureReport
	}{unit, period.String(), reports})
	if err != nil {
		return nil, false, nil, err
	}
	sum := sha256.Sum256(js)
	snap := budget.ReportSnapshot{Unit: unit, Period: period, Source: fmt.Sprintf("nettskjema (%s)", by),
		SHA256: hex.EncodeToString(sum[:]), Size: int64(len(js)), Reports: reports}
	stored, created, err := s.DB.SaveReportSnapshot(ctx, snap)
	if err != nil {
		return nil, false, nil, err
	}
	if err := s.DB.DeleteReportDraft(ctx, unit, period); err != nil {
		return nil, false, nil, err
	}
	return &stored, created, nil, nil
}

// stamp sets each report's unit, period and row (its place in the form).
func (s Web) stamp(unit string, period budget.Period, reports []budget.MeasureReport) []budget.MeasureReport {
	out := make([]budget.MeasureReport, len(reports))
	for i, r := range reports {
		r.Unit, r.Period, r.Row = unit, period, i+1
		out[i] = r
	}
	return out
}

func (s Web) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Forms returns every unit's form for period (Forms).
func (s Web) Forms(ctx context.Context, period budget.Period) ([]Form, error) {
	return Forms(ctx, s.DB, period)
}
