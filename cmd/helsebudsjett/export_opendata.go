package main

import (
	"context"
	"fmt"

	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/reports/opendata"
)

// cmdExportOpenData: helsebudsjett export open-data --year Y -o DIR.
func cmdExportOpenData(ctx context.Context, args []string, e *env) error {
	fs, db := newFlags("export open-data", e)
	year := fs.Int("year", 0, "the budget year; its vedtatt budget is published")
	out := fs.String("o", "", "the new folder to write the package to")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("export open-data takes no arguments; name the folder with -o DIR")
	}
	if *year == 0 || *out == "" {
		return usagef("export open-data needs --year Y and -o DIR")
	}
	ws, err := openReading(ctx, *db, e)
	if err != nil {
		return err
	}
	defer ws.Close()
	key, err := opendata.Key(ctx, ws, *year)
	if err != nil {
		return err
	}
	if err := opendata.CheckNew(*out); err != nil {
		return err
	}
	if err := outguard.Check(ctx, ws, *out, false); err != nil {
		return err
	}
	cat, err := catalogue(ctx, ws)
	if err != nil {
		return err
	}
	b, err := model.Load(ctx, ws, cat, key)
	if err != nil {
		return err
	}
	p, err := opendata.Load(ctx, ws, b)
	if err != nil {
		return err
	}
	if p.Indicators, err = opendata.LoadIndicators(ctx, ws, cat, indicators.Bokmal); err != nil {
		return err
	}
	suppressed := 0
	for _, v := range p.Indicators {
		if v.Marker == indicators.SuppressedMarker {
			suppressed++
		}
	}
	if err := opendata.Write(*out, p); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Wrote %s: open data (NLOD 2.0) for %s, %d budget line(s), %d linked amount(s), %d measure row(s), %d indicator value(s) (%d suppressed under the small-number rule).\n",
		*out, key, len(p.Lines), len(p.Linked), len(p.Measures), len(p.Indicators), suppressed)
	return ws.Close()
}
