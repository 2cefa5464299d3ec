package main

import (
	"context"
	"encoding/json"
	"math"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/templates"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// seedIndicators stores a small municipality in a new workspace: kommune
// 4699 and four bydeler, and values imported at importedAt. The 2024
// figures are the hand-worked example of indicators' inequality test:
//
//	bydel   population  lavinntekt  barn-lavinntekt
//	469901     100          15           20
//	469902     300          10           12
//	469903     100           5            6
//	469904     200           –            –   (no value: left out)
//
// which gives SII −17.5 and RII 3.65/21.15. In 2023 469902 has a count of
// 3, below the threshold of 5.
func seedIndicators(t *testing.T, path string, importedAt time.Time) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	geos := []indicators.Geo{{Code: "4699", Name: "Fjordvik kommune (fiktiv)", Level: indicators.Kommune}}
	for i, name := range []string{"Sentrum", "Nordbyen", "Østsida", "Åsen"} {
		code := "46990" + string(rune('1'+i))
		geos = append(geos, indicators.Geo{Code: code, Name: name, Level: indicators.Bydel, Parent: "4699",
			Population: map[int]int{2024: []int{100, 300, 100, 200}[i]}})
	}
	if err := db.ImportAreas(ctx, "areas.csv", geos, nil); err != nil {
		t.Fatal(err)
	}
	im, err := db.BeginIndicatorImport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer im.Rollback()
	add := func(ind, area, period, value string, count int, dims ...indicators.Dim) {
		t.Helper()
		p, err := indicators.ParsePeriod(period)
		if err != nil {
			t.Fatal(err)
		}
		v := indicators.Value{Indicator: ind, Area: area, Period: p, Dims: dims}
		if value != "" {
			d := decimal.RequireFromString(value)
			v.Value = &d
		} else {
			v.Marker = ".."
		}
		if count > 0 {
			v.Count = &count
		}
		if err := im.Add(v); err != nil {
			t.Fatal(err)
		}
	}
	vintage := func(ind string) {
		t.Helper()
		if _, err := im.BeginVintage(sqlite.Vintage{Indicator: ind, Source: ind + ".csv", SHA256: "sha-" + ind, ImportedAt: importedAt}); err != nil {
			t.Fatal(err)
		}
	}
	vintage("barn-lavinntekt")
	for _, r := range [][]string{
		{"4699", "13.0", "12.6", "12.4"}, {"469901", "21", "20.5", "20"}, {"469902", "12.5", "12.2", "12"},
		{"469903", "6.5", "6.4", "6"},
	} {
		for i, y := range []string{"2022", "2023", "2024"} {
			count := 50
			if r[0] == "469902" && y == "2023" {
				count = 3
			}
			add("barn-lavinntekt", r[0], y, r[i+1], count)
		}
	}
	add("barn-lavinntekt", "469904", "2024", "", 0)
	vintage("lavinntekt")
	for _, r := range [][]string{{"469901", "15"}, {"469902", "10"}, {"469903", "5"}} {
		add("lavinntekt", r[0], "2024", r[1], 100)
	}
	vintage("levealder-utdanning")
	add("levealder-utdanning", "4699", "2017-2023", "78.9", 40, indicators.Dim{Name: "utdanningsnivå", Value: "grunnskole"})
	add("levealder-utdanning", "4699", "2017-2023", "84.5", 90, indicators.Dim{Name: "utdanningsnivå", Value: "universitet/høyskole"})
	if _, err := im.Commit(); err != nil {
		t.Fatal(err)
	}
}

func TestIndicatorsList(t *testing.T) {
	dir := t.TempDir()
	code, out, stderr := cli(t, dir, "indicators", "list", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got listOut
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	def, _ := indicators.LoadCatalogue(templates.Indicators)
	if len(got.Indicators) != def.Len() || got.Indicators[0].Determinant != "inntekt" || got.Indicators[0].Origin != "default" {
		t.Errorf("got %d indicators, first %+v", len(got.Indicators), got.Indicators[0])
	}
	code, out, _ = cli(t, dir, "indicators", "list", "--lang", "nn")
	if code != exitOK || !strings.Contains(out, "Barn i hushald med vedvarande låginntekt") || !strings.Contains(out, "NÆRMILJØ") {
		t.Errorf("nynorsk list, exit %d:\n%s", code, out)
	}
	if code, _, _ := cli(t, dir, "indicators", "list", "--lang", "sv"); code != exitUsage {
		t.Errorf("--lang sv: exit %d", code)
	}
}

func TestImportCatalogue(t *testing.T) {
	dir := t.TempDir()
	good := write(t, dir, "katalog.yaml", `indicators:
  - id: trangboddhet
    min_count: 10
  - id: eget-mal
    name: Eget mål
    name_nn: Eige mål
    determinant: helse
    definition: Et lokalt mål.
    unit: percent
    better: lower
    source: local
    levels: [kommune, bydel]
    trend: {periods: 2, threshold: 1, text: regel, text_nn: regel}
`)
	code, out, stderr := cli(t, dir, "import", "catalogue", good, "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s %s", code, out, stderr)
	}
	var res indicatorimport.CatalogueOutcome
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Status != "imported" ||
		strings.Join(res.Added, ",") != "eget-mal" || strings.Join(res.Overridden, ",") != "trangboddhet" {
		t.Errorf("result %+v %v", res, err)
	}
	_, out, _ = cli(t, dir, "indicators", "list", "--json")
	var got listOut
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	origins := map[string]string{}
	for _, li := range got.Indicators {
		origins[li.ID] = li.Origin
		if li.ID == "trangboddhet" && li.MinCount != 10 {
			t.Errorf("trangboddhet min_count %d, want 10", li.MinCount)
		}
	}
	if origins["eget-mal"] != "local" || origins["trangboddhet"] != "override" || origins["lavinntekt"] != "default" {
		t.Errorf("origins %v", origins)
	}

	bad := write(t, dir, "feil.yaml", "indicators:\n  - id: trangboddhet\n    unit: prosent\n")
	code, _, stderr = cli(t, dir, "import", "catalogue", bad)
	if code != exitRejected || !strings.Contains(stderr, "prosent") {
		t.Errorf("bad unit: exit %d, %s", code, stderr)
	}
	_, after, _ := cli(t, dir, "indicators", "list", "--json")
	if after != out {
		t.Error("a rejected catalogue changed the workspace")
	}
	code, out, _ = cli(t, dir, "import", "catalogue", bad, "--json")
	if code != exitRejected || !strings.Contains(out, `"status": "rejected"`) {
		t.Errorf("rejected --json: exit %d %s", code, out)
	}
}

func TestImportTargets(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	seedIndicators(t, db, time.Now())
	f := write(t, dir, "mal.csv", "indicator;area;baseline_year;baseline_value;target_year;target_value\n"+
		"barn-lavinntekt;4699;2022;13;2030;9\nbarn-lavinntekt;Sentrum;2022;21;2030;15\n")
	if code, out, stderr := cli(t, dir, "import", "targets", f, "--db", db); code != exitOK {
		t.Fatalf("exit %d: %s %s", code, out, stderr)
	}
	for name, tc := range map[string]struct{ row, want string }{
		"unknown indicator": {"barnefattigdom;4699;2022;13;2030;9", "barnefattigdom"},
		"unknown area":      {"barn-lavinntekt;Sentrumm;2022;13;2030;9", "Sentrum"},
		"out of range":      {"barn-lavinntekt;4699;2022;130;2030;9", "above 100"},
		"years":             {"barn-lavinntekt;4699;2030;13;2022;9", "not after"},
	} {
		t.Run(name, func(t *testing.T) {
			bad := write(t, dir, "feil.csv", "indicator;area;baseline_year;baseline_value;target_year;target_value\n"+tc.row+"\n")
			code, _, stderr := cli(t, dir, "import", "targets", bad, "--db", db)
			if code != exitRejected || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %s; want %d mentioning %q", code, stderr, exitRejected, tc.want)
			}
		})
	}
	// The sample municipality's targets fit the catalogue and its areas.
	sample := write(t, dir, "targets.csv", mustSample(t, "targets.csv"))
	full := filepath.Join(dir, "full.db")
	seedIndicators(t, full, time.Now())
	ctx := context.Background()
	w, _ := sqlite.Open(ctx, full)
	var geos []indicators.Geo
	for _, c := range []string{"469905", "469906"} {
		geos = append(geos, indicators.Geo{Code: c, Name: "Bydel " + c, Level: indicators.Bydel, Parent: "4699"})
	}
	if err := w.ImportAreas(ctx, "more.csv", geos, nil); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if code, _, stderr := cli(t, dir, "import", "targets", sample, "--db", full, "--dry-run"); code != exitOK {
		t.Errorf("sample targets: exit %d: %s", code, stderr)
	}
}

func mustSample(t *testing.T, name string) string {
	t.Helper()
	b, err := sample.Files.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func showJSON(t *testing.T, dir string, args ...string) model.IndicatorView {
	t.Helper()
	code, out, stderr := cli(t, dir, append([]string{"indicators", "show", "--json"}, args...)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got model.IndicatorView
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	return got
}

func TestIndicatorsShow(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	imported := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	seedIndicators(t, db, imported)
	f := write(t, dir, "mal.csv", "indicator,area,baseline_year,baseline_value,target_year,target_value\n"+
		"barn-lavinntekt,4699,2022,13,2030,9\n")
	if code, _, stderr := cli(t, dir, "import", "targets", f, "--db", db); code != exitOK {
		t.Fatal(stderr)
	}
	got := showJSON(t, dir, "barn-lavinntekt", "--db", db)
	if got.ID != "barn-lavinntekt" || got.Unit != indicators.Percent || len(got.Series) != 13 {
		t.Fatalf("id %s unit %s, %d points", got.ID, got.Unit, len(got.Series))
	}
	if p := got.Series[0]; p.Area != "4699" || p.AreaName != "Fjordvik kommune (fiktiv)" || p.Period != "2022" || p.Value.String() != "13" {
		t.Errorf("first point %+v", p)
	}
	last := got.Series[len(got.Series)-1] // bydeler by Norwegian name: Åsen last
	if last.Area != "469904" || last.Value != nil || last.Marker != ".." {
		t.Errorf("last point %+v, want Åsen's missing value", last)
	}
	// Internal output keeps the small count, marked confidential.
	for _, p := range got.Series {
		if p.Area == "469902" && p.Period == "2023" && (!p.Confidential || p.Value == nil) {
			t.Errorf("small count internal: %+v", p)
		}
	}
	// Target: path 13 → 9 over 2022-2030, 0.5 a year, 12 in 2024; 12.4 is 0.4 worse.
	if len(got.Status) != 1 || got.Status[0].State != indicators.OffTrack || got.Status[0].Distance.String() != "-0.4" {
		t.Errorf("status %+v", got.Status)
	}
	if len(got.Targets) != 1 || len(got.Targets[0].Path) != 9 {
		t.Errorf("targets %+v", got.Targets)
	}
	// Trend over 2022-2024 for the kommune: 12.4 − 13 = −0.6, under the 1-point threshold.
	if len(got.Trend.Ratings) == 0 || got.Trend.Ratings[0].Area != "4699" || got.Trend.Ratings[0].Rating != indicators.Maintaining ||
		!strings.Contains(got.Trend.Rule, "prosentpoeng") {
		t.Errorf("trend %+v", got.Trend)
	}
	var y2024 *model.InequalityView
	for i := range got.Inequality {
		if got.Inequality[i].Period == "2024" {
			y2024 = &got.Inequality[i]
		}
	}
	if y2024 == nil {
		t.Fatalf("no inequality for 2024: %+v", got.Inequality)
	}
	if y2024.SII == nil || *y2024.SII != -17.5 || y2024.RII == nil || math.Abs(*y2024.RII-3.65/21.15) > 1e-6 ||
		*y2024.Gap != 14 || y2024.By != "lavinntekt" || y2024.Level != indicators.Bydel {
		t.Errorf("2024 inequality %+v", *y2024)
	}
	if len(y2024.LeftOut) != 1 || y2024.LeftOut[0].Area != "469904" || y2024.LeftOut[0].Reason != indicators.LeftMissing {
		t.Errorf("left out %+v", y2024.LeftOut)
	}

	// Public: 469902's 2023 figure is prikket, and so is the smallest other
	// bydel (all counts 50: the first by code, 469901), since the kommune is published.
	pub := showJSON(t, dir, "barn-lavinntekt", "--db", db, "--public")
	hidden := map[string]bool{}
	for _, p := range pub.Series {
		if p.Period == "2023" && p.Suppressed {
			if p.Value != nil || p.Marker != ":" || p.Count != nil {
				t.Errorf("suppressed point shows %+v", p)
			}
			hidden[p.Area] = true
		}
	}
	if len(hidden) != 2 || !hidden["469902"] || !hidden["469901"] {
		t.Errorf("hidden in 2023: %v", hidden)
	}

	// --area limits series, targets and trend; --as-of before the import shows nothing.
	one := showJSON(t, dir, "barn-lavinntekt", "--db", db, "--area", "Sentrum")
	if one.Area != "469901" || len(one.Series) != 3 || len(one.Targets) != 0 || len(one.Trend.Ratings) != 1 {
		t.Errorf("--area Sentrum: %d points, %d targets, %+v", len(one.Series), len(one.Targets), one.Trend.Ratings)
	}
	early := showJSON(t, dir, "barn-lavinntekt", "--db", db, "--as-of", "2025-02-28")
	if len(early.Series) != 0 || len(early.Notes) == 0 {
		t.Errorf("--as-of before the import: %d points", len(early.Series))
	}
	if len(showJSON(t, dir, "barn-lavinntekt", "--db", db, "--as-of", "2025-03-01").Series) != 13 {
		t.Error("--as-of the day of the import does not show it")
	}

	// Groups: life expectancy, universitet/høyskole against grunnskole.
	lev := showJSON(t, dir, "levealder-utdanning", "--db", db)
	if len(lev.Groups) != 1 || lev.Groups[0].Gap == nil || math.Abs(*lev.Groups[0].Gap-5.6) > 1e-9 {
		t.Errorf("groups %+v", lev.Groups)
	}
	sel := showJSON(t, dir, "levealder-utdanning", "--db", db, "--where", "Utdanningsnivå=grunnskole")
	if len(sel.Series) != 1 || len(sel.Trend.Ratings) != 1 {
		t.Errorf("--where: %+v", sel.Series)
	}

	code, out, _ := cli(t, dir, "indicators", "show", "barn-lavinntekt", "--db", db, "--lang", "nn")
	for _, want := range []string{"Verdiar", "469904 Åsen", "SII", "Regel: Siste verdi mot verdien to periodar før", "ikkje i rute"} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("text output lacks %q (exit %d):\n%s", want, code, out)
		}
	}
	// Differences of percentages are in prosentpoeng: the distance to the
	// path in words, the trend's change, the gap and SII between areas.
	code, out, _ = cli(t, dir, "indicators", "show", "barn-lavinntekt", "--db", db)
	for _, re := range []string{`mangler [\d,]+\x{00a0}prosentpoeng`,
		`\(\d{4}(–\d{4})? → \d{4}(–\d{4})?: -?[\d,]+ prosentpoeng\)`, `Avstand og SII er i prosentpoeng`} {
		if code != exitOK || !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("indicators show lacks %s (exit %d):\n%s", re, code, out)
		}
	}
	if regexp.MustCompile(`[\d,]+ prosent (bedre|dårligere)`).MatchString(out) {
		t.Errorf("a difference of percentages in prosent:\n%s", out)
	}
	for _, args := range [][]string{
		{"indicators", "show", "--db", db},
		{"indicators", "show", "barn-lavinntekt", "--db", db, "--where", "kjønn"},
		{"indicators", "show", "barn-lavinntekt", "--db", db, "--where", "kjønn=menn"},
		{"indicators", "show", "barn-lavinntekt", "--db", db, "--as-of", "i fjor"},
		{"indicators", "show", "barn-lavinntekt", "--db", db, "--by", "ukjent"},
		{"indicators"},
	} {
		if code, _, _ := cli(t, dir, args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
}
