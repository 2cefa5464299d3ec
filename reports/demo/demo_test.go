package demo_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
	"github.com/helsebudsjett/helsebudsjett/reports/annual/annualtest"
	"github.com/helsebudsjett/helsebudsjett/reports/demo"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// The SQLite store is a demo.Store.
var _ demo.Store = (*sqlite.DB)(nil)

func open(ctx context.Context, p string) (demo.Store, error) {
	db, err := sqlite.Open(ctx, p)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// calls counts what the demo handed each printer.
type calls struct {
	budget, indicators, files, forms, comparisons, reports int
	wheel                                                  *runner.List
}

func (c *calls) printer() demo.Printer {
	return demo.Printer{
		BudgetImport:    func(io.Writer, *importer.Report) { c.budget++ },
		BudgetRejected:  func(io.Writer, *budgetfile.Result) {},
		Comparison:      func(io.Writer, *model.Comparison) { c.comparisons++ },
		IndicatorImport: func(io.Writer, *indicatorimport.Report) { c.indicators++ },
		FileImport:      func(io.Writer, *imports.Outcome, string) { c.files++ },
		TertialImport:   func(io.Writer, *tertial.Imported) { c.forms++ },
		WheelList:       func(_ io.Writer, l *runner.List, _ int) error { c.wheel = l; return nil },
		AnnualReport:    func(io.Writer, string, *annual.Report, int) { c.reports++ },
	}
}

// TestRun builds the demo without the command line, once, and checks what
// it built against the sample it was built from.
func TestRun(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "demo")
	var out bytes.Buffer
	var got calls
	res, err := demo.Run(ctx, demo.Options{Open: open, Dir: dir, Out: &out, Print: got.printer()})
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	db, err := sqlite.Open(ctx, res.Workspace)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	t.Run("budget totals are the sample's, per funksjon", func(t *testing.T) {
		lines := sample.Budget()
		for i, key := range sample.Keys() {
			want := map[string]int64{}
			for _, l := range lines {
				want[l.Funksjon] += l.Amounts[i].Ore
			}
			rows, err := db.Summary(ctx, key, "funksjon")
			if err != nil {
				t.Fatal(err)
			}
			var sum int64
			for _, r := range rows {
				sum += r.Ore
				if r.Ore != want[r.Value] {
					t.Errorf("%s funksjon %s: %d øre, the sample has %d", key, r.Value, r.Ore, want[r.Value])
				}
				delete(want, r.Value)
			}
			for f, ore := range want {
				if ore != 0 {
					t.Errorf("%s funksjon %s: missing, the sample has %d øre", key, f, ore)
				}
			}
			if sum != 0 {
				t.Errorf("%s sums to %d øre; the sample balances to 0", key, sum)
			}
		}
	})

	t.Run("every sample file imported and left in sample/", func(t *testing.T) {
		indicatorFiles, _ := fs.Glob(sample.Files, sample.IndicatorDir+"/*")
		if got.budget != 3 || got.indicators != len(indicatorFiles) || got.files != 3 || got.comparisons != 1 {
			t.Errorf("printed %d budget, %d indicator (of %d), %d unit/measure/rating imports, %d comparisons",
				got.budget, got.indicators, len(indicatorFiles), got.files, got.comparisons)
		}
		err := fs.WalkDir(sample.Files, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || p == sample.ReadmeFile || p == "brev.yaml" {
				return err
			}
			want, _ := fs.ReadFile(sample.Files, p)
			if b, err := os.ReadFile(filepath.Join(res.Samples, filepath.FromSlash(p))); err != nil || !bytes.Equal(b, want) {
				t.Errorf("sample/%s: not the sample's bytes (%v)", p, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if units, _ := db.Units(ctx); len(units) != len(sample.Units()) {
			t.Errorf("%d units, the sample has %d", len(units), len(sample.Units()))
		}
		if ms, _ := db.Measures(ctx); len(ms) != len(sample.Measures()) {
			t.Errorf("%d measures, the sample has %d", len(ms), len(sample.Measures()))
		}
	})

	t.Run("tertial reports tell the sample's story", func(t *testing.T) { checkTertial(t, db, res, got.forms) })

	t.Run("a letter per unit with duties, naming it", func(t *testing.T) {
		ms, _ := db.Measures(ctx)
		byUnit := map[string]string{}
		for _, f := range res.Letters.Letters {
			byUnit[f.Unit] = f.Path
			text := pdfText(t, f.Path)
			if !strings.Contains(text, f.UnitName) {
				t.Errorf("%s does not name %s", filepath.Base(f.Path), f.UnitName)
			}
		}
		for _, m := range ms {
			if !m.ActiveIn(sample.BudgetYear) {
				continue
			}
			for _, u := range m.Responsible {
				if byUnit[u] == "" {
					t.Errorf("unit %s leads measure %s in %d but got no letter", u, m.Nr, sample.BudgetYear)
				}
			}
		}
		manifest := readCSV(t, res.Letters.Manifest)
		if len(manifest) != len(res.Letters.Letters)+2 { // header and the combined letter
			t.Errorf("manifest has %d rows for %d letters", len(manifest), len(res.Letters.Letters))
		}
	})

	t.Run("calendar, workbook and annual reports written", func(t *testing.T) {
		if got.wheel == nil || len(got.wheel.Items) == 0 {
			t.Error("no wheel list shown")
		}
		if b, err := os.ReadFile(res.Calendar); err != nil || !bytes.Contains(b, []byte("DTSTART;TZID=Europe/Oslo:20270104T080000")) {
			t.Errorf("%s: %v\n%.300s", res.Calendar, err, b)
		}
		if fi, err := os.Stat(res.Workbook); err != nil || fi.Size() == 0 {
			t.Errorf("workbook: %v", err)
		}
		if len(res.Reports) != 2 || got.reports != 2 {
			t.Fatalf("annual reports %v, %d shown", res.Reports, got.reports)
		}
		if text := pdfText(t, res.Reports[0]); !strings.Contains(text, sample.Name) {
			t.Errorf("%s does not name the municipality", filepath.Base(res.Reports[0]))
		}
	})

	t.Run("the demo users sign in with their passwords", func(t *testing.T) {
		if len(res.Users) != len(access.Roles()) {
			t.Fatalf("%d users, want one per role (%d)", len(res.Users), len(access.Roles()))
		}
		acc := &access.Accounts{Store: db}
		for _, du := range res.Users {
			u, err := acc.Authenticate(ctx, du.Name, du.Password, "test")
			if err != nil {
				t.Errorf("%s: %v", du.Name, err)
				continue
			}
			if !u.Demo || len(u.Roles) != 1 || u.Roles[0] != du.Role {
				t.Errorf("%s: %+v, want a demo user with role %s", du.Name, u, du.Role)
			}
			if du.Role == access.Enhet && (len(u.Units) != 1 || !strings.HasPrefix(du.Unit, u.Units[0]+" ")) {
				t.Errorf("the enhet user leads %v, reported as %q", u.Units, du.Unit)
			}
		}
	})

	t.Run("its folder is its own: claimed again, others' refused", func(t *testing.T) {
		if err := demo.ClaimDir(dir); err != nil {
			t.Errorf("the demo's own folder: %v", err)
		}
		other := t.TempDir()
		if err := os.WriteFile(filepath.Join(other, demo.WorkspaceFile), []byte("my workspace"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := demo.ClaimDir(other); budget.ErrorCode(err) != budget.EINVALID {
			t.Errorf("a folder with the user's workspace: %v, want EINVALID", err)
		}
		if err := os.Mkdir(filepath.Join(other, demo.SampleDir), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := demo.ClaimDir(other); err != nil {
			t.Errorf("a demo folder from before the marker: %v", err)
		}
	})

	// The sample's annual report in every edition, read as a reader gets
	// it (the PDF's text): every summary sentence against its table, the
	// units, the sums as printed, the wording and the page breaks.
	for _, ed := range []struct {
		name   string
		lang   indicators.Lang
		public bool
		term   budget.Term
	}{
		{"nb internal", indicators.Bokmal, false, ""},
		{"nb public", indicators.Bokmal, true, ""},
		{"nn internal", indicators.Nynorsk, false, ""},
		{"nn public", indicators.Nynorsk, true, ""},
		{"nb public T2", indicators.Bokmal, true, budget.T2},
	} {
		t.Run("annual report reads true/"+ed.name, func(t *testing.T) {
			opt := annual.Options{Year: sample.ReportYear, Lang: ed.lang, Public: ed.public, Term: ed.term}
			res, err := documents.Report(ctx, db, documents.ReportOptions{Options: opt, Path: filepath.Join(t.TempDir(), "r.pdf")})
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(res.Path)
			if err != nil {
				t.Fatal(err)
			}
			annualtest.Check(t, res.Report, annualtest.Read(t, data))
		})
	}
}

// checkTertial checks the demo's tertial reports: a snapshot per form, the
// T1, T2 and year reports of every measure running in sample.ReportYear,
// status changes and deviation notes, the accounts as the year's spending,
// and the same forms again import as unchanged.
func checkTertial(t *testing.T, db *sqlite.DB, res *demo.Result, printed int) {
	ctx := context.Background()
	year := sample.ReportYear
	ss, err := db.ReportSnapshots(ctx, year)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Forms) == 0 || len(ss) != len(res.Forms) || printed != len(res.Forms) {
		t.Fatalf("%d forms written, %d shown, %d snapshots", len(res.Forms), printed, len(ss))
	}
	ms, err := db.Measures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	active := 0
	for _, m := range ms {
		if m.ActiveIn(year) {
			active++
		}
	}
	latest, err := db.LatestReports(ctx, year)
	if err != nil {
		t.Fatal(err)
	}
	if active == 0 || len(latest) != 3*active {
		t.Errorf("%d latest reports, want T1, T2 and year for each of the %d measures running in %d", len(latest), active, year)
	}
	changed, deviations := 0, 0
	for _, m := range ms {
		h, err := db.MeasureHistory(ctx, m.Nr)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range budget.StatusChanges(m.Nr, h) {
			if c.Changed() {
				changed++
			}
		}
		for _, r := range h {
			if r.Status.NeedsNote() {
				deviations++
			}
		}
	}
	if changed == 0 || deviations == 0 {
		t.Errorf("%d status changes and %d deviations: the demo should show both", changed, deviations)
	}
	sp, err := tertial.SpentVsBudget(ctx, db, year)
	if err != nil {
		t.Fatal(err)
	}
	withAccounts := 0
	for _, s := range sp {
		if s.AccountLines > 0 {
			withAccounts++
			if s.Reported == nil || s.Reported.Period.Term != budget.TermYear || s.Reported.SpentOre != s.AccountsOre {
				t.Errorf("measure %s: the annual report should give the accounts' %d øre, got %+v", s.Measure, s.AccountsOre, s.Reported)
			}
		}
	}
	if withAccounts == 0 {
		t.Errorf("no %d measure has accounts", year)
	}

	t.Run("again: the same forms, unchanged", func(t *testing.T) {
		unchanged := 0
		p := demo.Printer{TertialImport: func(_ io.Writer, o *tertial.Imported) {
			if o.Status == imports.Unchanged {
				unchanged++
			}
		}}
		again := &demo.Result{}
		if err := demo.ImportTertialReports(ctx, db, filepath.Dir(filepath.Dir(res.Forms[0])), io.Discard, p, again); err != nil {
			t.Fatal(err)
		}
		if unchanged != len(res.Forms) || len(again.Forms) != len(res.Forms) {
			t.Errorf("%d of %d forms unchanged", unchanged, len(res.Forms))
		}
		if after, _ := db.ReportSnapshots(ctx, year); len(after) != len(ss) {
			t.Errorf("%d snapshots after a second run, want %d", len(after), len(ss))
		}
	})
}

// pdfText is the text of a PDF as pdftotext gives it.
func pdfText(t *testing.T, p string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", p, err)
	}
	return string(out)
}

func readCSV(t *testing.T, p string) [][]string {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
