package tertial

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// FormStore is what building the forms reads of the workspace.
type FormStore interface {
	Units(ctx context.Context) ([]budget.Unit, error)
	Measures(ctx context.Context) ([]budget.Measure, error)
	UnitCodes(ctx context.Context) (map[string]bool, error)
	// SpentVsBudget reads each measure's amount in the year's budget.
	SpendingStore
}

// Forms builds the form of every unit that is the reporting unit of a
// measure running in the period's year, in the units' stored order, with
// each measure's amount in the year's budget.
func Forms(ctx context.Context, db FormStore, period budget.Period) ([]Form, error) {
	us, err := db.Units(ctx)
	if err != nil {
		return nil, err
	}
	ms, err := db.Measures(ctx)
	if err != nil {
		return nil, err
	}
	spend, err := SpentVsBudget(ctx, db, period.Year)
	if err != nil {
		return nil, err
	}
	amount := map[string]budget.MeasureSpending{}
	for _, s := range spend {
		amount[s.Measure] = s
	}
	budget.SortMeasures(ms)
	var out []Form
	for _, u := range us {
		form := Form{Unit: u, Period: period}
		for _, m := range ms {
			if m.Reporting != u.Code || !m.ActiveIn(period.Year) {
				continue
			}
			s := amount[m.Nr]
			form.Rows = append(form.Rows, Row{Measure: m, BudgetOre: s.BudgetOre, BudgetKnown: s.Budget.Year != 0})
		}
		if len(form.Rows) > 0 {
			out = append(out, form)
		}
	}
	return out, nil
}

// FormOf returns the form of unit among forms, or an EINVALID error saying
// why there is none: no unit has the code (with the nearest code when one
// is near), or the unit reports on no measure that runs in the year.
func FormOf(ctx context.Context, db FormStore, forms []Form, unit string, period budget.Period) (Form, error) {
	for _, f := range forms {
		if f.Unit.Code == unit {
			return f, nil
		}
	}
	codes, err := db.UnitCodes(ctx)
	if err != nil {
		return Form{}, err
	}
	if !codes[unit] {
		var cands []string
		for c := range codes {
			cands = append(cands, c)
		}
		hint := ""
		if near := indicators.NearestName(unit, cands); near != "" {
			hint = fmt.Sprintf(" (did you mean %s?)", near)
		}
		return Form{}, budget.Errorf(budget.EINVALID, "no unit has the code %q%s: helsebudsjett import units lists them", unit, hint)
	}
	var who []string
	for _, f := range forms {
		who = append(who, f.Unit.Code)
	}
	return Form{}, budget.Errorf(budget.EINVALID, "unit %s reports on no measure that runs in %d; the units that do: %s",
		unit, period.Year, strings.Join(who, ", "))
}

// WriteStore is what writing the forms needs: the forms' data, and the
// workspace's file and inputs, which outguard keeps the forms off.
type WriteStore interface {
	FormStore
	outguard.Workspace
}

// WriteOptions say which forms to write where.
type WriteOptions struct {
	Period budget.Period
	// Unit is the unit whose form is written to Out, a FILE.xlsx; empty
	// writes the form of every unit that reports into the folder Out.
	Unit  string
	Out   string
	Force bool // overwrite forms that exist (never an imported file)
}

// Written is a form that was written.
type Written struct {
	Path string
	Form Form
}

// WriteForms writes the forms opts asks for, each atomically, after
// outguard has allowed every path (so nothing is written when one path is
// refused). It returns the forms written, also those written before an
// error.
func WriteForms(ctx context.Context, db WriteStore, opts WriteOptions) ([]Written, error) {
	forms, err := Forms(ctx, db, opts.Period)
	if err != nil {
		return nil, err
	}
	var todo []Written
	if opts.Unit != "" {
		form, err := FormOf(ctx, db, forms, opts.Unit, opts.Period)
		if err != nil {
			return nil, err
		}
		todo = []Written{{opts.Out, form}}
	} else {
		if len(forms) == 0 {
			return nil, budget.Errorf(budget.EINVALID, "no unit reports on a measure that runs in %d: import units and measures first (helsebudsjett import measures)", opts.Period.Year)
		}
		for _, form := range forms {
			todo = append(todo, Written{filepath.Join(opts.Out, FileName(form.Unit.Code, opts.Period)), form})
		}
	}
	for _, w := range todo { // check every form before writing any
		if err := outguard.Check(ctx, db, w.Path, opts.Force); err != nil {
			return nil, err
		}
	}
	if opts.Unit == "" {
		if err := os.MkdirAll(opts.Out, 0o755); err != nil {
			return nil, fmt.Errorf("make folder %s: %w", opts.Out, err)
		}
	}
	var done []Written
	for _, w := range todo {
		if err := WriteFile(w.Path, w.Form); err != nil {
			return done, err
		}
		done = append(done, w)
	}
	return done, nil
}

// WriteFile writes form to path atomically. It does not ask outguard:
// callers that write where a user points do (WriteForms).
func WriteFile(path string, form Form) error {
	if err := atomicfile.Write(path, func(w io.Writer) error { return WriteForm(w, form) }); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
