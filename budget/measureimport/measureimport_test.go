package measureimport_test

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
	"github.com/helsebudsjett/helsebudsjett/budget/measureimport"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

func openDB(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func importBudget(t *testing.T, db *sqlite.DB, path string, opts importer.Options) {
	t.Helper()
	rep, err := importer.Run(context.Background(), db, path, opts)
	if err != nil || rep.Status != importer.Imported {
		t.Fatalf("budget import of %s: %v %+v", path, err, rep)
	}
}

func mustImport(t *testing.T, imp func(context.Context, measureimport.Store, string, measureimport.Options) (*imports.Outcome, error),
	db *sqlite.DB, path string, opts measureimport.Options) *imports.Outcome {
	t.Helper()
	out, err := imp(context.Background(), db, path, opts)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

// TestImport_Sample imports the sample municipality's units, measures and
// ratings over its budget and checks what was stored against the sample.
func TestImport_Sample(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := sample.WriteTemplates(dir); err != nil {
		t.Fatal(err)
	}
	if err := sample.WriteHelsebudsjett(dir); err != nil {
		t.Fatal(err)
	}
	db := openDB(t)
	importBudget(t, db, filepath.Join(dir, sample.PlanFile), importer.Options{})
	steps := []struct {
		file string
		imp  func(context.Context, measureimport.Store, string, measureimport.Options) (*imports.Outcome, error)
		want int
	}{
		{sample.UnitsFile, measureimport.Units, len(sample.Units())},
		{sample.MeasuresFile, measureimport.Measures, len(sample.Measures())},
		{sample.RatingsFile, measureimport.Ratings, len(sample.Ratings())},
	}
	for _, s := range steps {
		t.Run(s.file, func(t *testing.T) {
			p := filepath.Join(dir, s.file)
			dry := mustImport(t, s.imp, db, p, measureimport.Options{DryRun: true})
			if dry.Status != imports.DryRun || dry.Count != s.want {
				t.Errorf("dry run: %s with %d, want dry-run with %d", dry.Status, dry.Count, s.want)
			}
			out := mustImport(t, s.imp, db, p, measureimport.Options{})
			if out.Status != imports.Imported || out.Count != s.want || len(out.Warnings) > 0 || len(out.Errors) > 0 || out.File != s.file {
				t.Errorf("got %s of %s with %d, warnings %q, errors %v; want imported %d, clean", out.Status, out.File, out.Count, out.Warnings, out.Errors, s.want)
			}
		})
	}
	us, err := db.Units(ctx)
	if err != nil || len(us) != len(sample.Units()) {
		t.Errorf("stored %d units, want %d: %v", len(us), len(sample.Units()), err)
	}
	ms, err := db.Measures(ctx)
	if err != nil || len(ms) != len(sample.Measures()) {
		t.Fatalf("stored %d measures, want %d: %v", len(ms), len(sample.Measures()), err)
	}
	for i, m := range sample.Measures() {
		if ms[i].Nr != m.Nr || ms[i].Name != m.Name || strings.Join(ms[i].Responsible, ",") != strings.Join(m.Responsible, ",") || !ms[i].Share.Equal(m.Share) {
			t.Errorf("measure %d stored as %s %q (%v, %s), want %s %q (%v, %s)", i, ms[i].Nr, ms[i].Name, ms[i].Responsible, ms[i].Share, m.Nr, m.Name, m.Responsible, m.Share)
		}
	}
	rs, err := db.Ratings(ctx)
	if err != nil || len(rs) != len(sample.Ratings()) {
		t.Errorf("stored %d ratings, want %d: %v", len(rs), len(sample.Ratings()), err)
	}
}

// TestImport_SmallMunicipality builds a second, differently shaped
// workspace: two ansvar, two funksjoner, two units, and checks the
// checks against it: a good file imports, a bad one is rejected naming
// file, row, column and value and stores nothing, an overcount is an error.
func TestImport_SmallMunicipality(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openDB(t)
	plan := write(t, dir, "budsjett.csv", "Ansvar;Funksjon;Art;Tekst;Budsjett 2027\n"+
		"3100;202;010;Lønn;1 000 000\n3200;232;010;Helsestasjon;500 000\n")
	importBudget(t, db, plan, importer.Options{Options: budgetfile.Options{Year: 2027}, Part: budget.Drift})
	units := write(t, dir, "enheter.csv", "Kode;Navn;Type;Overordnet;Leder;Tittel;Adresse;Ansvar;Bydel\n"+
		"skole;Skolen;virksomhet;;Eva;rektor;Skolevegen 1;3100;\n"+
		"helse;Helsestasjonen;virksomhet;;Ola;leiar;Helsevegen 2;3200;\n")
	if out := mustImport(t, measureimport.Units, db, units, measureimport.Options{}); out.Status != imports.Imported || out.Count != 2 {
		t.Fatalf("units: %+v", out)
	}
	head := "Nr;Tiltak;Ansvarlig;Innsatstype;Budsjettkobling;Andel\n"
	t.Run("good", func(t *testing.T) {
		f := write(t, dir, "tiltak.csv", head+"1;Leksehjelp;skole;universell;funksjon=202;50\n2;Helsesykepleier;helse;målrettet;ansvar=3200;100\n")
		out := mustImport(t, measureimport.Measures, db, f, measureimport.Options{})
		if out.Status != imports.Imported || out.Count != 2 || len(out.Warnings) != 0 {
			t.Fatalf("got %+v, want 2 imported without warnings", out)
		}
		ms, err := db.Measures(ctx)
		if err != nil || len(ms) != 2 || ms[0].Responsible[0] != "skole" || ms[1].Share.String() != "100" {
			t.Errorf("stored %+v: %v", ms, err)
		}
	})
	for _, c := range []struct{ name, rows, field, value, want string }{
		{"unknown unit", "1;A;barnehage;universell;funksjon=202;\n", "Ansvarlig", "barnehage", "unknown unit barnehage"},
		{"overcount", "1;A;skole;universell;funksjon=202;60\n2;B;skole;universell;ansvar=3100;50\n", "Andel", "1, 2", "is counted 110 % by measures 1, 2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := write(t, dir, "feil.csv", head+c.rows)
			out := mustImport(t, measureimport.Measures, db, f, measureimport.Options{})
			if out.Status != imports.Rejected || len(out.Errors) == 0 {
				t.Fatalf("got %+v, want rejected", out)
			}
			e := out.Errors[0]
			if out.File != "feil.csv" || e.Row == 0 || e.Column == "" || e.Value != c.value || !strings.Contains(e.Message, c.want) {
				t.Errorf("error %+v in %s, want %s, value %q, %q", e, out.File, c.field, c.value, c.want)
			}
			ms, err := db.Measures(ctx)
			if err != nil || len(ms) != 2 || ms[0].Name != "Leksehjelp" {
				t.Errorf("a rejected import changed the measures: %+v %v", ms, err)
			}
		})
	}
	t.Run("ratings", func(t *testing.T) {
		f := write(t, dir, "vurdering.csv", "Funksjon;Vurdering;Begrunnelse\n202;positiv;Leksehjelp når alle\n232;positiv;Helsestasjonen\n120;nøytral;Administrasjon\n")
		out := mustImport(t, measureimport.Ratings, db, f, measureimport.Options{})
		if out.Status != imports.Imported || out.Count != 3 || len(out.Warnings) != 1 || !strings.Contains(out.Warnings[0], "funksjon 120 is in no current budget") {
			t.Fatalf("got %+v, want 3 imported, a warning for 120", out)
		}
		rs, err := db.Ratings(ctx)
		if err != nil || len(rs) != 3 || rs[0].Grade != budget.Positiv || rs[0].Funksjon != "202" {
			t.Errorf("stored %+v: %v", rs, err)
		}
	})
}
