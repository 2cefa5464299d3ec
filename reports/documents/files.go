package documents

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
	"github.com/helsebudsjett/helsebudsjett/reports/letters"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// The documents written to files, as the commands, the demo and the
// wheel's actions write them: each never over the workspace or a file
// imported into it (outguard), and atomically (atomicfile).

// WorkspaceFunc gives the workspace as it is at the call: the store with
// the catalogue and the wheel in force.
type WorkspaceFunc func(ctx context.Context) (Workspace, error)

// WorkbookOptions are the choices of one written helsebudsjett workbook.
type WorkbookOptions struct {
	Key  budget.Key      // the budget shown: year and version
	Path string          // the .xlsx file
	Lang indicators.Lang // labels in bokmål or nynorsk
	// Model gives the gross operating expenditure the share of the
	// budget is counted on (KOSTRA's when empty).
	Model model.Options
	// Overwrite replaces an existing file (the user's --force, or an
	// action replacing its own earlier file); never an input.
	Overwrite bool
}

// WorkbookResult is a written workbook: where, and the model it shows.
type WorkbookResult struct {
	Path   string
	Budget *model.Budget
}

// WorkbookFileName is "helsebudsjett-2027.xlsx", the workbook's name when
// the user gives none.
func WorkbookFileName(year int) string { return fmt.Sprintf("helsebudsjett-%d.xlsx", year) }

// ExportWorkbook writes the workbook of o from db, with the catalogue and
// the wheel in force (Open): the export budget command.
func ExportWorkbook(ctx context.Context, db Source, o WorkbookOptions) (*WorkbookResult, error) {
	return WriteWorkbook(ctx, db, OpenFunc(db), o)
}

// WriteWorkbook writes the helsebudsjett workbook of o to o.Path,
// atomically. It refuses to write over an input of guard, or over an
// existing file unless o.Overwrite (outguard.Check), before it reads the
// workspace; then nothing is changed.
func WriteWorkbook(ctx context.Context, guard outguard.Workspace, wsf WorkspaceFunc, o WorkbookOptions) (*WorkbookResult, error) {
	if err := outguard.Check(ctx, guard, o.Path, o.Overwrite); err != nil {
		return nil, err
	}
	ws, err := wsf(ctx)
	if err != nil {
		return nil, err
	}
	var b *model.Budget
	err = atomicfile.Write(o.Path, func(w io.Writer) error {
		var err error
		b, err = Workbook(ctx, ws, w, o.Key, o.Lang, o.Model)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", o.Path, err)
	}
	return &WorkbookResult{Path: o.Path, Budget: b}, nil
}

// ReportFormat is how a report is written.
type ReportFormat string

const (
	PDF  ReportFormat = "pdf"  // one PDF file
	HTML ReportFormat = "html" // a web page: index.html and its stylesheet in a folder
)

// ReportOptions are the choices of one annual (or tertial) report.
type ReportOptions struct {
	annual.Options
	Format ReportFormat // PDF when empty
	// Path is the PDF file, or the new folder of the web page; "" makes
	// the report's content only and writes nothing.
	Path string
	// Overwrite replaces an existing PDF, or a folder that holds only an
	// earlier web page; never an input nor the workspace.
	Overwrite bool
}

// ReportResult is a report made: its content, and where it was written.
type ReportResult struct {
	Report *annual.Report
	Path   string // "" when nothing was written
	Size   int    // bytes of the PDF, or of the web page's index.html
}

// Report makes the report of o from db, with the catalogue and the wheel
// in force (Open): its content, and written to o.Path when there is one
// (WriteReport). The report command.
func Report(ctx context.Context, db Source, o ReportOptions) (*ReportResult, error) {
	if o.Path != "" {
		return WriteReport(ctx, db, OpenFunc(db), o)
	}
	ws, err := Open(ctx, db)
	if err != nil {
		return nil, err
	}
	r, err := loadReport(ctx, ws, o.Options)
	if err != nil {
		return nil, err
	}
	return &ReportResult{Report: r}, nil
}

// WriteReport loads, renders and writes the report of o to o.Path. A PDF
// is written atomically, never over an input of guard and over an
// existing file only with o.Overwrite (outguard.Check). A web page goes
// into a new folder; with o.Overwrite it may replace a folder that holds
// nothing but an earlier page (atomicfile.ReplaceDir), so never the
// workspace nor a folder of inputs. The path is checked before the
// workspace is read; a refusal changes nothing.
func WriteReport(ctx context.Context, guard outguard.Workspace, wsf WorkspaceFunc, o ReportOptions) (*ReportResult, error) {
	if o.Format == HTML {
		return writeReportHTML(ctx, guard, wsf, o)
	}
	if err := outguard.Check(ctx, guard, o.Path, o.Overwrite); err != nil {
		return nil, err
	}
	ws, err := wsf(ctx)
	if err != nil {
		return nil, err
	}
	r, data, err := AnnualReport(ctx, ws, o.Options)
	if err != nil {
		return nil, err
	}
	if err := atomicfile.Write(o.Path, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return nil, fmt.Errorf("write %s: %w", o.Path, err)
	}
	return &ReportResult{Report: r, Path: o.Path, Size: len(data)}, nil
}

func writeReportHTML(ctx context.Context, guard outguard.Workspace, wsf WorkspaceFunc, o ReportOptions) (*ReportResult, error) {
	dir := o.Path
	if _, err := os.Lstat(dir); err == nil && !o.Overwrite {
		return nil, budget.Errorf(budget.EINVALID, "%s exists; name a new folder for the web page (or --force to replace an earlier one)", dir)
	} else if err != nil {
		if err := outguard.Check(ctx, guard, dir, false); err != nil {
			return nil, err
		}
	}
	ws, err := wsf(ctx)
	if err != nil {
		return nil, err
	}
	r, files, err := AnnualReportHTML(ctx, ws, o.Options)
	if err != nil {
		return nil, err
	}
	if err := atomicfile.ReplaceDir(dir, files); err != nil {
		return nil, budget.Errorf(budget.EINVALID, "write %s: %v", dir, err)
	}
	return &ReportResult{Report: r, Path: dir, Size: len(files["index.html"])}, nil
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

// WriteLetters writes the letters of o from db, with the catalogue and
// the wheel in force (Open): the letters command and the demo.
func WriteLetters(ctx context.Context, db Source, o LettersOptions) (*letters.Result, error) {
	ws, err := Open(ctx, db)
	if err != nil {
		return nil, err
	}
	return Letters(ctx, ws, o)
}

// LettersDirName is "oppdragsbrev-2027", the letters' folder when the
// user names none.
func LettersDirName(year int) string { return fmt.Sprintf("oppdragsbrev-%d", year) }
