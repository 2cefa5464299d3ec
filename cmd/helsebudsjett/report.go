package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
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
	if *asJSON {
		cat, err := catalogue(ctx, db)
		if err != nil {
			return err
		}
		if opt.Wheel, _, err = runner.InForce(ctx, db); err != nil {
			return err
		}
		r, err := annual.Load(ctx, db, cat, opt)
		if err != nil {
			return err
		}
		writeJSON(e.stdout, r)
		if *out == "" {
			return nil
		}
	}
	write := writeAnnualReport
	if *format == "html" {
		write = writeAnnualHTML
	}
	r, n, err := write(ctx, db, opt, *out, *force)
	if err != nil {
		return err
	}
	if !*asJSON {
		printReportWritten(e.stdout, *out, r, n)
	}
	return nil
}

// writeAnnualReport loads, renders and writes the report atomically to
// path, returning the content and the file's size. It refuses to write over
// an input, or over an existing file unless overwrite (outguard.Check).
func writeAnnualReport(ctx context.Context, db *sqlite.DB, opt annual.Options, path string, overwrite bool) (*annual.Report, int, error) {
	return documents.WriteAnnualReport(ctx, db, docWorkspaceFunc(db), opt, path, overwrite)
}

// writeAnnualHTML loads the report and writes it as a web page into the
// new folder dir (index.html and its stylesheet), returning the content
// and the page's size. With overwrite it may replace a folder that holds
// only such a page; it never writes over an input or the workspace.
func writeAnnualHTML(ctx context.Context, db *sqlite.DB, opt annual.Options, dir string, overwrite bool) (*annual.Report, int, error) {
	// An existing folder is replaced only with --force, and only when it
	// holds nothing but an earlier page (atomicfile.ReplaceDir): so never
	// the workspace nor a folder of inputs.
	if _, err := os.Lstat(dir); err == nil && !overwrite {
		return nil, 0, budget.Errorf(budget.EINVALID, "%s exists; name a new folder for the web page (or --force to replace an earlier one)", dir)
	} else if err != nil {
		if err := outguard.Check(ctx, db, dir, false); err != nil {
			return nil, 0, err
		}
	}
	ws, err := docWorkspace(ctx, db)
	if err != nil {
		return nil, 0, err
	}
	r, files, err := documents.AnnualReportHTML(ctx, ws, opt)
	if err != nil {
		return nil, 0, err
	}
	if err := atomicfile.ReplaceDir(dir, files); err != nil {
		return nil, 0, budget.Errorf(budget.EINVALID, "write %s: %v", dir, err)
	}
	return r, len(files["index.html"]), nil
}

func printReportWritten(w io.Writer, path string, r *annual.Report, size int) {
	edition := "internal, marked on every page"
	if r.Public {
		edition = "public, small numbers suppressed"
	}
	fmt.Fprintf(w, "Wrote %s: %s (%s), %d indicators, %d measures, %d KiB.\n",
		path, r.Title, edition, len(r.Indicators), len(r.Measures.Rows), (size+1023)/1024)
}
