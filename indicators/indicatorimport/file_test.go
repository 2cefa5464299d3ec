package indicatorimport_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorfile"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
)

// TestImport_FileSteps: Import runs against the catalogue in force,
// saves the mapping, records the file, and finds a second import
// unchanged; on the sample and on a small file built here.
func TestImport_FileSteps(t *testing.T) {
	ctx := context.Background()
	sampleDir := filepath.Join("..", "..", "templates", "sample")
	for _, c := range []struct {
		name, areas, file, indicator string
	}{
		{"sample", filepath.Join(sampleDir, "omrader.csv"), filepath.Join(sampleDir, "indikatorer", "barn-lavinntekt.csv"), "barn-lavinntekt"},
		{"small", writeFile(t, "omrader.csv", "kode;navn;nivå;overordnet\n0;Hele landet;land;\n1234;Småby;kommune;0\n"),
			writeFile(t, "trangbodd.csv", "Kommune;År;Andel\n1234 Småby;2022;12,5\n1234 Småby;2023;11,0\n"), "trangboddhet"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := openDB(t)
			importAreas(t, db, c.areas)
			saved := filepath.Join(t.TempDir(), "mapping.yaml")
			opts := indicatorimport.FileOptions{Files: imports.Files{SaveMapping: saved}}
			opts.Indicator = c.indicator
			rep, err := indicatorimport.Import(ctx, db, c.file, opts)
			if err != nil || rep.Status != indicatorimport.Imported {
				t.Fatalf("import: %v %+v", err, rep)
			}
			if got := values(t, db, c.indicator); len(got) != rep.Result.Count() || len(got) == 0 {
				t.Errorf("stored %d values, the report says %d", len(got), rep.Result.Count())
			}
			if m, err := indicatorfile.LoadMapping(ctx, saved); err != nil || m.Indicator != c.indicator {
				t.Errorf("saved mapping %+v: %v", m, err)
			}
			if ins, err := db.Inputs(ctx); err != nil || len(ins) != 1 || ins[0].SHA256 != rep.Result.SHA256 {
				t.Errorf("inputs %+v: %v", ins, err)
			}
			again, err := indicatorimport.Import(ctx, db, c.file, indicatorimport.FileOptions{Options: opts.Options})
			if err != nil || again.Status != indicatorimport.Unchanged {
				t.Errorf("re-import: %v %+v", err, again)
			}
			opts.SaveMapping, opts.Force = c.file, true
			if _, err := indicatorimport.Import(ctx, db, c.file, opts); budget.ErrorCode(err) != budget.EINVALID {
				t.Errorf("saving the mapping over the input: %v, want refused", err)
			}
		})
	}
}
