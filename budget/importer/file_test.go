package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// TestImport_FileSteps checks what Import adds to Run: the mapping saved
// (also for a rejected file, not when unchanged), the files recorded as
// inputs, and no mapping saved over an input.
func TestImport_FileSteps(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := sample.WriteTemplates(dir); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		file string
		opts importer.Options
	}{
		{"sample", filepath.Join(dir, sample.PlanFile), importer.Options{}},
		{"small", writeFile(t, "budsjett.csv", []byte(goodCSV)), importer.Options{Options: budgetfile.Options{Year: 2027}, Part: budget.Drift}},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := openDB(t)
			saved := filepath.Join(t.TempDir(), "mapping.yaml")
			opts := importer.FileOptions{Options: c.opts, Files: imports.Files{SaveMapping: saved}}
			rep, err := importer.Import(ctx, db, c.file, opts)
			if err != nil || rep.Status != importer.Imported {
				t.Fatalf("import: %v %+v", err, rep)
			}
			m, err := budgetfile.LoadMapping(ctx, saved)
			if err != nil {
				t.Fatalf("saved mapping: %v", err)
			}
			want, _ := rep.Result.Mapping.YAML()
			got, _ := m.YAML()
			if string(got) != string(want) {
				t.Errorf("saved mapping\n%s\nwant\n%s", got, want)
			}
			ins, err := db.Inputs(ctx)
			if err != nil || len(ins) != 1 || ins[0].SHA256 != rep.Result.SHA256 {
				t.Errorf("inputs %+v, want the file: %v", ins, err)
			}
			// Unchanged: the saved mapping is left alone.
			if err := os.WriteFile(saved, []byte("kept\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			opts.Force = true
			rep, err = importer.Import(ctx, db, c.file, opts)
			if b, _ := os.ReadFile(saved); err != nil || rep.Status != importer.Unchanged || string(b) != "kept\n" {
				t.Errorf("re-import: %v %s, mapping %q", err, rep.Status, b)
			}
			// Never over the file imported, not even with Force.
			opts.SaveMapping = c.file
			if _, err := importer.Import(ctx, db, c.file, opts); budget.ErrorCode(err) != budget.EINVALID {
				t.Errorf("saving the mapping over the input: %v, want refused", err)
			}
		})
	}
	t.Run("rejected", func(t *testing.T) {
		db := openDB(t)
		saved := filepath.Join(t.TempDir(), "mapping.yaml")
		bad := writeFile(t, "feil.csv", []byte(strings.Replace(goodCSV, "500 000", "5x0", 1)))
		rep, err := importer.Import(ctx, db, bad, importer.FileOptions{Options: importer.Options{Options: budgetfile.Options{Year: 2027}, Part: budget.Drift}, Files: imports.Files{SaveMapping: saved}})
		if err != nil || rep.Status != importer.Rejected {
			t.Fatalf("got %v %+v, want rejected", err, rep)
		}
		if _, err := os.Stat(saved); err != nil {
			t.Errorf("the mapping of a rejected file was not saved: %v", err)
		}
		if ins, _ := db.Inputs(ctx); len(ins) != 0 {
			t.Errorf("a rejected file was recorded: %+v", ins)
		}
	})
}
