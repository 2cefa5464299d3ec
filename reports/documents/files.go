package documents

import (
	"context"
	"fmt"
	"io"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// WorkspaceFunc gives the workspace as it is at the call: the store with
// the catalogue and the wheel in force.
type WorkspaceFunc func(ctx context.Context) (Workspace, error)

// WriteWorkbook writes the helsebudsjett workbook for key to path,
// atomically, and returns the model it shows, on the gross operating
// expenditure of mo. It refuses to write over an input of guard, or over
// an existing file unless overwrite (outguard.Check), before it reads the
// workspace.
func WriteWorkbook(ctx context.Context, guard outguard.Workspace, wsf WorkspaceFunc, key budget.Key, path string, lang indicators.Lang, mo model.Options, overwrite bool) (*model.Budget, error) {
	if err := outguard.Check(ctx, guard, path, overwrite); err != nil {
		return nil, err
	}
	ws, err := wsf(ctx)
	if err != nil {
		return nil, err
	}
	var b *model.Budget
	err = atomicfile.Write(path, func(w io.Writer) error {
		var err error
		b, err = Workbook(ctx, ws, w, key, lang, mo)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return b, nil
}

// WriteAnnualReport loads, renders and writes the report atomically to
// path, returning the content and the file's size. It refuses to write
// over an input of guard, or over an existing file unless overwrite
// (outguard.Check).
func WriteAnnualReport(ctx context.Context, guard outguard.Workspace, wsf WorkspaceFunc, opt annual.Options, path string, overwrite bool) (*annual.Report, int, error) {
	if err := outguard.Check(ctx, guard, path, overwrite); err != nil {
		return nil, 0, err
	}
	ws, err := wsf(ctx)
	if err != nil {
		return nil, 0, err
	}
	r, data, err := AnnualReport(ctx, ws, opt)
	if err != nil {
		return nil, 0, err
	}
	if err := atomicfile.Write(path, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return nil, 0, fmt.Errorf("write %s: %w", path, err)
	}
	return r, len(data), nil
}

// ReportFileName is "arsrapport-2026-intern.pdf", or for a tertial
// report "tertialrapport-2027-T1-offentlig.pdf".
func ReportFileName(opt annual.Options) string {
	edition := "intern"
	if opt.Public {
		edition = "offentlig"
	}
	if opt.Term == "" || opt.Term == budget.TermYear {
		return fmt.Sprintf("arsrapport-%d-%s.pdf", opt.Year, edition)
	}
	return fmt.Sprintf("tertialrapport-%d-%s-%s.pdf", opt.Year, opt.Term, edition)
}
