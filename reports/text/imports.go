package text

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/areafile"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
)

func controlText(c budgetfile.Control) string {
	s := fmt.Sprintf("control total, row %d %q, %s: stated %s kr", c.Row, c.Label, c.Key, budget.FormatKroner(c.Stated))
	if c.OK {
		return s + ": matches"
	}
	return s + fmt.Sprintf(", imported %s kr: differs by %s kr", budget.FormatKroner(c.Total), budget.FormatKroner(c.Difference))
}

// BudgetImport writes the outcome of import budget for people: status,
// rows read and skipped, replacements, totals, control totals, warnings.
func BudgetImport(w io.Writer, rep *importer.Report) {
	r := rep.Result
	where := r.File
	if r.Sheet != "" {
		where += ", sheet " + r.Sheet
	}
	switch rep.Status {
	case importer.Unchanged:
		fmt.Fprintf(w, "%s was imported before as dataset %d (same sha256 and options, %s): nothing changed.\n", where, rep.Dataset.ID, importer.Describe(*rep.Dataset))
		return
	case importer.Rejected:
		fmt.Fprintf(w, "%s: rejected, %d row error(s); nothing was stored.\n", where, r.ErrorCount)
	case importer.DryRun:
		fmt.Fprintf(w, "%s: dry run, %d lines would be imported; nothing was stored.\n", where, r.Lines)
	case importer.Imported:
		fmt.Fprintf(w, "%s: imported %d lines as dataset %d.\n", where, r.Lines, rep.Dataset.ID)
	}
	fmt.Fprintf(w, "  rows read: %d; skipped: %s\n", r.RowsRead, skippedText(r.Skipped))
	if e := r.EmptyAmounts; e != (budgetfile.EmptyAmounts{}) {
		fmt.Fprintf(w, "  rows with empty amount cells: %d with another amount filled (imported with it), %d read as 0 (--empty-amount zero), %d left out (--empty-amount skip)\n",
			e.Partial, e.Zero, e.Skipped)
	}
	if rep.Part != "" {
		fmt.Fprintf(w, "  part: %s (%s)\n", rep.Part, rep.PartReason)
	}
	for _, d := range rep.SameContent {
		fmt.Fprintf(w, "  same content as dataset %d (%s: %s), imported with other options\n", d.ID, d.Source, importer.Describe(d))
	}
	for _, rp := range rep.Replaced {
		if rp.Whole {
			fmt.Fprintf(w, "  WARNING: dataset %d (%s) held both parts of %s and is no longer current for its %s part either: import that part too, or import this file with --part begge\n",
				rp.Dataset, rp.Source, rp.Key, rp.Part)
			continue
		}
		fmt.Fprintf(w, "  replaces dataset %d (%s) as the current %s, %s; it stays in the history (budget datasets)\n",
			rp.Dataset, rp.Source, rp.Key, partText(rp.Part))
	}
	for _, t := range r.Totals {
		fmt.Fprintf(w, "  total %d %-9s %22s kr\n", t.Year, t.Version, budget.FormatKroner(t.Ore))
	}
	for _, c := range r.Controls {
		fmt.Fprintf(w, "  %s\n", controlText(c))
	}
	if r.WarningCount > 0 {
		fmt.Fprintf(w, "  %d warning(s):\n", r.WarningCount)
		for _, s := range r.Warnings {
			fmt.Fprintf(w, "    %s\n", s)
		}
		if n := r.WarningCount - len(r.Warnings); n > 0 {
			fmt.Fprintf(w, "    … and %d more\n", n)
		}
	}
}

// BudgetRowErrors writes a rejected budget file's row errors, each with
// file, row, column, field and value, and that nothing changed.
func BudgetRowErrors(w io.Writer, r *budgetfile.Result) {
	for _, e := range r.Errors {
		fmt.Fprintf(w, "%s: row %d, column %s (%s): %q: %s\n", r.File, e.Row, e.Column, e.Field, e.Value, e.Message)
	}
	if n := r.ErrorCount - len(r.Errors); n > 0 {
		fmt.Fprintf(w, "… and %d more errors\n", n)
	}
	fmt.Fprintf(w, "%s was rejected: fix the rows above and import it again. The workspace is unchanged.\n", r.File)
}

func skippedText(m map[string]int) string { return budgetfile.SkippedText(m) }

// partText names a part for a sentence: "drift", "investering", or "both
// parts".
func partText(p budget.Part) string {
	if p == budget.Begge {
		return "both parts"
	}
	return string(p)
}

// AreasImport writes the outcome of import areas for people, with the
// areas read per level.
func AreasImport(w io.Writer, out indicatorimport.AreasResult, res *areafile.Result) {
	levels := map[string]int{}
	for _, a := range res.Areas {
		levels[string(a.Level)]++
	}
	var parts []string
	for _, l := range sortedKeys(levels) {
		parts = append(parts, fmt.Sprintf("%d %s", levels[l], l))
	}
	switch out.Status {
	case imports.Rejected:
		fmt.Fprintf(w, "%s: rejected, %d row error(s); nothing was stored.\n", out.File, len(out.Errors))
	case imports.DryRun:
		fmt.Fprintf(w, "%s: dry run, %d areas would be imported (%s); nothing was stored.\n", out.File, out.Areas, strings.Join(parts, ", "))
	default:
		fmt.Fprintf(w, "%s: imported %d areas (%s).\n", out.File, out.Areas, strings.Join(parts, ", "))
	}
	if len(out.Added) > 0 {
		fmt.Fprintf(w, "  added from the built-in geography, as parents of the file's areas: %s\n", strings.Join(out.Added, ", "))
	}
	if out.Home != "" && out.Status != imports.Rejected {
		fmt.Fprintf(w, "  home area (rolle egen): %s\n", out.Home)
	}
	for _, s := range out.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", s)
	}
}

// RowErrors writes a rejected file's row errors (count of them in all),
// each with file, row, column, field and value, and that nothing changed.
func RowErrors(w io.Writer, file string, errs []budgetfile.RowError, count int) {
	for _, e := range errs {
		fmt.Fprintf(w, "%s: row %d, column %s (%s): %q: %s\n", file, e.Row, e.Column, e.Field, e.Value, e.Message)
	}
	if n := count - len(errs); n > 0 {
		fmt.Fprintf(w, "… and %d more errors\n", n)
	}
	fmt.Fprintf(w, "%s was rejected: fix the rows above and import it again. The workspace is unchanged.\n", file)
}

// areaNames lists up to n areas' names, "and k more" for the rest.
func areaNames(gs []indicators.Geo, n int) string {
	var names []string
	for i, g := range gs {
		if i == n {
			names = append(names, fmt.Sprintf("and %d more", len(gs)-n))
			break
		}
		names = append(names, g.Name)
	}
	return strings.Join(names, ", ")
}

// IndicatorImport writes the outcome of import indicators for people:
// status, values, vintages replaced, areas added, notes and warnings.
func IndicatorImport(w io.Writer, rep *indicatorimport.Report) {
	r := rep.Result
	where := r.File
	if r.Sheet != "" {
		where += ", sheet " + r.Sheet
	}
	ids := strings.Join(r.Indicators(), ", ")
	switch rep.Status {
	case indicatorimport.Unchanged:
		fmt.Fprintf(w, "%s was imported before for %s (same sha256 and options): nothing changed.\n", where, ids)
		return
	case indicatorimport.Rejected:
		fmt.Fprintf(w, "%s: rejected, %d row error(s); nothing was stored.\n", where, r.ErrorCount)
	case indicatorimport.DryRun:
		fmt.Fprintf(w, "%s: dry run, %d values of %s would be imported; nothing was stored.\n", where, r.Count(), ids)
	case indicatorimport.Imported:
		fmt.Fprintf(w, "%s: imported %d values of %s (%s table).\n", where, r.Count(), ids, r.Layout)
		for _, v := range rep.Replaced {
			fmt.Fprintf(w, "  replaces vintage %d of %s (the same file imported %s with other options); its values are no longer current\n",
				v.ID, v.Indicator, v.ImportedAt.In(wheel.Oslo()).Format("2006-01-02 15:04"))
		}
	}
	fmt.Fprintf(w, "  rows read: %d; skipped: %s\n", r.RowsRead, skippedText(r.Skipped))
	if n := len(r.NewAreas); n > 0 && rep.Status != indicatorimport.Rejected {
		verb := "added"
		if rep.Status == indicatorimport.DryRun {
			verb = "would add"
		}
		fmt.Fprintf(w, "  areas: %s %d from the built-in geography (%s); kommuner other than your own are kept for comparison\n", verb, n, areaNames(r.NewAreas, 5))
	}
	for _, s := range r.Notes {
		fmt.Fprintf(w, "  note: %s\n", s)
	}
	for _, s := range r.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", s)
	}
}

// TertialImport prints the outcome of one form for a person: the
// summary on w, the errors on errw.
func TertialImport(w, errw io.Writer, out *tertial.Imported) {
	what := out.Unit + " " + out.Period
	switch out.Status {
	case imports.Imported:
		fmt.Fprintf(w, "%s: imported %d report(s) for %s (snapshot %d).\n", out.File, out.Reports, what, out.Snapshot)
	case imports.Unchanged:
		fmt.Fprintf(w, "%s: unchanged, %s.\n", out.File, out.Message)
	case imports.DryRun:
		fmt.Fprintf(w, "%s: dry run, %d report(s) for %s would be imported; nothing was stored.\n", out.File, out.Reports, what)
	case imports.Rejected:
		fmt.Fprintf(w, "%s: rejected, %d error(s); nothing was stored.\n", out.File, max(len(out.Errors), 1))
	}
	if len(out.NotReported) > 0 && out.Status != imports.Rejected {
		fmt.Fprintf(w, "  left blank: measure(s) %s\n", strings.Join(out.NotReported, ", "))
	}
	for _, s := range out.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", s)
	}
	if out.Status != imports.Rejected {
		return
	}
	if out.Message != "" {
		fmt.Fprintf(errw, "%s\n", out.Message)
	}
	for _, e := range out.Errors {
		fmt.Fprintf(errw, "%s, sheet %s: row %s, column %s (%s) %q: %s\n", out.File, out.Sheet, strconv.Itoa(e.Row), e.Column, e.Field, e.Value, e.Message)
	}
	fmt.Fprintf(errw, "%s was rejected: fix the cells above and import it again. The workspace is unchanged.\n", out.File)
}

// FileImport prints the outcome of an import for a person; what
// names the things read ("measures").
func FileImport(w, errw io.Writer, out *imports.Outcome, what string) {
	switch out.Status {
	case imports.Rejected:
		fmt.Fprintf(w, "%s: rejected, %d error(s); nothing was stored.\n", out.File, len(out.Errors))
	case imports.DryRun:
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
	if out.Status != imports.Rejected {
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

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
