package main

import (
	"context"
	"fmt"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/helsebudsjett/helsebudsjett/indicators/refgeo"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/reports/text"
)

func cmdAreas(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 {
		return usagef("areas what? use: list or set-home")
	}
	switch args[0] {
	case "list":
		return cmdAreasList(ctx, args[1:], e)
	case "set-home":
		return cmdAreasSetHome(ctx, args[1:], e)
	}
	return usagef("unknown areas command %q: use list or set-home", args[0])
}

func cmdAreasList(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("areas list", e)
	level := fs.String("level", "", "only this level: land, fylke, kommune, bydel, delbydel or sone")
	all := fs.Bool("all", false, "also the built-in reference geography's areas not stored in the workspace (every fylke, kommune and the four cities' bydeler)")
	asJSON := fs.Bool("json", false, "print a JSON array on stdout")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("areas list takes no arguments")
	}
	var want indicators.Level
	if *level != "" {
		l, ok := indicators.ParseLevel(*level)
		if !ok {
			return usagef("--level %q: use land, fylke, kommune, bydel, delbydel or sone", *level)
		}
		want = l
	}
	o := model.AreaListOptions{Level: want}
	if *all {
		ref, err := refgeo.Load()
		if err != nil {
			return err
		}
		o.Reference = ref.Geos
	}
	db, err := sqlite.Open(ctx, dbPath(*dbFlag, e))
	if err != nil {
		return err
	}
	defer db.Close()
	out, home, err := model.AreaList(ctx, db, o)
	if err != nil {
		return err
	}
	if *asJSON {
		writeJSON(e.stdout, out)
		return nil
	}
	text.Areas(e.stdout, out, home)
	return nil
}

func cmdAreasSetHome(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("areas set-home", e)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("areas set-home takes one area: its code or name, e.g. 4001")
	}
	db, err := sqlite.Open(ctx, dbPath(*dbFlag, e))
	if err != nil {
		return err
	}
	defer db.Close()
	g, err := indicatorimport.SetHome(ctx, db, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Home area: %s %s (%s). Other kommuner in indicator files are kept for comparison, as the county and the country are.\n", g.Code, g.Name, g.Level)
	return nil
}
