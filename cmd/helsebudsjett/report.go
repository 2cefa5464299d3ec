package main

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
	"github.com/helsebudsjett/helsebudsjett/reports/text"
)

// cmdReport writes the annual report on the health-equity budget
// (årsrapport for helsebudsjettet) as PDF.
//
//	helsebudsjett report --year Y [--public] [--lang nb|nn] [--gross-base ARTS] -o FILE.pdf
//	helsebudsjett report --year Y --format html [--public] [--lang nb|nn] -o DIR
//
// Exit codes: 0 written; 1 failure; 2 usage (no --year or -o); 3 the year
// has neither budget nor reports, or a value is out of range.
func cmdReport(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("report", e)
	year := fs.Int("year", 0, "the year reported on (required)")
	public := fs.Bool("public", false, "the public edition: small numbers suppressed (prikket); else internal, marked on every page")
	langS := fs.String("lang", "nb", "nb (bokmål) or nn (nynorsk)")
	out := fs.String("o", "", "the PDF file to write, or with --format html the new folder (required unless --json)")
	format := fs.String("format", "pdf", "pdf, or html: a self-contained web page (index.html and its stylesheet) in the folder -o")
	by := fs.String("by", annual.DefaultBy, "the socio-economic indicator areas are ranked by for SII, RII and the bar charts")
	term := fs.String("term", "year", "year (the annual report), or T1 or T2 for a status report per that tertial")
	asJSON := fs.Bool("json", false, "print the report's content (every figure and text) as JSON")
	grossS := fs.String("gross-base", "", "the arts of gross operating expenditure, the base of the share of the budget, for a municipality that does not follow KOSTRA (default \""+budget.KOSTRAGross().String()+"\")")
	force := fs.Bool("force", false, "overwrite the -o file if it exists")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("report takes no arguments; write the file with -o FILE.pdf")
	}
	if *year == 0 {
		return usagef("report needs --year, such as: helsebudsjett report --year 2026 -o arsrapport-2026.pdf")
	}
	if *out == "" && !*asJSON {
		return usagef("report needs -o FILE.pdf (or -o DIR with --format html)")
	}
	if *format != "pdf" && *format != "html" {
		return usagef("--format %q: give pdf or html", *format)
	}
	lang, err := langFlag(*langS)
	if err != nil {
		return err
	}
	t, err := budget.ParseTerm(*term)
	if err != nil {
		return usagef("--term: %v", err)
	}
	db, err := openWorkspace(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	opt := annual.Options{Year: *year, Public: *public, Lang: lang, By: *by, Term: t}
	if *grossS != "" {
		if opt.Gross, err = budget.ParseGrossBase(*grossS); err != nil {
			return usagef("--gross-base: %v", err)
		}
	}
	o := documents.ReportOptions{Options: opt, Format: documents.ReportFormat(*format), Path: *out, Overwrite: *force}
	if *asJSON {
		// The content is printed before the file is checked and written,
		// so a refused -o still shows it.
		res, err := documents.Report(ctx, db, documents.ReportOptions{Options: opt})
		if err != nil {
			return err
		}
		writeJSON(e.stdout, res.Report)
		if *out == "" {
			return nil
		}
	}
	res, err := documents.Report(ctx, db, o)
	if err != nil {
		return err
	}
	if !*asJSON {
		text.ReportWritten(e.stdout, *out, res.Report, res.Size)
	}
	return nil
}
