package indicatorimport_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/areafile"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

// fixtures is where the shared fixture files are, relative to this
// package; tests that need them skip when the folder is absent.
const fixtures = "../../../shared/fixtures"

func fixture(t testing.TB, parts ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{fixtures}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("fixture %s not available: %v", p, err)
	}
	return p
}

func catalogue(t testing.TB) *indicators.Catalogue {
	t.Helper()
	c, err := indicators.LoadCatalogue(templates.Indicators)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// openDB returns a new workspace in a temporary folder.
func openDB(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// importAreas reads an area file and stores it.
func importAreas(t testing.TB, db *sqlite.DB, path string) {
	t.Helper()
	ctx := context.Background()
	res, err := areafile.Read(ctx, path, areafile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("area file %s: %+v", path, res.Errors)
	}
	if _, err := indicatorimport.ImportAreas(ctx, db, res); err != nil {
		t.Fatal(err)
	}
}

func options(t testing.TB, indicator string) indicatorimport.Options {
	t.Helper()
	var o indicatorimport.Options
	o.Indicator = indicator
	o.UseCatalogue(catalogue(t))
	return o
}

// run imports and fails the test unless the import was stored.
func run(t testing.TB, db *sqlite.DB, path string, opts indicatorimport.Options) *indicatorimport.Report {
	t.Helper()
	rep, err := indicatorimport.Run(context.Background(), db, path, opts)
	if err != nil {
		t.Fatalf("import %s: %v", path, err)
	}
	if rep.Status != indicatorimport.Imported {
		t.Fatalf("import %s: %s, errors %+v", path, rep.Status, rep.Result.Errors)
	}
	return rep
}
