package main

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators/areafile"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorfile"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/helsebudsjett/helsebudsjett/reports/text"
)

// cmdImportAreas is "import areas FILE": the areas (kommune, bydeler,
// zones, reference geographies) with their populations.
func cmdImportAreas(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("import areas", e)
	sheet := fs.String("sheet", "", "xlsx sheet to read (default: the first with data)")
	dryRun := fs.Bool("dry-run", false, "read and check the file, store nothing")
	asJSON := fs.Bool("json", false, "print one JSON object on stdout")
	maxSize := fs.Int64("max-size", defaultMaxSize, "refuse files larger than this many bytes")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("import areas takes one FILE, got %d", len(pos))
	}
	res, err := areafile.Read(ctx, pos[0], areafile.Options{Sheet: *sheet, MaxSize: *maxSize})
	if err != nil {
		if *asJSON {
			writeJSON(e.stdout, indicatorimport.FailedAreas(pos[0], err))
		}
		return err
	}
	var db *sqlite.DB
	defer func() {
		if db != nil {
			db.Close()
		}
	}()
	out, err := indicatorimport.StoreAreaFile(ctx, func(ctx context.Context) (indicatorimport.AreaImportStore, error) {
		db, err = openWorkspace(ctx, *dbFlag, e)
		return db, err
	}, res, *dryRun)
	if err != nil {
		if *asJSON && out.Status == imports.Rejected {
			writeJSON(e.stdout, out)
		}
		return err
	}
	if out.Status == imports.Imported {
		if err := outguard.Record(ctx, db, pos[0]); err != nil {
			return err
		}
	}
	if *asJSON {
		writeJSON(e.stdout, out)
	} else {
		text.AreasImport(e.stdout, out, res)
	}
	if out.Status == imports.Rejected {
		if !*asJSON {
			text.RowErrors(e.stderr, res.File, res.Errors, len(res.Errors))
		}
		return &rejectedError{}
	}
	return nil
}

// rowFilters is the repeatable --where COLUMN=VALUE.
type rowFilters []indicatorfile.Where

func (w *rowFilters) String() string { return "" }

func (w *rowFilters) Set(s string) error {
	f, err := indicatorimport.ParseFilter(s)
	if err != nil {
		return err
	}
	*w = append(*w, f)
	return nil
}

// areaAliases is the repeatable --area-alias TEXT=AREA.
type areaAliases map[string]string

func (a areaAliases) String() string { return "" }

func (a areaAliases) Set(s string) error {
	return indicatorimport.ParseAlias(a, s)
}

// cmdImportIndicators is "import indicators FILE".
func cmdImportIndicators(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("import indicators", e)
	indicator := fs.String("indicator", "", "the id of the indicator the file holds (see 'indicators list')")
	scale := fs.String("scale", "", "what the file's shares are: fraction (0-1) or percent (0-100, the default)")
	var wheres rowFilters
	fs.Var(&wheres, "where", "COLUMN=VALUE: import only the rows whose COLUMN holds VALUE (repeatable)")
	var excludes rowFilters
	fs.Var(&excludes, "exclude", "COLUMN=VALUE: drop the rows whose COLUMN holds VALUE (repeatable)")
	aliases := areaAliases{}
	fs.Var(aliases, "area-alias", "TEXT=AREA: take the geography TEXT as the area AREA (code or name), e.g. \"I alt=0\" for Hele landet (repeatable)")
	sheet := fs.String("sheet", "", "xlsx sheet to read (default: the first with data)")
	periodFormat := fs.String("period-format", "", "how a period like 2011-12 reads: month (December 2011) or school-year (2011-2012); default: a school year unless the file's other periods are months")
	mappingPath := fs.String("mapping", "", "YAML file that states the columns, indicator and scale (default: detect)")
	saveMapping := fs.String("save-mapping", "", "write the mapping that was used to this YAML file")
	dryRun := fs.Bool("dry-run", false, "read and check the file, store nothing")
	asJSON := fs.Bool("json", false, "print one JSON object on stdout")
	maxSize := fs.Int64("max-size", defaultMaxSize, "refuse files larger than this many bytes")
	force := fs.Bool("force", false, "let --save-mapping overwrite an existing file")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("import indicators takes one FILE, got %d", len(pos))
	}
	sc, err := indicatorimport.ParseScale(*scale)
	if err != nil {
		return usagef("--scale %v", err)
	}
	pf, err := indicatorimport.ParsePeriodFormat(*periodFormat)
	if err != nil {
		return usagef("--period-format %v", err)
	}
	opts := indicatorimport.FileOptions{Options: indicatorimport.Options{DryRun: *dryRun}, Files: imports.Files{MappingFile: *mappingPath, SaveMapping: *saveMapping, Force: *force}}
	opts.Indicator, opts.Scale, opts.Where, opts.Sheet, opts.MaxSize = *indicator, sc, wheres, *sheet, *maxSize
	opts.PeriodFormat = pf
	opts.Exclude, opts.AreaAliases = excludes, aliases
	if *mappingPath != "" {
		if opts.Mapping, err = indicatorfile.LoadMapping(ctx, *mappingPath); err != nil {
			return err
		}
	}
	db, err := openWorkspace(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := opts.CheckSave(ctx, db, pos[0]); err != nil {
		return err
	}
	rep, err := indicatorimport.Import(ctx, db, pos[0], opts)
	if err != nil {
		if *asJSON && rep == nil {
			writeJSON(e.stdout, indicatorimport.FailedFile(pos[0], err))
		}
		return err
	}
	if *asJSON {
		writeJSON(e.stdout, rep.FileResult())
	} else {
		text.IndicatorImport(e.stdout, rep)
	}
	if rep.Status == indicatorimport.Rejected {
		if !*asJSON {
			text.RowErrors(e.stderr, rep.Result.File, rep.Result.Errors, rep.Result.ErrorCount)
		}
		return &rejectedError{}
	}
	return nil
}
