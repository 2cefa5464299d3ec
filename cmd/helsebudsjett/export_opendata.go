package main

import (
	"context"
	"fmt"

	"github.com/helsebudsjett/helsebudsjett/reports/documents"
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
	res, err := documents.ExportOpenData(ctx, ws, documents.OpenDataOptions{Year: *year, Dir: *out})
	if err != nil {
		return err
	}
	p := res.Package
	fmt.Fprintf(e.stdout, "Wrote %s: open data (NLOD 2.0) for %s, %d budget line(s), %d linked amount(s), %d measure row(s), %d indicator value(s) (%d suppressed under the small-number rule).\n",
		*out, res.Key, len(p.Lines), len(p.Linked), len(p.Measures), len(p.Indicators), res.Suppressed)
	return ws.Close()
}
