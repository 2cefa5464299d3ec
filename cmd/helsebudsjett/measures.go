package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/measurefile"
	"github.com/helsebudsjett/helsebudsjett/budget/measureimport"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/reports/text"
)

// fileImportFlags parses the flags the units, measures and ratings imports
// share and returns the file.
func fileImportFlags(name string, args []string, e *env) (path string, dbFlag string, opts measurefile.Options, dryRun, asJSON bool, err error) {
	fs, db := newFlags(name, e)
	sheet := fs.String("sheet", "", "xlsx sheet to read (default: the first with data)")
	dry := fs.Bool("dry-run", false, "read and check the file, store nothing")
	js := fs.Bool("json", false, "print one JSON object on stdout")
	maxSize := fs.Int64("max-size", defaultMaxSize, "refuse files larger than this many bytes")
	replaceAll := new(bool)
	if name == "import measures" {
		replaceAll = fs.Bool("replace-all", false, "accept a file with no measure: delete every measure")
	}
	pos, err := parse(fs, args)
	if err != nil {
		return "", "", opts, false, false, err
	}
	if len(pos) != 1 {
		return "", "", opts, false, false, usagef("%s takes one FILE, got %d", name, len(pos))
	}
	return pos[0], *db, measurefile.Options{Sheet: *sheet, MaxSize: *maxSize, ReplaceAll: *replaceAll}, *dry, *js, nil
}

// fileImporter is one of the measureimport workflows.
type fileImporter func(ctx context.Context, db measureimport.Store, path string, opts measureimport.Options) (*imports.Outcome, error)

// runFileImport is the body of import units, measures and ratings.
func runFileImport(ctx context.Context, name, what string, args []string, e *env, imp fileImporter) error {
	path, dbFlag, opts, dryRun, asJSON, err := fileImportFlags(name, args, e)
	if err != nil {
		return err
	}
	db, err := openWorkspace(ctx, dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	out, err := imp(ctx, db, path, measureimport.Options{Options: opts, DryRun: dryRun})
	if err != nil {
		if asJSON {
			writeJSON(e.stdout, imports.Failed(path, err))
		}
		return err
	}
	if asJSON {
		writeJSON(e.stdout, out)
	} else {
		text.FileImport(e.stdout, e.stderr, out, what)
	}
	if out.Status == imports.Rejected {
		return &rejectedError{}
	}
	if out.Status == imports.Imported {
		if err := outguard.Record(ctx, db, path); err != nil {
			return err
		}
	}
	return db.Close()
}

// cmdImportUnits: helsebudsjett import units FILE.
func cmdImportUnits(ctx context.Context, args []string, e *env) error {
	return runFileImport(ctx, "import units", "units", args, e, measureimport.Units)
}

// cmdImportMeasures: helsebudsjett import measures FILE.
func cmdImportMeasures(ctx context.Context, args []string, e *env) error {
	return runFileImport(ctx, "import measures", "measures", args, e, measureimport.Measures)
}

// cmdImportRatings: helsebudsjett import ratings FILE.
func cmdImportRatings(ctx context.Context, args []string, e *env) error {
	return runFileImport(ctx, "import ratings", "ratings", args, e, measureimport.Ratings)
}

// cmdTemplate: helsebudsjett template measures|ratings OUT.xlsx.
func cmdTemplate(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 {
		return usagef("template what? use: template measures OUT.xlsx [--from-workspace] or template ratings OUT.xlsx --year Y")
	}
	switch args[0] {
	case "measures":
		return cmdTemplateMeasures(ctx, args[1:], e)
	case "ratings":
		return cmdTemplateRatings(ctx, args[1:], e)
	case "report":
		return cmdTemplateReport(ctx, args[1:], e)
	}
	return usagef("unknown template %q: use measures or ratings", args[0])
}

func cmdTemplateMeasures(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("template measures", e)
	fromWS := fs.Bool("from-workspace", false, "fill the workbook with the workspace's measures, for a round trip")
	force := fs.Bool("force", false, "overwrite OUT.xlsx if it exists")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || !strings.HasSuffix(strings.ToLower(pos[0]), ".xlsx") {
		return usagef("template measures takes one OUT.xlsx")
	}
	db, err := openWorkspace(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := outguard.Check(ctx, db, pos[0], *force); err != nil {
		return err
	}
	cat, err := catalogue(ctx, db)
	if err != nil {
		return err
	}
	t, err := measureimport.MeasuresTemplate(ctx, db, cat, *fromWS)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(pos[0], func(w io.Writer) error { return measurefile.WriteMeasuresTemplate(w, t) }); err != nil {
		return fmt.Errorf("write %s: %w", pos[0], err)
	}
	fmt.Fprintf(e.stdout, "Wrote %s: %d measure(s), lists of %d units and %d indicators. Fill it in and import it with 'helsebudsjett import measures %s'.\n",
		pos[0], len(t.Measures), len(t.Units), len(t.Indicators), pos[0])
	return nil
}

func cmdTemplateRatings(ctx context.Context, args []string, e *env) error {
	fs, kf := newKeyFlags("template ratings", e)
	force := fs.Bool("force", false, "overwrite OUT.xlsx if it exists")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || !strings.HasSuffix(strings.ToLower(pos[0]), ".xlsx") {
		return usagef("template ratings takes one OUT.xlsx and --year Y")
	}
	db, key, err := kf.open(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := outguard.Check(ctx, db, pos[0], *force); err != nil {
		return err
	}
	t, err := measureimport.RatingsTemplate(ctx, db, key)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(pos[0], func(w io.Writer) error { return measurefile.WriteRatingsTemplate(w, t) }); err != nil {
		return fmt.Errorf("write %s: %w", pos[0], err)
	}
	fmt.Fprintf(e.stdout, "Wrote %s: %d row(s) for the funksjoner of the %s budget. Rate them and import it with 'helsebudsjett import ratings %s'.\n",
		pos[0], len(t.Rows), key, pos[0])
	return nil
}

// cmdMeasures: helsebudsjett measures list.
func cmdMeasures(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 {
		return usagef("measures what? use: measures list [--year Y] [--json]")
	}
	switch args[0] {
	case "list":
		return cmdMeasuresList(ctx, args[1:], e)
	}
	return usagef("unknown measures command %q: use list", args[0])
}

func cmdMeasuresList(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("measures list", e)
	year := fs.Int("year", 0, "first year of the økonomiplan (default: the four years ending with the last budget year)")
	asJSON := fs.Bool("json", false, "print one JSON object on stdout")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("measures list takes no arguments")
	}
	db, err := openReading(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	out, err := model.MeasureMoney(ctx, db, *year)
	if err != nil {
		return err
	}
	if *asJSON {
		writeJSON(e.stdout, out)
		return nil
	}
	text.Measures(e.stdout, out)
	return nil
}
