package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/helsebudsjett/helsebudsjett/indicators/refgeo"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
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
	printAreaRows(e, out, home)
	return nil
}

func printAreaRows(e *env, rows []model.AreaRow, home indicators.Geo) {
	if home.Code != "" {
		fmt.Fprintf(e.stdout, "Home area: %s %s (%s). Other kommuner are kept for comparison.\n\n", home.Code, home.Name, home.Level)
	} else {
		fmt.Fprintln(e.stdout, "No home area chosen: choose the municipality's own with 'helsebudsjett areas set-home CODE'.")
		fmt.Fprintln(e.stdout)
	}
	if len(rows) == 0 {
		fmt.Fprintln(e.stdout, "No areas. Indicator files of kommuner, fylker, the country and the bydeler of Oslo, Bergen, Stavanger and Trondheim")
		fmt.Fprintln(e.stdout, "import without any (the built-in geography; see --all); import your own sub-areas with 'helsebudsjett import areas FILE'.")
		return
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tNAME\tLEVEL\tPARENT\tROLE\tORIGIN\tPOPULATION")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Code, r.Name, r.Level, r.Parent, r.Role, r.Origin, latestPopulation(r.Population))
	}
	tw.Flush()
}

// latestPopulation is "62 985 (2025)" for the latest year, "" when none.
func latestPopulation(p map[int]int) string {
	y := 0
	for k := range p {
		y = max(y, k)
	}
	if y == 0 {
		return ""
	}
	return groupDigits(p[y]) + " (" + strconv.Itoa(y) + ")"
}

func groupDigits(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
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
