package annual_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
	"github.com/helsebudsjett/helsebudsjett/reports/annual/annualtest"
)

func load(t *testing.T, db *sqlite.DB, opt annual.Options) *annual.Report {
	t.Helper()
	r, err := annual.Load(context.Background(), db, catalogue(t, db), opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestLoad_FiguresEqualWorkspace(t *testing.T) {
	ctx := context.Background()
	db := build(t, tempDB(t), small)
	r := load(t, db, annual.Options{Year: small.year})
	key := budget.Key{Year: small.year, Version: budget.Vedtatt}

	t.Run("linked amount", func(t *testing.T) {
		totals, err := db.MeasureTotals(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		var want int64
		for _, o := range totals {
			want += o
		}
		if got := r.Summary.LinkedOre; got != want {
			t.Errorf("linked: got %d, want %d", got, want)
		}
		if r.Budget != key {
			t.Errorf("budget key: got %v, want %v", r.Budget, key)
		}
	})
	t.Run("share of gross expenses", func(t *testing.T) {
		rows, err := db.Summary(ctx, key, "art")
		if err != nil {
			t.Fatal(err)
		}
		var exp int64
		gross := budget.KOSTRAGross()
		for _, row := range rows {
			exp += gross.Counts(row.Value, row.Ore)
		}
		if r.Summary.ExpensesOre != exp {
			t.Errorf("expenses: got %d, want %d", r.Summary.ExpensesOre, exp)
		}
		if r.Summary.Base != gross.Label(false) {
			t.Errorf("base: got %q, want %q", r.Summary.Base, gross.Label(false))
		}
		want, _ := annual.SharePercent(r.Summary.LinkedGrossOre, exp)
		if r.Summary.Share == nil || !r.Summary.Share.Equal(want) {
			t.Errorf("share: got %v, want %v", r.Summary.Share, want)
		}
	})
	t.Run("budget against accounts", func(t *testing.T) {
		spend, err := tertial.SpentVsBudget(ctx, db, small.year)
		if err != nil {
			t.Fatal(err)
		}
		if len(spend) != len(r.Measures.Rows) {
			t.Fatalf("rows: got %d, want %d", len(r.Measures.Rows), len(spend))
		}
		var b, a int64
		for i, s := range spend {
			got := r.Measures.Rows[i].Spending
			if got.Measure != s.Measure || got.BudgetOre != s.BudgetOre || got.AccountsOre != s.AccountsOre {
				t.Errorf("measure %s: got %d/%d, want %d/%d", s.Measure, got.BudgetOre, got.AccountsOre, s.BudgetOre, s.AccountsOre)
			}
			b += s.BudgetOre
			a += s.AccountsOre
		}
		if r.Summary.BudgetOre != b || r.Summary.AccountsOre != a || !r.Summary.HasAccounts {
			t.Errorf("totals: got %d/%d, want %d/%d", r.Summary.BudgetOre, r.Summary.AccountsOre, b, a)
		}
	})
	t.Run("status per tertial", func(t *testing.T) {
		reps, err := db.LatestReports(ctx, small.year)
		if err != nil {
			t.Fatal(err)
		}
		seen := 0
		for _, rep := range reps {
			for _, row := range r.Measures.Rows {
				if row.Nr != rep.Measure {
					continue
				}
				got := row.Reports[rep.Period.Term.Rank()]
				if got == nil || got.Status != rep.Status {
					t.Errorf("measure %s %s: got %v, want %s", rep.Measure, rep.Period, got, rep.Status)
				}
				seen++
			}
		}
		if seen != len(reps) || seen == 0 {
			t.Errorf("reports matched: %d of %d", seen, len(reps))
		}
		if got, want := len(r.Measures.Deviations), small.measures/4; got != want {
			t.Errorf("deviations: got %d, want %d", got, want)
		}
		n := 0
		for _, c := range r.Summary.ByStatus {
			n += c.Count
		}
		if n != r.Summary.Measures || n != small.measures {
			t.Errorf("measures by status add to %d, want %d", n, small.measures)
		}
	})
	t.Run("latest values and gaps", func(t *testing.T) {
		for _, ind := range r.Indicators {
			raw, err := db.IndicatorValues(ctx, ind.ID, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			latest := map[string]float64{}
			for _, v := range raw {
				if v.Period.End == small.year && v.Value != nil {
					latest[v.Area] = v.Value.InexactFloat64()
				}
			}
			for _, row := range ind.Rows {
				if row.Value == nil || row.Value.InexactFloat64() != latest[row.Area] {
					t.Errorf("%s %s: got %v, want %v", ind.ID, row.Area, row.Value, latest[row.Area])
				}
			}
			lo, hi := math.Inf(1), math.Inf(-1)
			for code, v := range latest {
				if code != "4699" {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
			if ind.Inequality == nil || ind.Inequality.Latest.Gap == nil || math.Abs(*ind.Inequality.Latest.Gap-(hi-lo)) > 1e-9 {
				t.Errorf("%s gap: got %+v, want %v", ind.ID, ind.Inequality, hi-lo)
			}
			if len(ind.Bars) != small.areas {
				t.Errorf("%s bars: %d, want %d", ind.ID, len(ind.Bars), small.areas)
			}
		}
		if len(r.Indicators) != small.indicators+1 { // and lavinntekt
			t.Errorf("indicators: got %d, want %d", len(r.Indicators), small.indicators+1)
		}
		if r.Summary.Targets != small.indicators || r.Summary.OnTrack+r.Summary.OffTrack+r.Summary.NoData != r.Summary.Targets {
			t.Errorf("targets: %+v", r.Summary)
		}
	})
	t.Run("date from the data", func(t *testing.T) {
		if !r.Date.Equal(fixed) {
			t.Errorf("date: got %v, want %v", r.Date, fixed)
		}
	})
}

func TestLoad_SmallNumbers(t *testing.T) {
	db := build(t, tempDB(t), small)
	internal := load(t, db, annual.Options{Year: small.year})
	public := load(t, db, annual.Options{Year: small.year, Public: true})

	find := func(r *annual.Report) annual.Indicator {
		for _, ind := range r.Indicators {
			if ind.ID == "ind-01" {
				return ind
			}
		}
		t.Fatal("ind-01 missing")
		return annual.Indicator{}
	}
	t.Run("public", func(t *testing.T) {
		ind := find(public)
		for _, s := range ind.Series {
			for _, p := range s.Points {
				if s.Area == hiddenArea && p.X == float64(small.year) {
					t.Errorf("suppressed value drawn: %+v", p)
				}
			}
		}
		for _, b := range ind.Bars {
			if b.Area == hiddenArea {
				t.Errorf("suppressed area among the bars: %+v", b)
			}
		}
		for _, row := range ind.Rows {
			if row.Area == hiddenArea && (row.Value != nil || row.Text != indicators.SuppressedMarker) {
				t.Errorf("row: %+v", row)
			}
		}
		if public.Marking != "" {
			t.Errorf("public report marked %q", public.Marking)
		}
		if len(public.About.Suppressed) < 2 { // the small one, and one more so it cannot be worked back
			t.Errorf("suppressed: %+v", public.About.Suppressed)
		}
		for _, s := range public.About.Suppressed {
			if s.Text != indicators.SuppressedMarker {
				t.Errorf("suppressed shown as %q", s.Text)
			}
		}
	})
	t.Run("internal", func(t *testing.T) {
		ind := find(internal)
		marked := false
		for _, row := range ind.Rows {
			if row.Area == hiddenArea {
				marked = row.Confidential && row.Text == hiddenText+"*"
			}
		}
		if !marked {
			t.Errorf("internal report does not mark the small number: %+v", ind.Rows)
		}
		if internal.Marking == "" {
			t.Error("internal report not marked")
		}
	})
}

// pdfText is the text pdftotext extracts, with non-breaking spaces as
// spaces; the test is skipped where pdftotext is absent.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not available (apt-get install -y poppler-utils)")
	}
	p := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(out), "\u00a0", " ")
}

func render(t *testing.T, r *annual.Report) []byte {
	t.Helper()
	data, err := annual.Render(r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func sp(s string) string { return strings.ReplaceAll(s, "\u00a0", " ") }

func TestRender_Text(t *testing.T) {
	db := build(t, tempDB(t), small)
	internal := load(t, db, annual.Options{Year: small.year})
	public := load(t, db, annual.Options{Year: small.year, Public: true})
	itext := pdfText(t, render(t, internal))
	ptext := pdfText(t, render(t, public))

	t.Run("figures", func(t *testing.T) {
		for _, want := range []string{annual.Kroner(internal.Summary.LinkedOre), annual.Kroner(internal.Summary.AccountsOre),
			annual.Percent(*internal.Summary.Share), "Sammendrag", "Om tallene"} {
			if !strings.Contains(itext, sp(want)) {
				t.Errorf("internal text lacks %q", sp(want))
			}
		}
		for _, ind := range public.Indicators {
			if !strings.Contains(ptext, ind.Name) {
				t.Errorf("public text lacks %q", ind.Name)
			}
			for _, row := range ind.Rows {
				if !strings.Contains(ptext, sp(row.Text)) {
					t.Errorf("public text lacks %s's value %q", row.Name, row.Text)
				}
			}
		}
		for _, d := range internal.Measures.Deviations {
			if !strings.Contains(itext, d.Note) {
				t.Errorf("deviation note missing: %q", d.Note)
			}
		}
	})
	t.Run("small numbers", func(t *testing.T) {
		if strings.Contains(ptext, hiddenText) {
			t.Errorf("public report shows the suppressed value %s", hiddenText)
		}
		if !strings.Contains(itext, hiddenText+"*") {
			t.Errorf("internal report lacks the marked value %s*", hiddenText)
		}
	})
	t.Run("marking on every page", func(t *testing.T) {
		pages := strings.Count(itext, "\f")
		if got := strings.Count(itext, "INTERN – IKKE FOR OFFENTLIGGJØRING"); got < pages || pages == 0 {
			t.Errorf("marking on %d of %d pages", got, pages)
		}
		if strings.Contains(strings.ToUpper(ptext), "INTERN") {
			t.Error("public report marked internal")
		}
	})
}

func TestRender_Deterministic(t *testing.T) {
	path := tempDB(t)
	db := build(t, path, small)
	a := render(t, load(t, db, annual.Options{Year: small.year, Public: true}))
	b := render(t, load(t, db, annual.Options{Year: small.year, Public: true}))
	if !bytes.Equal(a, b) {
		t.Error("the same workspace gave different bytes")
	}
	if !bytes.HasPrefix(a, []byte("%PDF-")) {
		t.Errorf("not a PDF: %q", a[:8])
	}
}

func TestRender_Nynorsk(t *testing.T) {
	db := build(t, tempDB(t), small)
	r := load(t, db, annual.Options{Year: small.year, Lang: indicators.Nynorsk, Public: true})
	text := pdfText(t, render(t, r))
	for _, want := range []string{"Samandrag", "Indikatorar", "Om tala", "offentleg utgåve"} {
		if !strings.Contains(text, want) {
			t.Errorf("nynorsk text lacks %q", want)
		}
	}
}

func TestLoad_Errors(t *testing.T) {
	db := build(t, tempDB(t), small)
	for _, tc := range []struct {
		name string
		opt  annual.Options
	}{
		{"no budget or reports", annual.Options{Year: 1999}},
		{"bad year", annual.Options{Year: 26}},
		{"bad term", annual.Options{Year: small.year, Term: "T3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := annual.Load(context.Background(), db, catalogue(t, db), tc.opt)
			if got := budget.ErrorCode(err); got != budget.EINVALID {
				t.Errorf("got %v (%s), want EINVALID", err, got)
			}
		})
	}
}

func TestLoad_Tertial(t *testing.T) {
	db := build(t, tempDB(t), small)
	r := load(t, db, annual.Options{Year: small.year, Term: budget.T1})
	if len(r.Measures.Periods) != 1 || len(r.Reported) != 1 || len(r.Measures.Deviations) != 0 {
		t.Errorf("T1 report: periods %v, reported %v, deviations %d", r.Measures.Periods, r.Reported, len(r.Measures.Deviations))
	}
	if !strings.HasPrefix(r.Title, "Tertialrapport") {
		t.Errorf("title %q", r.Title)
	}
}

// TestRender_ReadAsReaders renders both data sets (the plain one and the
// differently shaped one) in every edition and runs the reader's checks
// of annualtest on the PDF's text.
func TestRender_ReadAsReaders(t *testing.T) {
	t.Parallel() // on data of its own; overlaps the browser's and poppler's waits with the other long tests
	for _, s := range []spec{small, shaped} {
		db := build(t, tempDB(t), s)
		for _, ed := range []annual.Options{
			{Year: s.year}, {Year: s.year, Public: true},
			{Year: s.year, Lang: indicators.Nynorsk}, {Year: s.year, Lang: indicators.Nynorsk, Public: true},
		} {
			name := fmt.Sprintf("shaped=%v/%s/public=%v", s.shaped, ed.Lang, ed.Public)
			t.Run(name, func(t *testing.T) {
				r := load(t, db, ed)
				annualtest.Check(t, r, annualtest.Read(t, render(t, r)))
			})
		}
	}
}

// TestRender_Shaped asserts what the shaped data set adds: the gap
// between education groups as a table, a furthest sentence per unit, the
// target with no data, the rounding note, and the columns left out.
func TestRender_Shaped(t *testing.T) {
	db := build(t, tempDB(t), shaped)
	r := load(t, db, annual.Options{Year: shaped.year, Public: true})
	text := pdfText(t, render(t, r))
	flat := strings.Join(strings.Fields(text), " ")
	t.Run("groups", func(t *testing.T) {
		var g *annual.Groups
		for _, ind := range r.Indicators {
			if ind.ID == "ind-01" {
				g = ind.Groups
			}
		}
		if g == nil || len(g.Series) != shaped.years || len(g.Areas) == 0 {
			t.Fatalf("groups of ind-01: %+v", g)
		}
		for _, row := range g.Series {
			if row.Gap == nil || *row.Gap != 4 {
				t.Errorf("%s: gap %v, want 4 (B − A as built)", row.Period, row.Gap)
			}
		}
		if !strings.Contains(flat, "Forskjell mellom grupper: "+groupB+" mot "+groupA) {
			t.Error("no section on the gap between the groups")
		}
		withheld := false
		for _, row := range g.Areas {
			withheld = withheld || row.Area == hiddenArea && row.AText == indicators.SuppressedMarker
		}
		if !withheld {
			t.Errorf("the small group in %s is not withheld: %+v", hiddenName, g.Areas)
		}
	})
	t.Run("furthest per unit", func(t *testing.T) {
		if len(r.Summary.Furthest) != 2 {
			t.Fatalf("furthest: %+v, want one in prosent and one in år", r.Summary.Furthest)
		}
		if !strings.Contains(flat, "Av indikatorene målt i prosent er") || !strings.Contains(flat, "Av indikatorene målt i år er") {
			t.Errorf("no furthest sentence per unit in:\n%s", flat[:min(len(flat), 3000)])
		}
	})
	t.Run("target without data", func(t *testing.T) {
		if r.Summary.NoData == 0 || !strings.Contains(flat, fmt.Sprintf("; %d mangler data.", r.Summary.NoData)) {
			t.Errorf("no data: %d, text lacks it", r.Summary.NoData)
		}
	})
	t.Run("rounding note", func(t *testing.T) {
		if !strings.Contains(flat, "Hvert beløp er avrundet til hele kroner for seg") {
			t.Error("the rounding difference is not stated")
		}
	})
	t.Run("columns left out", func(t *testing.T) {
		if !strings.Contains(flat, fmt.Sprintf("Kommunen har ikke budsjett for %d i grunnlaget", shaped.year-1)) {
			t.Error("no note on the missing year before")
		}
		if !strings.Contains(flat, "Ingen virksomhet har rapportert for året") {
			t.Error("no note on the empty Året column")
		}
		if strings.Contains(flat, fmt.Sprintf("%d %d Endring", shaped.year-1, shaped.year)) {
			t.Error("an Endring column without a year before")
		}
	})
	t.Run("negative deviations", func(t *testing.T) {
		for _, row := range r.Measures.Rows {
			if row.Spending.DifferenceOre() >= 0 {
				t.Errorf("measure %s: deviation %d, want negative", row.Nr, row.Spending.DifferenceOre())
			}
		}
		if !strings.Contains(flat, "−"+strings.Fields(sp(annual.Kroner(-r.Measures.Rows[0].Spending.DifferenceOre())))[0]) {
			t.Error("a negative deviation is not written with the minus sign")
		}
	})
}
