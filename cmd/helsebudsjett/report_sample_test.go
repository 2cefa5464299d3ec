package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
	"github.com/helsebudsjett/helsebudsjett/reports/annual/annualtest"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
)

// TestReport_SampleText reads the sample municipality's annual report, in
// bokmål and nynorsk, internal and public, as a reader gets it (the
// PDF's text) and checks every summary sentence against its table, the
// units, the sums as printed, the wording and the page breaks.
func TestReport_SampleText(t *testing.T) {
	_, dbFile := demoWorkspace(t)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dbFile)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, ed := range []struct {
		name   string
		lang   indicators.Lang
		public bool
	}{
		{"nb internal", indicators.Bokmal, false},
		{"nb public", indicators.Bokmal, true},
		{"nn internal", indicators.Nynorsk, false},
		{"nn public", indicators.Nynorsk, true},
		{"nb public T2", indicators.Bokmal, true},
	} {
		t.Run(ed.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "r.pdf")
			opt := annual.Options{Year: demoAnnualYear, Lang: ed.lang, Public: ed.public}
			if strings.HasSuffix(ed.name, "T2") {
				opt.Term = budget.T2
			}
			res, err := documents.Report(ctx, db, documents.ReportOptions{Options: opt, Path: p, Overwrite: true})
			if err != nil {
				t.Fatal(err)
			}
			r := res.Report
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			annualtest.Check(t, r, annualtest.Read(t, data))
		})
	}
}
