package demo

import (
	"io"

	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/reports/text"
)

// Printer shows the outcomes the demo meets on its way as the commands
// that make them show them (the command line gives its own printers), so
// the demo reads like those commands run one after another. A nil field
// shows nothing.
type Printer struct {
	BudgetImport      func(w io.Writer, rep *importer.Report)        // import budget
	BudgetRejected    func(w io.Writer, res *budgetfile.Result)      // its row errors
	Comparison        func(w io.Writer, c *model.Comparison)         // budget compare
	IndicatorImport   func(w io.Writer, rep *indicatorimport.Report) // import indicators
	IndicatorRejected func(w io.Writer, file string, errs []budgetfile.RowError, count int)
	FileImport        func(w io.Writer, out *imports.Outcome, what string) // import units, measures, ratings
	TertialImport     func(w io.Writer, out *tertial.Imported)             // import tertial
	WheelList         func(w io.Writer, l *runner.List, year int) error    // wheel list
	AnnualReport      func(w io.Writer, path string, r *annual.Report, size int)
}

func (p Printer) budgetImport(w io.Writer, rep *importer.Report) {
	if p.BudgetImport != nil {
		p.BudgetImport(w, rep)
	}
}

func (p Printer) budgetRejected(w io.Writer, res *budgetfile.Result) {
	if p.BudgetRejected != nil {
		p.BudgetRejected(w, res)
	}
}

func (p Printer) comparison(w io.Writer, c *model.Comparison) {
	if p.Comparison != nil {
		p.Comparison(w, c)
	}
}

func (p Printer) indicatorImport(w io.Writer, rep *indicatorimport.Report) {
	if p.IndicatorImport != nil {
		p.IndicatorImport(w, rep)
	}
}

func (p Printer) indicatorRejected(w io.Writer, file string, errs []budgetfile.RowError, count int) {
	if p.IndicatorRejected != nil {
		p.IndicatorRejected(w, file, errs, count)
	}
}

func (p Printer) fileImport(w io.Writer, out *imports.Outcome, what string) {
	if p.FileImport != nil {
		p.FileImport(w, out, what)
	}
}

func (p Printer) tertialImport(w io.Writer, out *tertial.Imported) {
	if p.TertialImport != nil {
		p.TertialImport(w, out)
	}
}

func (p Printer) wheelList(w io.Writer, l *runner.List, year int) error {
	if p.WheelList != nil {
		return p.WheelList(w, l, year)
	}
	return nil
}

func (p Printer) annualReport(w io.Writer, path string, r *annual.Report, size int) {
	if p.AnnualReport != nil {
		p.AnnualReport(w, path, r, size)
	}
}

// TextPrinter shows the outcomes as the command line does (reports/text).
func TextPrinter() Printer {
	return Printer{
		BudgetImport: text.BudgetImport, BudgetRejected: text.BudgetRowErrors, Comparison: text.Comparison,
		IndicatorImport: text.IndicatorImport, IndicatorRejected: text.RowErrors,
		FileImport:    func(w io.Writer, o *imports.Outcome, what string) { text.FileImport(w, w, o, what) },
		TertialImport: func(w io.Writer, o *tertial.Imported) { text.TertialImport(w, w, o) },
		WheelList:     text.YearList, AnnualReport: text.ReportWritten,
	}
}
