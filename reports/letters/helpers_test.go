package letters_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/letters"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

// fixture is a temporary workspace with units u001… (ansvar 1001…), each
// responsible for measures "i.j" picking its own budget lines, a budget
// for 2027 and 2028, and a target for the municipality.
type fixture struct {
	db    *sqlite.DB
	units []budget.Unit
	ms    []budget.Measure
}

// unitName is the name of fixture unit i (from 1).
func unitName(i int) string { return fmt.Sprintf("Enhet %03d for oppvekst og levekår", i) }

// newFixture builds the workspace: n units with perUnit measures each;
// names, when given, replaces unit names by index (from 0).
func newFixture(tb testing.TB, n, perUnit int, names map[int]string) *fixture {
	tb.Helper()
	dir := tb.TempDir()
	return newFixtureAt(tb, filepath.Join(dir, "ws.db"), n, perUnit, names)
}

// newFixtureAt is newFixture with the workspace at dbPath.
func newFixtureAt(tb testing.TB, dbPath string, n, perUnit int, names map[int]string) *fixture {
	tb.Helper()
	ctx := context.Background()
	dir := tb.TempDir()
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	f := &fixture{db: db}
	var csv strings.Builder
	csv.WriteString("Ansvar;Funksjon;Art;Budsjett 2027;Økonomiplan 2028\n")
	for i := 1; i <= n; i++ {
		ansvar := fmt.Sprintf("%04d", 1000+i)
		u := budget.Unit{Code: fmt.Sprintf("u%03d", i), Name: unitName(i), Kind: budget.Virksomhet,
			Leader: "Kari Nordmann", LeaderTitle: "virksomhetsleder", Address: fmt.Sprintf("Storgata %d, 4699 Fjordvik", i),
			Ansvar: []budget.CodeRange{{From: ansvar, To: ansvar}}}
		if s, ok := names[i-1]; ok {
			u.Name = s
		}
		f.units = append(f.units, u)
		for j := 1; j <= perUnit; j++ {
			art := fmt.Sprintf("%03d", 10+j)
			fmt.Fprintf(&csv, "%s;232;%s;%d %03d,50;%d %03d\n", ansvar, art, i, j*7, i+1, j*11)
			sel, err := budget.ParseSelector("ansvar=" + ansvar + ";art=" + art)
			if err != nil {
				tb.Fatal(err)
			}
			m := budget.Measure{Nr: fmt.Sprintf("%d.%d", i, j), Name: fmt.Sprintf("Tiltak %d for enhet %d med et langt navn om levekår", j, i),
				Responsible: []string{u.Code}, Reporting: u.Code, Effort: budget.Malrettet,
				Indicators: []string{"barn-lavinntekt"}, Selector: sel, Share: budget.FullShare, Status: budget.StatusVedtatt,
				Targets: []budget.MeasureTarget{{Indicator: "barn-lavinntekt", Value: decimal.RequireFromString("9.5"), Year: 2030}}}
			f.ms = append(f.ms, m)
		}
	}
	p := filepath.Join(dir, "budsjett.csv")
	if err := os.WriteFile(p, []byte(csv.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	rep, err := importer.Run(ctx, db, p, importer.Options{Part: budget.Drift})
	if err != nil || rep.Status != importer.Imported {
		tb.Fatalf("import budget: %v %v", err, rep)
	}
	if err := db.ImportUnits(ctx, "enheter.csv", f.units); err != nil {
		tb.Fatal(err)
	}
	if err := db.ReplaceMeasures(ctx, "tiltak.csv", f.ms); err != nil {
		tb.Fatal(err)
	}
	if err := db.ImportAreas(ctx, "omrader.csv", []indicators.Geo{{Code: "4699", Name: "Fjordvik kommune (fiktiv)", Level: indicators.Kommune}}, nil); err != nil {
		tb.Fatal(err)
	}
	if err := db.SaveTargets(ctx, []indicators.Target{{Indicator: "barn-lavinntekt", Area: "4699", BaselineYear: 2023,
		BaselineValue: decimal.RequireFromString("14.1"), TargetYear: 2030, TargetValue: decimal.RequireFromString("11")}}); err != nil {
		tb.Fatal(err)
	}
	return f
}

// source loads the fixture's letters for 2027 with the default wheel.
func (f *fixture) source(tb testing.TB) *letters.Source {
	tb.Helper()
	cat, err := indicators.LoadCatalogue(templates.Indicators)
	if err != nil {
		tb.Fatal(err)
	}
	w, err := wheel.Parse("arshjul.yaml", templates.Arshjul)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := letters.Load(context.Background(), f.db, cat, w, 2027, letters.Financing(f.db))
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// pdfText extracts the text of a PDF with pdftotext, or skips the test
// where poppler-utils is not installed. Pages are separated by \f.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	p := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.ReplaceAll(string(out), "\u00a0", " ")
}

// plain writes an amount as pdftotext gives it: non-breaking spaces as
// spaces.
func plain(s string) string { return strings.ReplaceAll(s, "\u00a0", " ") }

// sampleConfig is the sample municipality's letter configuration
// (templates/sample/brev.yaml): references and signatories filled in.
func sampleConfig(tb testing.TB) *letters.Config {
	tb.Helper()
	c, err := letters.LoadConfig(filepath.Join("..", "..", "templates", "sample", "brev.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// pdfRaw is the PDF's text in the order it was written (pdftotext -raw):
// a table cell's lines follow each other.
func pdfRaw(t *testing.T, data []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	p := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-raw", "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.ReplaceAll(string(out), "\u00a0", " ")
}
