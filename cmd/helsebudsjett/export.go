package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// cmdExport: helsebudsjett export budget --year Y [--version V] [-o FILE.xlsx] [--lang nb|nn] [--gross-base ARTS].
func cmdExport(ctx context.Context, args []string, e *env) error {
	if len(args) > 0 && args[0] == "open-data" {
		return cmdExportOpenData(ctx, args[1:], e)
	}
	if len(args) == 0 || args[0] != "budget" {
		return usagef("export what? use: helsebudsjett export budget --year Y [--version V] [-o FILE.xlsx], or export open-data --year Y -o DIR")
	}
	fs, kf := newKeyFlags("export budget", e)
	out := fs.String("o", "", "the workbook to write (default helsebudsjett-YEAR.xlsx)")
	langS := fs.String("lang", "nb", "nb (bokmål) or nn (nynorsk) labels")
	force := fs.Bool("force", false, "overwrite the workbook if it exists")
	grossS := fs.String("gross-base", "", "the arts of gross operating expenditure, the base of the share of the budget, for a municipality that does not follow KOSTRA (default \""+budget.KOSTRAGross().String()+"\")")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("export budget takes no arguments; name the workbook with -o FILE.xlsx")
	}
	if *kf.year == 0 {
		return usagef("export budget needs --year Y, the budget year")
	}
	lang, err := langFlag(*langS)
	if err != nil {
		return err
	}
	var mo model.Options
	if *grossS != "" {
		if mo.Gross, err = budget.ParseGrossBase(*grossS); err != nil {
			return usagef("--gross-base: %v", err)
		}
	}
	path := *out
	if path == "" {
		path = filepath.Join(e.workdir, documents.WorkbookFileName(*kf.year))
	}
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return usagef("-o %s: the workbook's name must end in .xlsx", path)
	}
	db, key, err := kf.open(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := documents.ExportWorkbook(ctx, db, documents.WorkbookOptions{Key: key, Path: path, Lang: lang, Model: mo, Overwrite: *force})
	if err != nil {
		return err
	}
	b := res.Budget
	fmt.Fprintf(e.stdout, "Wrote %s: the helsebudsjett for %s, %d measure(s), %s kr linked to measures in %d.\n",
		path, key, len(b.Measures), formatKroner(b.Years[0].Linked), key.Year)
	return db.Close()
}
