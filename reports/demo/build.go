package demo

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/measureimport"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/indicators/areafile"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// build makes the demo workspace at dbFile from the sample: its budget
// files (files, in order), what the council changed in the proposal, its
// areas, indicators and targets, units, measures and ratings, and the
// units' tertial reports. Any rejection or warning is an error: the
// sample is meant to import cleanly.
func build(ctx context.Context, open Opener, dbFile, dir string, files []string, w io.Writer, p Printer, res *Result) error {
	db, err := open(ctx, dbFile)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetClock(clock())
	for _, f := range files {
		var opts importer.FileOptions
		if filepath.Base(f) == sample.ProposalFile {
			opts.Version = budget.Forslag
		}
		// As import budget does: the file is recorded as an input once stored.
		rep, err := importer.Import(ctx, db, f, opts)
		if err != nil {
			return fmt.Errorf("demo import of %s: %w", filepath.Base(f), err)
		}
		if rep.Status != importer.Imported {
			p.budgetRejected(w, rep.Result)
			return fmt.Errorf("demo import of %s: %s", filepath.Base(f), rep.Status)
		}
		p.budgetImport(w, rep)
	}
	// What finance staff check first after the budget meeting.
	c, err := model.Reads{DB: db}.Compare(ctx, sample.BudgetYear, budget.Forslag, budget.Vedtatt, budget.ByArtGroup)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nWhat the council changed in the proposal (budget compare --year 2027 --from forslag --to vedtatt):")
	p.comparison(w, c)
	fmt.Fprintln(w)
	samples := filepath.Join(dir, SampleDir)
	if err := importIndicators(ctx, db, samples, w, p); err != nil {
		return err
	}
	if err := importMeasures(ctx, db, samples, w, p); err != nil {
		return err
	}
	if err := importTertialReports(ctx, db, dir, w, p, res); err != nil {
		return err
	}
	return db.Close()
}

// clock stamps the demo's imports from a fixed time, a second apart,
// instead of the wall clock: the documents date themselves from their data,
// so two demo runs then write the same documents byte for byte.
func clock() func() time.Time {
	t := time.Date(2026, 12, 16, 12, 0, 0, 0, wheel.Oslo())
	return func() time.Time {
		t = t.Add(time.Second)
		return t
	}
}

// importIndicators brings the sample's areas, its indicator files and its
// targets into db. Each indicator file is named by the indicator it holds
// (indikatorer/trangboddhet.csv). The files are written to dir (the demo's
// sample/ folder) and imported from there, so the user can open them and
// import them again by hand.
func importIndicators(ctx context.Context, db Store, dir string, w io.Writer, p Printer) error {
	areas, err := extract(dir, sample.AreasFile)
	if err != nil {
		return err
	}
	res, err := areafile.Read(ctx, areas, areafile.Options{})
	if err != nil {
		return fmt.Errorf("demo areas: %w", err)
	}
	if len(res.Errors) > 0 {
		return fmt.Errorf("demo areas: %s: row %d: %s", res.File, res.Errors[0].Row, res.Errors[0].Message)
	}
	if err := db.ImportAreas(ctx, res.File, res.Areas, res.Aliases); err != nil {
		return fmt.Errorf("demo areas: %w", err)
	}
	fmt.Fprintf(w, "%s: imported %d areas.\n", res.File, len(res.Areas))

	entries, err := fs.ReadDir(sample.Files, sample.IndicatorDir)
	if err != nil {
		return fmt.Errorf("demo indicators: %w", err)
	}
	for _, ent := range entries {
		name := ent.Name()
		ext := path.Ext(name)
		if ent.IsDir() || (ext != ".csv" && ext != ".xlsx") {
			continue
		}
		f, err := extract(filepath.Join(dir, sample.IndicatorDir), sample.IndicatorDir+"/"+name)
		if err != nil {
			return err
		}
		var opts indicatorimport.Options
		opts.Indicator = strings.TrimSuffix(name, ext)
		rep, err := indicatorimport.Import(ctx, db, f, indicatorimport.FileOptions{Options: opts})
		if err != nil {
			return fmt.Errorf("demo import of %s: %w", name, err)
		}
		if rep.Status != indicatorimport.Imported {
			p.indicatorRejected(w, rep.Result.File, rep.Result.Errors, rep.Result.ErrorCount)
			return fmt.Errorf("demo import of %s: %s", name, rep.Status)
		}
		p.indicatorImport(w, rep)
	}
	return importTargets(ctx, db, dir, w)
}

// targetsFile is the sample's targets for its indicators.
const targetsFile = "targets.csv"

// importTargets imports the sample's targets, as the import targets
// command does, when the sample has them.
func importTargets(ctx context.Context, db Store, dir string, w io.Writer) error {
	if _, err := fs.Stat(sample.Files, targetsFile); err != nil {
		return nil
	}
	f, err := extract(dir, targetsFile)
	if err != nil {
		return err
	}
	res, err := indicatorimport.TargetsFile(ctx, func(context.Context) (indicatorimport.TargetStore, error) { return db, nil }, f, "", false)
	if err == nil && res.Status == imports.Imported {
		err = outguard.Record(ctx, db, f)
	}
	if err != nil {
		return fmt.Errorf("demo import of %s: %w", targetsFile, err)
	}
	fmt.Fprintf(w, "%s: %d target(s) stored.\n", filepath.Base(res.File), res.Targets)
	return nil
}

// importMeasures imports the sample's units, measures and rating of its
// budget (enheter.csv, tiltak.csv, vurdering.csv) into db, which holds the
// sample budget already.
func importMeasures(ctx context.Context, db Store, dir string, w io.Writer, p Printer) error {
	steps := []struct {
		file, what string
		imp        func(path string) (*imports.Outcome, error)
	}{
		{sample.UnitsFile, "units", func(f string) (*imports.Outcome, error) {
			return measureimport.Units(ctx, db, f, measureimport.Options{})
		}},
		{sample.MeasuresFile, "measures", func(f string) (*imports.Outcome, error) {
			return measureimport.Measures(ctx, db, f, measureimport.Options{})
		}},
		{sample.RatingsFile, "ratings", func(f string) (*imports.Outcome, error) {
			return measureimport.Ratings(ctx, db, f, measureimport.Options{})
		}},
	}
	for _, s := range steps {
		f, err := extract(dir, s.file)
		if err != nil {
			return err
		}
		out, err := s.imp(f)
		if err != nil {
			return fmt.Errorf("demo import of %s: %w", s.file, err)
		}
		p.fileImport(w, out, s.what)
		if out.Status != imports.Imported || len(out.Warnings) > 0 {
			return fmt.Errorf("demo import of %s: %s with %d warning(s)", s.file, out.Status, len(out.Warnings))
		}
	}
	return nil
}
