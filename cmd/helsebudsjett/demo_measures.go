package main

import (
	"context"
	"fmt"
	"io"

	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/measureimport"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// demoMeasures imports the sample municipality's units, measures and
// rating of its budget (templates/sample/enheter.csv, tiltak.csv,
// vurdering.csv) into db, which must hold the sample budget already, and
// prints what it imported. Any warning or rejection is an error: the
// sample is meant to import cleanly.
func demoMeasures(ctx context.Context, db *sqlite.DB, dir string, w io.Writer) error {
	steps := []struct {
		file, what string
		imp        fileImporter
	}{
		{sample.UnitsFile, "units", measureimport.Units},
		{sample.MeasuresFile, "measures", measureimport.Measures},
		{sample.RatingsFile, "ratings", measureimport.Ratings},
	}
	for _, s := range steps {
		p, err := extractSample(dir, s.file)
		if err != nil {
			return err
		}
		out, err := s.imp(ctx, db, p, measureimport.Options{})
		if err != nil {
			return fmt.Errorf("demo import of %s: %w", s.file, err)
		}
		printFileImport(w, w, out, s.what)
		if out.Status != imports.Imported || len(out.Warnings) > 0 {
			return fmt.Errorf("demo import of %s: %s with %d warning(s)", s.file, out.Status, len(out.Warnings))
		}
	}
	return nil
}
