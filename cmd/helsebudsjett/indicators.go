package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/helsebudsjett/helsebudsjett/reports/text"
)

// catalogue returns the catalogue in force (indicatorimport.Catalogue).
func catalogue(ctx context.Context, db *sqlite.DB) (*indicators.Catalogue, error) {
	return indicatorimport.Catalogue(ctx, db)
}

func cmdIndicators(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 {
		return usagef("indicators what? use: list or show ID")
	}
	switch args[0] {
	case "list":
		return cmdIndicatorsList(ctx, args[1:], e)
	case "show":
		return cmdIndicatorsShow(ctx, args[1:], e)
	case "trajectory":
		return cmdIndicatorsTrajectory(ctx, args[1:], e)
	}
	return usagef("unknown indicators command %q: use list, show ID or trajectory ID", args[0])
}

// langFlag parses --lang.
func langFlag(s string) (indicators.Lang, error) {
	l, err := indicators.ParseLang(s)
	if err != nil {
		return "", usagef("--lang: %v", err)
	}
	return l, nil
}

type listOut struct {
	Lang       indicators.Lang          `json:"lang"`
	Indicators []indicatorimport.Listed `json:"indicators"`
}

func cmdIndicatorsList(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("indicators list", e)
	asJSON := fs.Bool("json", false, "print JSON")
	langS := fs.String("lang", "nb", "nb (bokmål) or nn (nynorsk)")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("indicators list takes no arguments")
	}
	lang, err := langFlag(*langS)
	if err != nil {
		return err
	}
	db, err := openReading(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	listed, err := indicatorimport.List(ctx, db)
	if err != nil {
		return err
	}
	out := listOut{Lang: lang, Indicators: listed}
	if *asJSON {
		writeJSON(e.stdout, out)
		return nil
	}
	return text.IndicatorList(e.stdout, out.Indicators, lang)
}

// catalogueFlags parses the flags import catalogue and import targets
// share and returns the file; kinds names the file types for the usage
// error.
func catalogueFlags(name, kinds string, args []string, e *env) (path, dbFlag, sheet string, dryRun, asJSON bool, err error) {
	fs, db := newFlags(name, e)
	sh := fs.String("sheet", "", "xlsx sheet to read (default: the first with data)")
	dry := fs.Bool("dry-run", false, "read and check the file, store nothing")
	js := fs.Bool("json", false, "print one JSON object on stdout")
	pos, err := parse(fs, args)
	if err != nil {
		return "", "", "", false, false, err
	}
	if len(pos) != 1 {
		return "", "", "", false, false, usagef("%s takes one FILE (%s), got %d", name, kinds, len(pos))
	}
	return pos[0], *db, *sh, *dry, *js, nil
}

func cmdImportCatalogue(ctx context.Context, args []string, e *env) error {
	path, dbFlag, sheet, dryRun, asJSON, err := catalogueFlags("import catalogue", "yaml or xlsx", args, e)
	if err != nil {
		return err
	}
	res, err := importCatalogue(ctx, path, dbFlag, sheet, dryRun, e)
	return finishImport(err, asJSON, res, e, func() {
		verb := "stored"
		if dryRun {
			verb = "checked (dry run, nothing stored)"
		}
		fmt.Fprintf(e.stdout, "%s: %d indicator(s) %s", res.File, len(res.Added)+len(res.Overridden), verb)
		if len(res.Added) > 0 {
			fmt.Fprintf(e.stdout, "; new: %s", strings.Join(res.Added, ", "))
		}
		if len(res.Overridden) > 0 {
			fmt.Fprintf(e.stdout, "; overriding the built-in: %s", strings.Join(res.Overridden, ", "))
		}
		fmt.Fprintln(e.stdout, ".")
	})
}

func importCatalogue(ctx context.Context, path, dbFlag, sheet string, dryRun bool, e *env) (indicatorimport.CatalogueOutcome, error) {
	var db *sqlite.DB
	res, err := indicatorimport.CatalogueFile(ctx, func(ctx context.Context) (s indicatorimport.CatalogueStore, err error) {
		db, err = openWorkspace(ctx, dbFlag, e)
		return db, err
	}, path, sheet, dryRun)
	return res, recordImported(ctx, db, path, res.Status, err)
}

// recordImported closes db, opened by an import of path, after recording
// path as an input when the import stored it; it passes err on.
func recordImported(ctx context.Context, db *sqlite.DB, path string, status imports.Status, err error) error {
	if db == nil {
		return err
	}
	defer db.Close()
	if err == nil && status == imports.Imported {
		err = outguard.Record(ctx, db, path)
	}
	return err
}

// finishImport prints the result of import catalogue or targets: the JSON
// object (also on rejection) or the text, and passes err on for the exit
// code.
func finishImport(err error, asJSON bool, res indicatorimport.CatalogueOutcome, e *env, text func()) error {
	if err != nil {
		if asJSON {
			res.Refuse(err)
			writeJSON(e.stdout, res)
		}
		return err
	}
	if asJSON {
		writeJSON(e.stdout, res)
	} else {
		text()
	}
	return nil
}

func cmdImportTargets(ctx context.Context, args []string, e *env) error {
	path, dbFlag, sheet, dryRun, asJSON, err := catalogueFlags("import targets", "csv, xlsx or yaml", args, e)
	if err != nil {
		return err
	}
	res, err := importTargets(ctx, path, dbFlag, sheet, dryRun, e)
	return finishImport(err, asJSON, res, e, func() {
		if dryRun {
			fmt.Fprintf(e.stdout, "%s: %d target(s) checked (dry run, nothing stored).\n", res.File, res.Targets)
			return
		}
		fmt.Fprintf(e.stdout, "%s: %d target(s) stored; see them with 'helsebudsjett indicators show ID'.\n", res.File, res.Targets)
	})
}

// importTargets reads, checks and stores a targets file
// (indicatorimport.TargetsFile).
func importTargets(ctx context.Context, path, dbFlag, sheet string, dryRun bool, e *env) (indicatorimport.CatalogueOutcome, error) {
	var db *sqlite.DB
	res, err := indicatorimport.TargetsFile(ctx, func(ctx context.Context) (s indicatorimport.TargetStore, err error) {
		db, err = openWorkspace(ctx, dbFlag, e)
		return db, err
	}, path, sheet, dryRun)
	return res, recordImported(ctx, db, path, res.Status, err)
}
