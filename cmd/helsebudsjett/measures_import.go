package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/measurefile"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// fileImport is the outcome of importing a units, measures or ratings
// file, and its --json form.
type fileImport struct {
	Status   string                `json:"status"` // imported, dry-run, rejected
	File     string                `json:"file"`
	Format   string                `json:"format,omitempty"`
	Sheet    string                `json:"sheet,omitempty"`
	RowsRead int                   `json:"rows_read"`
	Count    int                   `json:"count"` // units, measures or ratings read
	Skipped  map[string]int        `json:"skipped"`
	Warnings []string              `json:"warnings"`
	Errors   []budgetfile.RowError `json:"errors"`
	Message  string                `json:"message,omitempty"`
}

func newFileImport(f *measurefile.File, count int) *fileImport {
	return &fileImport{Status: "imported", File: f.File, Format: f.Format, Sheet: f.Sheet, RowsRead: f.RowsRead,
		Count: count, Skipped: f.Skipped, Warnings: f.Warnings, Errors: f.Errors}
}

// importMeasuresFile reads a measures file and checks it against the
// workspace: units, indicators (the catalogue), areas, selector fields,
// the links to the current budget (a selector that picks nothing is a
// warning; a line counted more than 100 % an error). Unless dryRun, and
// when nothing is wrong, it replaces the stored measures.
func importMeasuresFile(ctx context.Context, db *sqlite.DB, path string, opts measurefile.Options, dryRun bool) (*fileImport, error) {
	res, err := measurefile.ReadMeasures(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	out := newFileImport(&res.File, len(res.Measures))
	if len(res.Errors) == 0 {
		if err := checkMeasures(ctx, db, res); err != nil {
			return nil, err
		}
		out.Warnings, out.Errors = res.Warnings, res.Errors
	}
	switch {
	case len(out.Errors) > 0:
		out.Status = "rejected"
	case dryRun:
		out.Status = "dry-run"
	default:
		if err := db.ReplaceMeasures(ctx, res.File.File, res.Measures); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// checkMeasures adds to res the problems found against the workspace.
func checkMeasures(ctx context.Context, db *sqlite.DB, res *measurefile.Measures) error {
	refs, err := measureRefs(ctx, db)
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
	if err := warnGoalsReached(ctx, db, res); err != nil {
		return err
	}
	check, err := db.CheckLinks(ctx, res.Measures)
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
				m.Nr, m.Selector, keysList(check.Keys)))
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
				k, g.lines, keysList(g.keys), budget.DescribeLine(g.first.Line), g.first.Share, budget.OvercountAdvice)
		}
		res.Fail(rowOf[g.first.Measures[len(g.first.Measures)-1]], measurefile.ColAndel, k, msg)
	}
	if n := check.OvercountCount - len(check.Overcounts); n > 0 {
		res.Fail(0, measurefile.ColAndel, "", fmt.Sprintf("… and %d more budget lines counted more than 100 %%", n))
	}
	return nil
}

// warnGoalsReached warns of each måltall that the baseline of the target
// path it is judged on already meets (model.GoalsReachedAtBaseline).
func warnGoalsReached(ctx context.Context, db *sqlite.DB, res *measurefile.Measures) error {
	cat, err := catalogue(ctx, db)
	if err != nil {
		return err
	}
	ws, err := model.GoalsReachedAtBaseline(ctx, db, cat, res.Measures)
	if err != nil {
		return err
	}
	for _, w := range ws {
		res.Warn(w.Row, fmt.Sprintf("measure %s: the måltall %s=%s@%d is already met at the baseline (%s in %s, %d): it asks for no change; set a måltall beyond the baseline",
			w.Nr, w.Indicator, w.Goal, w.Year, w.Baseline.BaselineValue, w.Area, w.Baseline.BaselineYear))
	}
	return nil
}

func keysList(ks []budget.Key) string {
	parts := make([]string, len(ks))
	for i, k := range ks {
		parts[i] = k.String()
	}
	return strings.Join(parts, ", ")
}

// measureRefs gathers what measures may refer to: the stored units, the
// indicator catalogue with the workspace's overrides, the areas (when
// none are stored, the bydel codes the units serve), the selector fields
// of the current budget and the report's påvirkningsfaktorer.
func measureRefs(ctx context.Context, db *sqlite.DB) (budget.MeasureRefs, error) {
	var refs budget.MeasureRefs
	us, err := db.Units(ctx)
	if err != nil {
		return refs, err
	}
	refs.Units = map[string]bool{}
	for _, u := range us {
		refs.Units[u.Code] = true
	}
	cat, err := catalogue(ctx, db)
	if err != nil {
		return refs, err
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
		return nearestName(s, cands)
	}
	return refs, nil
}

// nearestName returns the candidate nearest to s by edit distance when it is
// near enough to be a likely typo, else "".
func nearestName(s string, cands []string) string {
	best, bestD := "", 1<<30
	for _, c := range cands {
		d := indicators.EditDistance(strings.ToLower(s), strings.ToLower(c))
		if d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	if best == "" || bestD > max(2, len(s)/3) {
		return ""
	}
	return best
}

// importUnitsFile reads a units file and, unless dryRun and when nothing
// is wrong, replaces the stored units.
func importUnitsFile(ctx context.Context, db *sqlite.DB, path string, opts measurefile.Options, dryRun bool) (*fileImport, error) {
	res, err := measurefile.ReadUnits(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	out := newFileImport(&res.File, len(res.Units))
	switch {
	case len(out.Errors) > 0:
		out.Status = "rejected"
	case dryRun:
		out.Status = "dry-run"
	default:
		if err := db.ImportUnits(ctx, res.File.File, res.Units); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// importRatingsFile reads a rating sheet and, unless dryRun and when
// nothing is wrong, replaces the stored ratings. A funksjon that no
// current budget has is a warning.
func importRatingsFile(ctx context.Context, db *sqlite.DB, path string, opts measurefile.Options, dryRun bool) (*fileImport, error) {
	res, err := measurefile.ReadRatings(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	if len(res.Errors) == 0 {
		if err := checkRatings(ctx, db, res); err != nil {
			return nil, err
		}
	}
	out := newFileImport(&res.File, len(res.Ratings))
	switch {
	case len(out.Errors) > 0:
		out.Status = "rejected"
	case dryRun:
		out.Status = "dry-run"
	default:
		if err := db.ReplaceRatings(ctx, res.File.File, res.Ratings); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func checkRatings(ctx context.Context, db *sqlite.DB, res *measurefile.Ratings) error {
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

// printFileImport prints the outcome of an import for a person; what
// names the things read ("measures").
func printFileImport(w, errw io.Writer, out *fileImport, what string) {
	switch out.Status {
	case "rejected":
		fmt.Fprintf(w, "%s: rejected, %d error(s); nothing was stored.\n", out.File, len(out.Errors))
	case "dry-run":
		fmt.Fprintf(w, "%s: dry run, %d %s would be imported; nothing was stored.\n", out.File, out.Count, what)
	default:
		fmt.Fprintf(w, "%s: imported %d %s.\n", out.File, out.Count, what)
	}
	if n := out.Skipped["unrated"]; n > 0 {
		fmt.Fprintf(w, "  %d row(s) left unrated.\n", n)
	}
	for _, s := range out.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", s)
	}
	if out.Status != "rejected" {
		return
	}
	for _, e := range out.Errors {
		loc := "row " + strconv.Itoa(e.Row)
		if e.Row == 0 {
			loc = "file"
		}
		if e.Column != "" {
			loc += ", column " + e.Column
		}
		if e.Field != "" {
			loc += " (" + e.Field + ")"
		}
		fmt.Fprintf(errw, "%s: %s: %q: %s\n", out.File, loc, e.Value, e.Message)
	}
	fmt.Fprintf(errw, "%s was rejected: fix the rows above and import it again. The workspace is unchanged.\n", out.File)
}
