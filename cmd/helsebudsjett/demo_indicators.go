package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators/areafile"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// demoIndicators brings the sample municipality's areas, its indicator
// files and (when the templates have it) its targets into db, printing
// what it imported to w. Each indicator file is named by the indicator it
// holds (indikatorer/trangboddhet.csv). The embedded files are written to
// dir (the demo's sample/ folder) and imported from there, so the user can
// open them and import them again by hand.
func demoIndicators(ctx context.Context, db *sqlite.DB, dir string, w io.Writer) error {
	areas, err := extractSample(dir, sample.AreasFile)
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
		p, err := extractSample(filepath.Join(dir, sample.IndicatorDir), sample.IndicatorDir+"/"+name)
		if err != nil {
			return err
		}
		var opts indicatorimport.Options
		opts.Indicator = strings.TrimSuffix(name, ext)
		rep, err := indicatorimport.Import(ctx, db, p, indicatorimport.FileOptions{Options: opts})
		if err != nil {
			return fmt.Errorf("demo import of %s: %w", name, err)
		}
		if rep.Status != indicatorimport.Imported {
			printErrors(w, rep.Result.File, rep.Result.Errors, rep.Result.ErrorCount)
			return fmt.Errorf("demo import of %s: %s", name, rep.Status)
		}
		printIndicatorImport(w, rep)
	}
	return demoTargets(ctx, db, dir, w)
}

// demoTargets imports sample/targets.csv, when the templates have it,
// with the import targets command's own code.
func demoTargets(ctx context.Context, db *sqlite.DB, dir string, w io.Writer) error {
	if _, err := fs.Stat(sample.Files, "targets.csv"); err != nil {
		return nil
	}
	p, err := extractSample(dir, "targets.csv")
	if err != nil {
		return err
	}
	e := &env{stdout: w, stderr: w, getenv: func(string) string { return "" }, workdir: dir}
	res, err := importTargets(ctx, p, db.Path(), "", false, e)
	if err != nil {
		return fmt.Errorf("demo import of targets.csv: %w", err)
	}
	fmt.Fprintf(w, "%s: %d target(s) stored.\n", filepath.Base(res.File), res.Targets)
	return nil
}

// extractSample writes an embedded sample file into dir (made when
// missing) and returns its path.
func extractSample(dir, name string) (string, error) {
	data, err := fs.ReadFile(sample.Files, name)
	if err != nil {
		return "", fmt.Errorf("demo: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("demo: %w", err)
	}
	p := filepath.Join(dir, path.Base(name))
	if err := atomicfile.Write(p, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return "", fmt.Errorf("demo: %w", err)
	}
	return p, nil
}
