package sqlite_test

import (
	"context"
	"os"
	"path/filepath"

	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
)

const fixtures = "../../../shared/fixtures"

// fixtureWorkspace imports a fixture budget into a new workspace with one
// unit, "u", or skips when the fixture is absent.
func fixtureWorkspace(t *testing.T, dir, file string, opts importer.Options) (*sqlite.DB, budget.Key) {
	t.Helper()
	p := filepath.Join(fixtures, dir, file)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("fixture %s not available: %v", p, err)
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rep, err := importer.Run(ctx, db, p, opts)
	if err != nil || rep.Status != importer.Imported {
		t.Fatalf("import %s: %v %v", file, err, rep)
	}
	if err := db.ImportUnits(ctx, "units", []budget.Unit{{Code: "u", Name: "Enhet", Kind: budget.Virksomhet}}); err != nil {
		t.Fatal(err)
	}
	ks, err := db.Keys(ctx)
	if err != nil || len(ks) == 0 {
		t.Fatal(ks, err)
	}
	return db, ks[0]
}

func allLines(t *testing.T, db *sqlite.DB, key budget.Key) []budget.Line {
	t.Helper()
	var out []budget.Line
	err := db.Lines(context.Background(), key, func(l *budget.Line) error { out = append(out, *l); return nil })
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// counted is the test's own arithmetic: ore × pct / 100, half away from zero.
func counted(ore, pct int64) int64 {
	x := ore * pct
	if x < 0 {
		return -((-x + 50) / 100)
	}
	return (x + 50) / 100
}

func measure(nr, sel string, pct int64) budget.Measure {
	s, err := budget.ParseSelector(sel)
	if err != nil {
		panic(err)
	}
	return budget.Measure{Nr: nr, Name: "Tiltak " + nr, Responsible: []string{"u"}, Reporting: "u",
		Effort: budget.Universell, Selector: s, Share: decimal.NewFromInt(pct), Status: budget.StatusVedtatt}
}

// mostCommon returns the most frequent non-empty value of f over lines.
func mostCommon(lines []budget.Line, f func(*budget.Line) string) string {
	n := map[string]int{}
	for i := range lines {
		if v := f(&lines[i]); v != "" {
			n[v]++
		}
	}
	best := ""
	for v, c := range n {
		if c > n[best] || c == n[best] && v < best {
			best = v
		}
	}
	return best
}

func TestDB_Links_Fixtures(t *testing.T) {
	type tc struct {
		name    string
		measure budget.Measure
		pick    func(*budget.Line) bool // the test's own matcher
	}
	check := func(t *testing.T, db *sqlite.DB, key budget.Key, cases []tc) {
		ctx := context.Background()
		ms := make([]budget.Measure, len(cases))
		for i, c := range cases {
			ms[i] = c.measure
		}
		chk, err := checkLinks(ctx, db, ms)
		if err != nil {
			t.Fatal(err)
		}
		if chk.OvercountCount != 0 {
			t.Fatalf("overcounts: %v", chk.Overcounts)
		}
		if err := db.ReplaceMeasures(ctx, "tiltak.csv", ms); err != nil {
			t.Fatal(err)
		}
		totals, err := db.MeasureTotals(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		links, err := db.Links(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		fromLinks := map[string]int64{}
		for _, l := range links {
			if l.CountedOre != counted(l.LineOre, l.Share.IntPart()) {
				t.Errorf("link %s %s: counted %d of %d at %s %%", l.Measure, budget.DescribeLine(l.Line), l.CountedOre, l.LineOre, l.Share)
			}
			fromLinks[l.Measure] += l.CountedOre
		}
		lines := allLines(t, db, key)
		for _, c := range cases {
			var want int64
			n := 0
			for i := range lines {
				if c.pick(&lines[i]) {
					want += counted(lines[i].OreFor(key), c.measure.Share.IntPart())
					n++
				}
			}
			if n == 0 {
				t.Errorf("%s: the test's matcher picks no line; choose another selector", c.name)
			}
			if got := totals[c.measure.Nr]; got != want {
				t.Errorf("%s (%s): counted %s kr, want %s kr over %d lines", c.name, c.measure.Selector, budget.FormatOre(got), budget.FormatOre(want), n)
			}
			if fromLinks[c.measure.Nr] != totals[c.measure.Nr] {
				t.Errorf("%s: links sum to %d, total %d", c.name, fromLinks[c.measure.Nr], totals[c.measure.Nr])
			}
			if got := chk.Picked[c.measure.Nr][key]; got != n {
				t.Errorf("%s: CheckLinks picked %d lines, want %d", c.name, got, n)
			}
		}
	}

	t.Run("stavanger", func(t *testing.T) {
		db, key := fixtureWorkspace(t, "stavanger-budsjett-2016-investering", "dataset.original.csv", importer.Options{Part: budget.Investering, Options: budgetfile.Options{Year: 2016}})
		lines := allLines(t, db, key)
		fn := mostCommon(lines, func(l *budget.Line) string { return l.Funksjon })
		ansvar := mostCommon(lines, func(l *budget.Line) string { return l.Ansvar })
		prefix := ansvar[:2]
		prosjekt := mostCommon(lines, func(l *budget.Line) string { return l.Prosjekt })
		vo := mostCommon(lines, func(l *budget.Line) string { v, _ := l.Attr("virksomhetsomraade"); return v })
		check(t, db, key, []tc{
			{"funksjon", measure("1", "funksjon="+fn, 20), func(l *budget.Line) bool { return l.Funksjon == fn }},
			{"ansvar prefix", measure("2", "ansvar="+prefix+"*", 20), func(l *budget.Line) bool { return strings.HasPrefix(l.Ansvar, prefix) }},
			{"art range", measure("3", "art=000-499", 20), func(l *budget.Line) bool {
				return len(l.Art) == 3 && l.Art >= "000" && l.Art <= "499"
			}},
			{"prosjekt", measure("4", "prosjekt="+prosjekt, 20), func(l *budget.Line) bool { return l.Prosjekt == prosjekt }},
			{"attribute", measure("5", "VirksomhetsOmraade="+strings.ToUpper(vo), 20), func(l *budget.Line) bool {
				v, _ := l.Attr("virksomhetsomraade")
				return strings.EqualFold(v, vo)
			}},
		})
	})

	t.Run("bergen", func(t *testing.T) {
		db, key := fixtureWorkspace(t, "bergen-driftsbudsjett-2013", "dataset.original.csv", importer.Options{Part: budget.Drift})
		check(t, db, key, []tc{
			{"funksjon range and attribute", measure("1", "funksjon=240-259;avdeling=1|tjeneste=202*", 50), func(l *budget.Line) bool {
				a, _ := l.Attr("avdeling")
				return len(l.Funksjon) == 3 && l.Funksjon >= "240" && l.Funksjon <= "259" && a == "1" || strings.HasPrefix(l.Tjeneste, "202")
			}},
			{"attribute prefix", measure("2", "endrgr=N0*", 50), func(l *budget.Line) bool {
				v, _ := l.Attr("endrgr")
				return strings.HasPrefix(strings.ToUpper(v), "N0")
			}},
		})
	})
}

func TestDB_CheckLinks_DoubleCount(t *testing.T) {
	db, key := fixtureWorkspace(t, "stavanger-budsjett-2016-investering", "dataset.original.csv", importer.Options{Part: budget.Investering, Options: budgetfile.Options{Year: 2016}})
	ctx := context.Background()
	lines := allLines(t, db, key)
	fn := mostCommon(lines, func(l *budget.Line) string { return l.Funksjon })
	ms := []budget.Measure{measure("1", "funksjon="+fn, 60), measure("2", "funksjon="+fn, 41), measure("3", "prosjekt=finnes-ikke", 100)}
	chk, err := checkLinks(ctx, db, ms)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := range lines {
		if lines[i].Funksjon == fn {
			n++
		}
	}
	if chk.OvercountCount != n || n == 0 {
		t.Fatalf("%d overcounts, want %d", chk.OvercountCount, n)
	}
	o := chk.Overcounts[0]
	if got := strings.Join(o.Measures, ","); got != "1,2" || o.Share.String() != "101" || o.Line.Funksjon != fn {
		t.Errorf("overcount %+v", o)
	}
	if msg := o.Error(); !strings.Contains(msg, "funksjon "+fn) || !strings.Contains(msg, "measures 1, 2") || !strings.Contains(msg, "row ") {
		t.Errorf("message does not name the line and measures: %s", msg)
	}
	if len(chk.Picked["3"]) != 0 {
		t.Errorf("a selector that matches nothing picked %v", chk.Picked["3"])
	}
	// Stored anyway (a budget imported after the measures can do this),
	// the links refuse to count a krone twice.
	if err := db.ReplaceMeasures(ctx, "t", ms); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Links(ctx, key); budget.ErrorCode(err) != budget.ECONFLICT {
		t.Errorf("Links with an overcount: %v, want ECONFLICT", err)
	}
}

func TestDB_ReplaceMeasures_UnknownUnit(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.ImportUnits(ctx, "enheter.csv", []budget.Unit{{Code: "u", Name: "U", Kind: budget.Virksomhet}}); err != nil {
		t.Fatal(err)
	}
	m := measure("1", "funksjon=232", 100)
	m.Responsible, m.Reporting = []string{"u", "nav"}, "u"
	err = db.ReplaceMeasures(ctx, "tiltak.csv", []budget.Measure{m})
	if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), "unknown unit nav") {
		t.Errorf("got %v", err)
	}
	if ms, _ := db.Measures(ctx); len(ms) != 0 {
		t.Errorf("stored %d measures after a rejection", len(ms))
	}
	// Units a stored measure names cannot disappear.
	if err := db.ReplaceMeasures(ctx, "tiltak.csv", []budget.Measure{measure("1", "", 100)}); err != nil {
		t.Fatal(err)
	}
	err = db.ImportUnits(ctx, "enheter.csv", []budget.Unit{{Code: "v", Name: "V", Kind: budget.Virksomhet}})
	if budget.ErrorCode(err) != budget.EINVALID {
		t.Errorf("removing a unit in use: %v", err)
	}
}

func TestDB_Measures_RoundTrip(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	units := []budget.Unit{{Code: "u", Name: "U", Kind: budget.Etat, Ansvar: []budget.CodeRange{{From: "3300", To: "3399"}, {From: "3410", To: "3410"}},
		Leader: "Kari Nordmann", LeaderTitle: "etatsdirektør", Address: "Gata 1", Bydel: "469902"}}
	if err := db.ImportUnits(ctx, "e", units); err != nil {
		t.Fatal(err)
	}
	gotUnits, err := db.Units(ctx)
	if err != nil || len(gotUnits) != 1 || budget.FormatCodeRanges(gotUnits[0].Ansvar) != "3300-3399, 3410" || gotUnits[0].Leader != "Kari Nordmann" {
		t.Errorf("units %+v %v", gotUnits, err)
	}
	m := measure("2.10", "funksjon=232;ansvar=31*|prosjekt=P1407", 33)
	m.Share = decimal.RequireFromString("33.33")
	m.Indicators = []string{"barn-lavinntekt"}
	m.Targets, _ = budget.ParseTargets("barn-lavinntekt=9,5@2030")
	m.Effect, _ = budget.ParseEffect("-1,5@2030")
	m.Start, m.End = 2027, 2030
	if err := db.ReplaceMeasures(ctx, "t", []budget.Measure{m}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Measures(ctx)
	if err != nil || len(got) != 1 {
		t.Fatal(got, err)
	}
	g := got[0]
	if g.Nr != "2.10" || g.Selector.String() != "funksjon=232;ansvar=31*|prosjekt=P1407" || g.Share.String() != "33.33" ||
		g.Effect.String() != "barn-lavinntekt=-1.5@2030" || budget.FormatTargets(g.Targets) != "barn-lavinntekt=9.5@2030" || g.End != 2030 {
		t.Errorf("round trip: %+v", g)
	}
	rs := []budget.Rating{{Row: 2, Funksjon: "232", Grade: budget.Positiv, Reason: "når alle"}}
	p, _ := budget.ParsePattern("31*")
	rs = append(rs, budget.Rating{Row: 3, Funksjon: "232", Ansvar: &p, Grade: budget.Blandet, Reason: "delvis"})
	if err := db.ReplaceRatings(ctx, "v", rs); err != nil {
		t.Fatal(err)
	}
	gr, err := db.Ratings(ctx)
	if err != nil || len(gr) != 2 || gr[1].AnsvarText() != "31*" || gr[1].Grade != budget.Blandet {
		t.Errorf("ratings %+v %v", gr, err)
	}
	bad := []budget.Rating{{Row: 2, Funksjon: "232", Grade: budget.Positiv}}
	if err := db.ReplaceRatings(ctx, "v", bad); budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), "without a reason") {
		t.Errorf("rating without reason: %v", err)
	}

}

// checkLinks is budget.CheckLinks over the store's current budgets, as the
// measures import calls it.
func checkLinks(ctx context.Context, db *sqlite.DB, ms []budget.Measure) (*budget.LinkCheck, error) {
	keys, err := db.Keys(ctx)
	if err != nil {
		return nil, err
	}
	return budget.CheckLinks(ms, keys, func(k budget.Key, fn func(*budget.Line) error) error { return db.Lines(ctx, k, fn) })
}
