package main

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/reports/text"
)

func cmdCompare(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("budget compare", e)
	year := fs.Int("year", 0, "budget year")
	from := fs.String("from", "forslag", "the earlier version: forslag, vedtatt, revidert or regnskap")
	to := fs.String("to", "vedtatt", "the later version")
	by := fs.String("by", budget.ByArtGroup, "art-group (KOSTRA's art groups), side (utgift/inntekt), part, funksjon, ansvar, art, prosjekt, tjeneste, konto or an attribute")
	asJSON := fs.Bool("json", false, "print JSON")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("budget compare takes no arguments")
	}
	if *year == 0 {
		return usagef("give --year")
	}
	fv, err := budget.ParseVersion(*from)
	if err != nil {
		return usagef("--from: %v", err)
	}
	tv, err := budget.ParseVersion(*to)
	if err != nil {
		return usagef("--to: %v", err)
	}
	db, err := openWorkspace(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := model.Reads{DB: db}.Compare(ctx, *year, fv, tv, *by)
	if err != nil {
		return err
	}
	if *asJSON {
		writeJSON(e.stdout, c)
		return nil
	}
	text.Comparison(e.stdout, c)
	return nil
}
