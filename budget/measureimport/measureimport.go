// Package measureimport brings the units, measures and ratings files into
// the workspace: it reads them with measurefile, checks them against what
// the workspace holds (units, the catalogue in force, areas, the current
// budget), and replaces the stored set in one transaction only when nothing
// is wrong. It is the one place that decides what such an import did.
package measureimport

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/measurefile"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
)

// Store is what the units, measures and ratings imports read and write
// of the workspace, all three taking the same so that a caller may pick
// one at run time: what the measures are checked against (Checker), what
// the ratings are checked against (BudgetReader), and the three sets each
// replaced in one transaction that checks what needs only the store's own
// tables (numbers unique, units stored) and is EINVALID otherwise.
// *sqlite.DB has it.
type Store interface {
	Checker
	ImportUnits(ctx context.Context, source string, units []budget.Unit) error
	ReplaceMeasures(ctx context.Context, source string, ms []budget.Measure) error
	ReplaceRatings(ctx context.Context, source string, rs []budget.Rating) error
}

// Checker is what a measures file is checked against: the workspace's own
// indicator definitions (for the catalogue in force), what measures may
// refer to (RefReader), the targets and values their måltall are judged on
// (GoalReader) and the current budgets their links pick from
// (BudgetReader).
type Checker interface {
	indicatorimport.OverrideStore
	RefReader
	GoalReader
	BudgetReader
}

// RefReader is what Refs reads: the stored units, the areas, and the
// selector fields of the current budgets.
type RefReader interface {
	Units(ctx context.Context) ([]budget.Unit, error)
	Gazetteer(ctx context.Context) (*indicators.Gazetteer, error)
	SelectorFields(ctx context.Context) (map[string]bool, error)
}

// GoalReader is what the check of måltall already met reads: the targets
// (of every indicator for ""), the areas, and an indicator's values known
// at asOf (the zero time: the latest).
type GoalReader interface {
	Targets(ctx context.Context, indicatorID string) ([]indicators.Target, error)
	Areas(ctx context.Context) ([]indicators.Geo, error)
	IndicatorValues(ctx context.Context, indicatorID string, asOf time.Time) ([]indicators.Value, error)
}

// BudgetReader is what the link and rating checks read of the current
// budgets: their keys, a key's lines, and a key's totals grouped by a
// field (a key without a current dataset is ENOTFOUND).
type BudgetReader interface {
	Keys(ctx context.Context) ([]budget.Key, error)
	Lines(ctx context.Context, key budget.Key, fn func(*budget.Line) error) error
	Summary(ctx context.Context, key budget.Key, by string) ([]budget.SummaryRow, error)
}

// Options control one import.
type Options struct {
	measurefile.Options
	DryRun bool // read and check, store nothing
}

// outcome starts the outcome of reading f: count things read.
func outcome(f *measurefile.File, count int) *imports.Outcome {
	return &imports.Outcome{File: f.File, Format: f.Format, Sheet: f.Sheet, RowsRead: f.RowsRead,
		Count: count, Skipped: f.Skipped, Warnings: f.Warnings, Errors: f.Errors}
}

// Units reads a units file and, unless opts.DryRun and when nothing is
// wrong, replaces the stored units. The error is non-nil only when the
// import could not be carried out (the file unreadable, the workspace
// failed); row errors make the outcome Rejected.
func Units(ctx context.Context, db Store, path string, opts Options) (*imports.Outcome, error) {
	res, err := measurefile.ReadUnits(ctx, path, opts.Options)
	if err != nil {
		return nil, err
	}
	out := outcome(&res.File, len(res.Units))
	return out, out.Settle(opts.DryRun, func() error { return db.ImportUnits(ctx, res.File.File, res.Units) })
}

// Measures reads a measures file and checks it against the workspace:
// units, indicators (the catalogue in force), areas, selector fields, the
// links to the current budget (a selector that picks nothing is a warning;
// a line counted more than 100 % an error) and måltall already met at the
// baseline (a warning). Unless opts.DryRun, and when nothing is wrong, it
// replaces the stored measures.
func Measures(ctx context.Context, db Store, path string, opts Options) (*imports.Outcome, error) {
	res, err := measurefile.ReadMeasures(ctx, path, opts.Options)
	if err != nil {
		return nil, err
	}
	out := outcome(&res.File, len(res.Measures))
	if len(res.Errors) == 0 {
		if err := check(ctx, db, res); err != nil {
			return nil, err
		}
		out.Warnings, out.Errors = res.Warnings, res.Errors
	}
	return out, out.Settle(opts.DryRun, func() error { return db.ReplaceMeasures(ctx, res.File.File, res.Measures) })
}

// Ratings reads a rating sheet and, unless opts.DryRun and when nothing is
// wrong, replaces the stored ratings. A funksjon that no current budget has
// is a warning.
func Ratings(ctx context.Context, db Store, path string, opts Options) (*imports.Outcome, error) {
	res, err := measurefile.ReadRatings(ctx, path, opts.Options)
	if err != nil {
		return nil, err
	}
	if len(res.Errors) == 0 {
		if err := checkRatings(ctx, db, res); err != nil {
			return nil, err
		}
	}
	out := outcome(&res.File, len(res.Ratings))
	return out, out.Settle(opts.DryRun, func() error { return db.ReplaceRatings(ctx, res.File.File, res.Ratings) })
}

// check adds to res the problems found against the workspace.
func check(ctx context.Context, db Checker, res *measurefile.Measures) error {
	cat, err := indicatorimport.Catalogue(ctx, db)
	if err != nil {
		return err
	}
	refs, err := Refs(ctx, db, cat)
	if err != nil {
		return err
	}
	for _, p := range budget.ValidateMeasures(res.Measures, refs) {
		if p.Warning {
			res.Warn(p.Row, "measure "+p.Nr+": "+p.Message)
		} else {
			res.Fail(p.Row, p.Field, p.Value, p.Message)
		}
	}
	if len(res.Errors) > 0 {
		return nil
	}
	if err := warnGoalsReached(ctx, db, cat, res); err != nil {
		return err
	}
	return checkLinks(ctx, db, res)
}

// checkLinks checks the measures' budget links against the current budget.
func checkLinks(ctx context.Context, db BudgetReader, res *measurefile.Measures) error {
	keys, err := db.Keys(ctx)
	if err != nil {
		return err
	}
	check, err := budget.CheckLinks(res.Measures, keys, func(k budget.Key, fn func(*budget.Line) error) error {
		return db.Lines(ctx, k, fn)
	})
	if err != nil {
		return err
	}
	if len(check.Keys) == 0 {
		res.Warnings = append(res.Warnings, res.File.File+": the workspace holds no budget yet, so the budget links were not checked; import the budget and then the measures again")
		return nil
	}
	rowOf := map[string]int{}
	for _, m := range res.Measures {
		rowOf[m.Nr] = m.Row
		if m.Selector.IsZero() {
			continue
		}
		if len(check.Picked[m.Nr]) == 0 {
			res.Warn(m.Row, fmt.Sprintf("measure %s: the budget link %s picks no line of the current budget (%s) in the years the measure runs; no money is counted for it",
				m.Nr, m.Selector, budget.JoinKeys(check.Keys)))
		}
	}
	// One error per set of measures that overlap, naming the first line
	// and how many more there are, rather than one per line and year.
	type group struct {
		first budget.Overcount
		lines int
		keys  []budget.Key
	}
	var order []string
	groups := map[string]*group{}
	for _, o := range check.Overcounts {
		k := strings.Join(o.Measures, ", ")
		g := groups[k]
		if g == nil {
			g = &group{first: o}
			groups[k] = g
			order = append(order, k)
		}
		g.lines++
		if !slices.Contains(g.keys, o.Key) {
			g.keys = append(g.keys, o.Key)
		}
	}
	for _, k := range order {
		g := groups[k]
		msg := g.first.Error()
		if g.lines > 1 {
			msg = fmt.Sprintf("measures %s together count more than 100 %% of %d budget lines in %s, such as %s (%s %%)%s",
				k, g.lines, budget.JoinKeys(g.keys), budget.DescribeLine(g.first.Line), g.first.Share, budget.OvercountAdvice)
		}
		res.Fail(rowOf[g.first.Measures[len(g.first.Measures)-1]], measurefile.ColAndel, k, msg)
	}
	if n := check.OvercountCount - len(check.Overcounts); n > 0 {
		res.Fail(0, measurefile.ColAndel, "", fmt.Sprintf("… and %d more budget lines counted more than 100 %%", n))
	}
	return nil
}

// warnGoalsReached warns of each måltall that the baseline of the target
// path it is judged on already meets (indicators.GoalsReachedAtBaseline).
func warnGoalsReached(ctx context.Context, db GoalReader, cat *indicators.Catalogue, res *measurefile.Measures) error {
	targets, err := db.Targets(ctx, "")
	if err != nil {
		return err
	}
	geos, err := db.Areas(ctx)
	if err != nil {
		return err
	}
	ws, err := indicators.GoalsReachedAtBaseline(res.Measures, cat, targets, indicators.KommuneCode(geos), func(id string) ([]indicators.Value, error) {
		return db.IndicatorValues(ctx, id, time.Time{})
	})
	if err != nil {
		return err
	}
	for _, w := range ws {
		res.Warn(w.Row, fmt.Sprintf("measure %s: the måltall %s=%s@%d is already met at the baseline (%s in %s, %d): it asks for no change; set a måltall beyond the baseline",
			w.Nr, w.Indicator, w.Goal, w.Year, w.Baseline.BaselineValue, w.Area, w.Baseline.BaselineYear))
	}
	return nil
}

// Refs gathers what measures may refer to: the stored units, the indicator
// catalogue cat, the areas (when none are stored, the bydel codes the units
// serve), the selector fields of the current budget and the report's
// påvirkningsfaktorer.
func Refs(ctx context.Context, db RefReader, cat *indicators.Catalogue) (budget.MeasureRefs, error) {
	var refs budget.MeasureRefs
	us, err := db.Units(ctx)
	if err != nil {
		return refs, err
	}
	refs.Units = map[string]bool{}
	for _, u := range us {
		refs.Units[u.Code] = true
	}
	refs.Indicator = func(id string) bool { _, ok := cat.Get(id); return ok }
	gaz, err := db.Gazetteer(ctx)
	if err != nil {
		return refs, err
	}
	bydeler := map[string]bool{}
	for _, u := range us {
		if u.Bydel != "" {
			bydeler[u.Bydel] = true
		}
	}
	refs.Area = func(code string) bool {
		if gaz.Len() == 0 {
			return bydeler[code]
		}
		a, ok := gaz.ByCode(code)
		return ok && !a.Level.Reference()
	}
	if refs.Fields, err = db.SelectorFields(ctx); err != nil {
		return refs, err
	}
	refs.Determinant = func(d string) bool { return slices.Contains(indicators.Determinants, strings.ToLower(d)) }
	refs.Closest = func(kind, s string) string {
		var cands []string
		switch kind {
		case "unit":
			for c := range refs.Units {
				cands = append(cands, c)
			}
		case "indicator":
			cands = cat.IDs()
		case "area":
			if gaz.Len() > 0 {
				return strings.Join(gaz.Closest(s, 1), "")
			}
			for c := range bydeler {
				cands = append(cands, c)
			}
		}
		return indicators.NearestName(s, cands)
	}
	return refs, nil
}

// checkRatings warns of each rated funksjon that no current budget has.
func checkRatings(ctx context.Context, db BudgetReader, res *measurefile.Ratings) error {
	ks, err := db.Keys(ctx)
	if err != nil || len(ks) == 0 {
		return err
	}
	have := map[string]bool{}
	for _, k := range ks {
		rows, err := db.Summary(ctx, k, "funksjon")
		if err != nil {
			return err
		}
		for _, r := range rows {
			have[r.Value] = true
		}
	}
	for _, r := range res.Ratings {
		if !have[r.Funksjon] {
			res.Warn(r.Row, "funksjon "+r.Funksjon+" is in no current budget; the rating is kept for when it is")
		}
	}
	return nil
}
