package workbook_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/reports/workbook"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// secondBudget is a budget shaped unlike the sample's: two plan years, no
// tjeneste or konto, financial arts (500 renter, 510 avdrag) and the
// deducted income arts (690, 710, 729) on lines the measures pick, income
// (810) on a linked line, øre on some lines.
const secondBudget = `Ansvar;Funksjon;Art;Budsjett 2027;Budsjett 2028
110;232;010;1 000 000;1 050 000
110;232;270;200 000,50;210 000
110;232;500;300 000;290 000
110;232;710;-50 000;-52 000
110;232;810;-100 000;-100 000
210;202;010;2 000 000;2 100 000
210;202;590;80 000;80 000
210;202;690;-30 000;-31 000
210;202;729;-45 000,25;-47 000
900;880;870;-3 400 000;-3 500 000
900;880;510;150 000;150 000
900;880;550;-105 000,25;-150 000
`

// secondFixture builds a workspace unlike the sample: Fjellby with two
// bydeler, two units, three measures with måltall (one in a bydel with its
// own target path, one whose måltall differs from the kommune's target,
// one already met at the baseline) and a few indicator values.
func secondFixture(t *testing.T) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	file := filepath.Join(dir, "budsjett.csv")
	if err := os.WriteFile(file, []byte(secondBudget), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := importer.Run(ctx, db, file, importer.Options{})
	if err != nil || rep.Status != importer.Imported {
		t.Fatalf("import budget: %v %+v", err, rep)
	}
	pop := map[int]int{2027: 5000}
	if err := db.ImportAreas(ctx, "omrader.csv", []indicators.Geo{
		{Code: "9901", Name: "Fjellby kommune", Level: indicators.Kommune, Population: map[int]int{2027: 10000}},
		{Code: "990101", Name: "Øvre Fjellby", Level: indicators.Bydel, Parent: "9901", Population: pop},
		{Code: "990102", Name: "Nedre Fjellby", Level: indicators.Bydel, Parent: "9901", Population: pop},
	}, nil); err != nil {
		t.Fatal(err)
	}
	ranges := func(s string) []budget.CodeRange {
		r, err := budget.ParseCodeRanges(s)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if err := db.ImportUnits(ctx, "enheter.csv", []budget.Unit{
		{Code: "helse", Name: "Helsetjenesten", Kind: budget.Virksomhet, Ansvar: ranges("100-199")},
		{Code: "skole", Name: "Fjellby skole", Kind: budget.Virksomhet, Ansvar: ranges("200-299")},
	}); err != nil {
		t.Fatal(err)
	}
	measure := func(nr, name, unit, inds, targets, effect, sel, share, area string) budget.Measure {
		m := budget.Measure{Nr: nr, Name: name, Responsible: []string{unit}, Reporting: unit, Effort: budget.Efforts[0],
			Determinant: "oppvekst", Indicators: strings.Split(inds, ","), Start: 2027, Status: budget.Status("vedtatt")}
		var err error
		if m.Targets, err = budget.ParseTargets(targets); err != nil {
			t.Fatal(err)
		}
		if m.Effect, err = budget.ParseEffect(effect); err != nil {
			t.Fatal(err)
		}
		if m.Selector, err = budget.ParseSelector(sel); err != nil {
			t.Fatal(err)
		}
		if m.Share, err = budget.ParseShare(share); err != nil {
			t.Fatal(err)
		}
		if area != "" {
			m.Areas = []string{area}
		}
		return m
	}
	if err := db.ReplaceMeasures(ctx, "tiltak.csv", []budget.Measure{
		measure("1", "Helsestasjon i Øvre Fjellby", "helse", "sosialhjelp", "sosialhjelp=3@2030", "sosialhjelp=-0,5@2030", "ansvar=110", "50", "990101"),
		measure("2", "Trivsel på skolen", "skole", "trivsel-skole", "trivsel-skole=85@2030", "middels", "ansvar=210", "100", ""),
		measure("3", "Skolemiljø", "skole", "trivsel-skole", "trivsel-skole=80@2030", "lav", "", "100", ""),
	}); err != nil {
		t.Fatal(err)
	}
	ansvar, err := budget.ParsePattern("100-199")
	if err != nil {
		t.Fatal(err)
	}
	art, err := budget.ParsePattern("010-480")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ReplaceRatings(ctx, "vurdering.csv", []budget.Rating{
		{Funksjon: "232", Ansvar: &ansvar, Art: &art, Grade: budget.Grades[0], Reason: "Helsestasjonen når alle barn."},
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveTargets(ctx, []indicators.Target{
		{Indicator: "sosialhjelp", Area: "990101", BaselineYear: 2023, BaselineValue: dec("5.0"), TargetYear: 2030, TargetValue: dec("3.5")},
		{Indicator: "trivsel-skole", Area: "9901", BaselineYear: 2023, BaselineValue: dec("84"), TargetYear: 2030, TargetValue: dec("90")},
	}); err != nil {
		t.Fatal(err)
	}
	addValues(t, db, "sosialhjelp", "990101", "2023", "5.0", "2025", "4.8")
	addValues(t, db, "sosialhjelp", "9901", "2025", "3.9")
	addValues(t, db, "trivsel-skole", "9901", "2023-2024", "84.0", "2024-2025", "86.0")
	return db
}

// addValues stores one vintage of values (period, value pairs) for an area.
func addValues(t testing.TB, db *sqlite.DB, id, area string, pv ...string) {
	t.Helper()
	im, err := db.BeginIndicatorImport(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer im.Rollback()
	sha := id + area + strings.Join(pv, ",")
	if _, err := im.BeginVintage(sqlite.Vintage{Indicator: id, Source: id + ".csv", SHA256: sha, ImportedAt: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(pv); i += 2 {
		p, err := indicators.ParsePeriod(pv[i])
		if err != nil {
			t.Fatal(err)
		}
		v := dec(pv[i+1])
		if err := im.Add(indicators.Value{Indicator: id, Area: area, Period: p, Value: &v}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := im.Commit(); err != nil {
		t.Fatal(err)
	}
}

// addSampleValues stores the sample municipality's headline series of the
// indicators the sample's måltall name, so its Resultatindikatorer rows
// have values to judge.
func addSampleValues(t testing.TB, db *sqlite.DB) {
	t.Helper()
	for _, id := range []string{"trivsel-skole", "frafall-vgs", "sosialhjelp", "grunnskolepoeng", "rekreasjonsareal"} {
		byArea := map[string][]string{}
		var order []string
		for _, r := range sample.Rows(id) {
			if r.Value == nil || len(r.Dims) > 0 && !indicators.Headline(r.Dims, nil) {
				continue
			}
			if _, ok := byArea[r.Code]; !ok {
				order = append(order, r.Code)
			}
			byArea[r.Code] = append(byArea[r.Code], r.Period, decimal.NewFromFloat(*r.Value).String())
		}
		for _, a := range order {
			addValues(t, db, id, a, byArea[a]...)
		}
	}
}

func TestWrite_SecondDataset(t *testing.T) {
	db := secondFixture(t)
	ctx := context.Background()
	k27 := budget.Key{Year: 2027, Version: budget.Vedtatt}
	b, err := model.Load(ctx, db, catalogue(t), k27)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	links := func(fn func(budget.Link) error) error { return db.EachLink(ctx, k27, fn) }
	if err := workbook.Write(&buf, b, links, workbook.Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	t.Run("gross operating expenditure and the share", func(t *testing.T) {
		// Worked out from the workspace's lines, not from the model.
		var gross, linkedGross, linked int64
		err := db.Lines(ctx, k27, func(l *budget.Line) error {
			if kostraGross(l.Art) {
				gross += l.OreFor(k27)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		ls, err := db.Links(ctx, k27)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range ls {
			linked += l.CountedOre
			if kostraGross(l.Line.Art) {
				linkedGross += l.CountedOre
			}
		}
		// 010+270+710 of ansvar 110 at 50 %, 010+590+690+729 of 210 at 100 %;
		// 500 (renter) and 810 (income) are linked but not gross.
		if want := int64(1_000_000_00+200_000_50-50_000_00)/2 + 2_000_000_00 + 80_000_00 - 30_000_00 - 45_000_25; linkedGross != want {
			t.Fatalf("the test's own sum %d, want %d", linkedGross, want)
		}
		rs, _ := f.GetRows(workbook.SheetSummary, excelize.Options{RawCellValue: true})
		label := "Brutto driftsutgifter etter KOSTRA (art 010–480 og 590 minus 690, 710 og 729)"
		for _, c := range []struct {
			row  string
			want int64
		}{{label, gross}, {"Knyttet til tiltak for helseutjevning, av brutto driftsutgifter", linkedGross},
			{"Knyttet til tiltak for helseutjevning, netto etter inntekter", linked}} {
			if got := ore(t, f, workbook.SheetSummary, "B"+itoa(findRow(t, rs, c.row))); got != c.want {
				t.Errorf("%s: %d, want %d", c.row, got, c.want)
			}
		}
		share := rs[findRow(t, rs, "Andel av brutto driftsutgifter")-1][1]
		if !closeTo(share, float64(linkedGross)/float64(gross)) {
			t.Errorf("share %s, want %g", share, float64(linkedGross)/float64(gross))
		}
		if len(b.Plan) != 2 || len(rs[findRow(t, rs, label)-1]) != 3 {
			t.Errorf("plan %v, row %v: want two years", b.Plan, rs[findRow(t, rs, label)-1])
		}
	})

	t.Run("Resultatindikatorer judged against each row's måltall", func(t *testing.T) {
		rows := resultRows(t, f)
		want := map[string]struct{ area, status, distance, areaGoal string }{
			// 4,8 against the path from 5,0 (2023) to the måltall 3 (2030): 4,428571 in 2025.
			"1|sosialhjelp": {"Øvre Fjellby", "ikke i rute", "mangler 0,4\u00a0prosentpoeng", "3,5 i 2030 (målbanen)"},
			// 86 meets the måltall 85 though the kommune's path (84 → 90) is at 85,7 in 2025:
			// the old sheet said "ikke i rute".
			"2|trivsel-skole": {"Fjellby kommune", "måltallet er nådd", "1,0\u00a0prosentpoeng bedre enn måltallet", "90,0 i 2030 (målbanen)"},
			"3|trivsel-skole": {"Fjellby kommune", "måltallet er nådd", "6,0\u00a0prosentpoeng bedre enn måltallet", "90,0 i 2030 (målbanen)"},
		}
		if len(rows) != len(want) {
			t.Fatalf("%d rows, want %d: %v", len(rows), len(want), rows)
		}
		for _, r := range rows {
			w, ok := want[r.key]
			if !ok {
				t.Errorf("unexpected row %v", r)
				continue
			}
			if r.area != w.area || r.status != w.status || r.distance != w.distance || r.areaGoal != w.areaGoal {
				t.Errorf("%s: %q %q %q %q, want %q %q %q %q", r.key, r.area, r.status, r.distance, r.areaGoal, w.area, w.status, w.distance, w.areaGoal)
			}
		}
	})

	t.Run("a måltall met at the baseline is flagged", func(t *testing.T) {
		ms, err := db.Measures(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ws, err := model.GoalsReachedAtBaseline(ctx, db, catalogue(t), ms)
		if err != nil {
			t.Fatal(err)
		}
		if len(ws) != 1 || ws[0].Nr != "3" || ws[0].Area != "9901" {
			t.Errorf("warnings %+v, want measure 3 only (80 ≤ the baseline 84)", ws)
		}
	})

	t.Run("Bane: the distance to the goal in words", func(t *testing.T) {
		// sosialhjelp in Øvre Fjellby: 5,0 (2023) to 3,5 (2030); measure 1
		// takes 0,5 off by 2030, so the path with measures ends at 4,5.
		rs, _ := f.GetRows(workbook.SheetPath)
		var got []string
		for _, r := range rs[4:] {
			if len(r) > 8 && r[0] == "Mottakere av økonomisk sosialhjelp 20–66 år" {
				got = append(got, r[8])
			}
		}
		if len(got) != 1 || got[0] != "mangler 1,0\u00a0prosentpoeng" {
			t.Errorf("distance to the goal %q, want [\"mangler 1,0 prosentpoeng\"]", got)
		}
	})

	t.Run("wording", func(t *testing.T) { assertWording(t, buf.Bytes(), "nb") })
}

// resultRow is a row of Resultatindikatorer as text.
type resultRow struct{ key, area, status, distance, areaGoal string }

func resultRows(t *testing.T, f *excelize.File) []resultRow {
	t.Helper()
	rs, err := f.GetRows(workbook.SheetResults)
	if err != nil {
		t.Fatal(err)
	}
	head := rs[3]
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, h := range []string{"Nr", "Resultatindikator", "Område", "Avstand", "Status mot måltallet", "Områdets mål"} {
		if _, ok := col[h]; !ok {
			t.Fatalf("no column %q in %v", h, head)
		}
	}
	cell := func(r []string, h string) string {
		if col[h] < len(r) {
			return r[col[h]]
		}
		return ""
	}
	var out []resultRow
	for _, r := range rs[4:] {
		if len(r) == 0 || r[0] == "" {
			continue
		}
		out = append(out, resultRow{key: r[0] + "|" + indicatorID(t, cell(r, "Resultatindikator")), area: cell(r, "Område"),
			status: cell(r, "Status mot måltallet"), distance: cell(r, "Avstand"), areaGoal: cell(r, "Områdets mål")})
	}
	return out
}

// indicatorID finds the catalogue id of an indicator's bokmål name.
func indicatorID(t *testing.T, name string) string {
	t.Helper()
	for _, ind := range catalogue(t).All() {
		if ind.Name == name {
			return ind.ID
		}
	}
	t.Fatalf("no indicator named %q", name)
	return ""
}

// TestWrite_ResultsSample checks every Resultatindikatorer row of the
// sample against the workspace: the latest value of the row's area, and a
// status that follows from the row's own måltall (a value that meets it is
// "måltallet er nådd", never "ikke i rute"), with the distance in words.
func TestWrite_ResultsSample(t *testing.T) {
	db := fixture(t)
	addSampleValues(t, db)
	ctx := context.Background()
	data, _ := export(t, db, workbook.Options{})
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	geos, _ := db.Areas(ctx)
	code := map[string]string{}
	for _, g := range geos {
		code[g.Name] = g.Code
	}
	ms, _ := db.Measures(ctx)
	goal := map[string]budget.MeasureTarget{}
	for _, m := range ms {
		for _, mt := range m.Targets {
			goal[m.Nr+"|"+mt.Indicator] = mt
		}
	}
	rows := resultRows(t, f)
	judged := 0
	for _, r := range rows {
		id := strings.SplitN(r.key, "|", 2)[1]
		mt, ok := goal[r.key]
		if !ok {
			t.Fatalf("row %s: no such måltall", r.key)
		}
		ind, _ := catalogue(t).Get(id)
		vals, err := db.IndicatorValues(ctx, id, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		var latest *indicators.Value
		for i := range vals {
			v := &vals[i]
			if v.Area == code[r.area] && v.Value != nil && indicators.Headline(v.Dims, nil) && (latest == nil || indicators.ComparePeriods(v.Period, latest.Period) > 0) {
				latest = v
			}
		}
		if latest == nil {
			if r.status != "ingen data" {
				t.Errorf("%s: no value in %s, status %q", r.key, r.area, r.status)
			}
			continue
		}
		judged++
		met := latest.Value.GreaterThanOrEqual(mt.Value)
		if ind.Better == indicators.LowerIsBetter {
			met = latest.Value.LessThanOrEqual(mt.Value)
		}
		switch {
		case met && (r.status != "måltallet er nådd" || !strings.HasSuffix(r.distance, "bedre enn måltallet") && r.distance != "på måltallet"):
			t.Errorf("%s: %s %s meets the måltall %s, but the row says %q, %q", r.key, r.area, latest.Value, mt.Value, r.status, r.distance)
		case !met && r.status == "måltallet er nådd":
			t.Errorf("%s: %s does not meet the måltall %s, but the row says it does", r.key, latest.Value, mt.Value)
		case !met && r.status == "ikke i rute" && !strings.HasPrefix(r.distance, "mangler "):
			t.Errorf("%s: off track but the distance says %q", r.key, r.distance)
		case !met && r.status == "i rute" && strings.HasPrefix(r.distance, "mangler "):
			t.Errorf("%s: on track but the distance says %q", r.key, r.distance)
		}
		if ind.Unit == indicators.Percent && r.distance != "" && !strings.Contains(r.distance, "prosentpoeng") {
			t.Errorf("%s: a distance between percentages in %q", r.key, r.distance)
		}
	}
	if judged < 5 {
		t.Errorf("only %d of %d rows have a value to judge", judged, len(rows))
	}
}
