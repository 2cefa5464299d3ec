package tertial_test

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
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// workspace returns a workspace holding the budget at plan and the units
// and measures files, each imported cleanly.
func workspace(t *testing.T, plan string, part budget.Part, year int, units, measures string) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rep, err := importer.Run(ctx, db, plan, importer.Options{Options: budgetfile.Options{Year: year}, Part: part})
	if err != nil || rep.Status != importer.Imported {
		t.Fatalf("budget: %v %+v", err, rep)
	}
	for _, s := range []struct {
		path string
		imp  func(context.Context, measureimport.Store, string, measureimport.Options) (*imports.Outcome, error)
	}{{units, measureimport.Units}, {measures, measureimport.Measures}} {
		out, err := s.imp(ctx, db, s.path, measureimport.Options{})
		if err != nil || out.Status != imports.Imported {
			t.Fatalf("%s: %v %+v", s.path, err, out)
		}
	}
	return db
}

func writeText(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// wantRows returns, per unit, the measures it reports on that run in year.
func wantRows(t *testing.T, db *sqlite.DB, year int) map[string]int {
	t.Helper()
	ms, err := db.Measures(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, m := range ms {
		if m.Reporting != "" && m.ActiveIn(year) {
			want[m.Reporting]++
		}
	}
	return want
}

// fill gives every row of the form a report, as a unit would.
func fill(f tertial.Form) tertial.Form {
	for i := range f.Rows {
		f.Rows[i].Report = &budget.MeasureReport{Measure: f.Rows[i].Measure.Nr, Unit: f.Unit.Code, Period: f.Period,
			Status: budget.IRute, SpentOre: int64(i+1) * 100_000_00, SpentGiven: true, Comment: "Går etter planen"}
	}
	return f
}

// checkRoundTrip writes every form of the period, checks them against the
// measures, fills one in and imports it, and checks the snapshot stored,
// the re-import, and that no form can then be written over it.
func checkRoundTrip(t *testing.T, db *sqlite.DB, period budget.Period) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "skjema")
	written, err := tertial.WriteForms(ctx, db, tertial.WriteOptions{Period: period, Out: dir})
	if err != nil {
		t.Fatal(err)
	}
	want := wantRows(t, db, period.Year)
	if len(written) != len(want) || len(written) == 0 {
		t.Fatalf("wrote %d forms, want one for each of %d reporting units", len(written), len(want))
	}
	for _, w := range written {
		if len(w.Form.Rows) != want[w.Form.Unit.Code] {
			t.Errorf("%s: %d rows, want %d", w.Form.Unit.Code, len(w.Form.Rows), want[w.Form.Unit.Code])
		}
		res, err := tertial.ReadForm(ctx, w.Path, tertial.Options{})
		if err != nil || res.Unit != w.Form.Unit.Code || res.Period != period || len(res.NotReported) != len(w.Form.Rows) {
			t.Errorf("%s read back as %s %s with %d blank rows: %v", w.Path, res.Unit, res.Period, len(res.NotReported), err)
		}
	}
	first := written[0]
	filled := filepath.Join(t.TempDir(), filepath.Base(first.Path))
	if err := tertial.WriteFile(filled, fill(first.Form)); err != nil {
		t.Fatal(err)
	}
	dry, err := tertial.Import(ctx, db, filled, tertial.ImportOptions{DryRun: true})
	if err != nil || dry.Status != imports.DryRun || dry.Reports != len(first.Form.Rows) {
		t.Fatalf("dry run: %v %+v", err, dry)
	}
	out, err := tertial.Import(ctx, db, filled, tertial.ImportOptions{})
	if err != nil || out.Status != imports.Imported || out.Reports != len(first.Form.Rows) || out.Unit != first.Form.Unit.Code || len(out.Errors) != 0 {
		t.Fatalf("import: %v %+v", err, out)
	}
	snap, err := db.ReportSnapshotBySHA256(ctx, out.SHA256)
	if err != nil || snap == nil || snap.ID != out.Snapshot || len(snap.Reports) != len(first.Form.Rows) {
		t.Fatalf("stored snapshot %+v: %v", snap, err)
	}
	for i, r := range snap.Reports {
		if r.Status != budget.IRute || !r.SpentGiven || r.SpentOre <= 0 {
			t.Errorf("report %d stored as %+v", i, r)
		}
	}
	again, err := tertial.Import(ctx, db, filled, tertial.ImportOptions{})
	if err != nil || again.Status != imports.Unchanged || again.Snapshot != out.Snapshot {
		t.Errorf("re-import: %v %+v, want unchanged snapshot %d", err, again, out.Snapshot)
	}
	if got := tertial.Overall([]tertial.Imported{*again, *out}); got != imports.Imported {
		t.Errorf("overall %s, want imported", got)
	}
	// The imported form is the user's input: --force does not let a form
	// be written over it (outguard), and nothing else is written either.
	_, err = tertial.WriteForms(ctx, db, tertial.WriteOptions{Period: period, Unit: first.Form.Unit.Code, Out: filled, Force: true})
	if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), "import") {
		t.Errorf("writing over the imported form: %v, want refused", err)
	}
	if _, err := tertial.WriteForms(ctx, db, tertial.WriteOptions{Period: period, Out: dir}); budget.ErrorCode(err) != budget.EINVALID {
		t.Errorf("writing over the forms without force: %v, want refused", err)
	}
	// An upload (the web's temporary copy) is not the user's file: it is
	// not recorded, so a form may be written where it lay.
	upload := filepath.Join(t.TempDir(), "upload.xlsx")
	later := fill(first.Form)
	later.Rows[0].Report.Comment = "Forsinket oppstart"
	if err := tertial.WriteFile(upload, later); err != nil {
		t.Fatal(err)
	}
	if up, err := tertial.Import(ctx, db, upload, tertial.ImportOptions{Upload: true}); err != nil || up.Status != imports.Imported {
		t.Fatalf("upload: %v %+v, want imported", err, up)
	}
	if _, err := tertial.WriteForms(ctx, db, tertial.WriteOptions{Period: period, Unit: first.Form.Unit.Code, Out: upload, Force: true}); err != nil {
		t.Errorf("writing a form where an upload lay: %v; an upload is not an input", err)
	}
}

func TestWorkflow_Sample(t *testing.T) {
	dir := t.TempDir()
	if err := sample.WriteTemplates(dir); err != nil {
		t.Fatal(err)
	}
	if err := sample.WriteHelsebudsjett(dir); err != nil {
		t.Fatal(err)
	}
	db := workspace(t, filepath.Join(dir, sample.PlanFile), "", 0, filepath.Join(dir, sample.UnitsFile), filepath.Join(dir, sample.MeasuresFile))
	checkRoundTrip(t, db, budget.Period{Year: 2027, Term: budget.T1})
}

func TestWorkflow_SmallMunicipality(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := workspace(t,
		writeText(t, dir, "budsjett.csv", "Ansvar;Funksjon;Art;Tekst;Budsjett 2027\n3100;202;010;Lønn;1 000 000\n3200;232;010;Helsestasjon;500 000\n"),
		budget.Drift, 2027,
		writeText(t, dir, "enheter.csv", "Kode;Navn;Type;Overordnet;Leder;Tittel;Adresse;Ansvar;Bydel\n"+
			"skole;Skolen;virksomhet;;Eva;rektor;Skolevegen 1;3100;\nhelse;Helsestasjonen;virksomhet;;Ola;leiar;Helsevegen 2;3200;\nkultur;Kultur;virksomhet;;Per;leiar;Kulturvegen 3;;\n"),
		writeText(t, dir, "tiltak.csv", "Nr;Tiltak;Ansvarlig;Innsatstype;Budsjettkobling;Andel;Start\n"+
			"1;Leksehjelp;skole;universell;funksjon=202;50;2027\n2;Helsesykepleier;helse;målrettet;ansvar=3200;100;2027\n3;Seinare;skole;universell;;;2029\n"))
	period := budget.Period{Year: 2027, Term: budget.T2}
	checkRoundTrip(t, db, period)
	forms, err := tertial.Forms(ctx, db, period)
	if err != nil || len(forms) != 2 || forms[0].Unit.Code != "skole" || len(forms[0].Rows) != 1 {
		t.Fatalf("forms %+v: %v, want skole with measure 1 and helse", forms, err)
	}
	if r := forms[0].Rows[0]; !r.BudgetKnown || r.BudgetOre != 500_000_00 {
		t.Errorf("measure 1 has budget %d øre (known %v), want half of 1 000 000 kr", r.BudgetOre, r.BudgetKnown)
	}
	for _, c := range []struct{ unit, want string }{
		{"skule", `no unit has the code "skule" (did you mean skole?)`},
		{"kultur", "unit kultur reports on no measure that runs in 2027; the units that do: skole, helse"},
	} {
		if _, err := tertial.FormOf(ctx, db, forms, c.unit, period); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("form of %s: %v, want %q", c.unit, err, c.want)
		}
	}
}
