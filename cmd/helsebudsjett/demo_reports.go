package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

// demoReportYear is the year the demo's units report on: the sample
// municipality's previous year, the one with accounts (regnskap-2026).
const demoReportYear = 2026

// demoReports fills in the sample municipality's reporting forms for the
// 1st and 2nd tertial and the year of demoReportYear, writes them under
// outDir/tertialrapporter-2026/, and imports them into db, in period
// order, so the annual report has statuses, changes between tertials,
// deviation notes and spending to show. db must hold the sample budget,
// accounts, units and measures. The forms are the same bytes every run.
//
// The sample's measures that run in 2026 are those without a Start year
// (igangsatt before the økonomiplan); the reports cover them.
func demoReports(ctx context.Context, db *sqlite.DB, outDir string, w io.Writer) error {
	dir := filepath.Join(outDir, fmt.Sprintf("tertialrapporter-%d", demoReportYear))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("demo: make %s: %w", dir, err)
	}
	spend, err := tertial.SpentVsBudget(ctx, db, demoReportYear)
	if err != nil {
		return fmt.Errorf("demo reports: %w", err)
	}
	level := map[string]int64{} // the measure's yearly money, to report spending against
	for _, s := range spend {
		switch {
		case s.AccountLines > 0:
			level[s.Measure] = s.AccountsOre
		case s.BudgetLines > 0:
			level[s.Measure] = s.BudgetOre
		}
	}
	// Measures whose budget link picks no 2026 line (the 2026 accounts have
	// no 5-digit tjeneste) report spending at the level of the next year's
	// budget, as the unit's own books would show it.
	if next, err := db.MeasureTotals(ctx, budget.Key{Year: demoReportYear + 1, Version: budget.Vedtatt}); err == nil {
		for nr, ore := range next {
			if _, ok := level[nr]; !ok {
				level[nr] = ore
			}
		}
	}
	fmt.Fprintf(w, "\nTertial reports %d (filled-in forms in %s):\n", demoReportYear, dir)
	for _, term := range budget.Terms {
		period := budget.Period{Year: demoReportYear, Term: term}
		forms, err := tertial.Forms(ctx, db, period)
		if err != nil {
			return err
		}
		for _, form := range forms {
			form.Municipality = templates.SampleName
			for i := range form.Rows {
				r := &form.Rows[i]
				r.Report = demoReport(r.Measure.Nr, period, level[r.Measure.Nr])
			}
			p := filepath.Join(dir, tertial.FileName(form.Unit.Code, period))
			if err := tertial.WriteFile(p, form); err != nil {
				return err
			}
			out, err := tertial.Import(ctx, db, p, tertial.ImportOptions{Options: tertial.Options{Unit: form.Unit.Code, Period: period}})
			if err != nil {
				return fmt.Errorf("demo import of %s: %w", filepath.Base(p), err)
			}
			printReportImport(w, w, out)
			if out.Status != imports.Imported && out.Status != imports.Unchanged {
				return fmt.Errorf("demo import of %s: %s", filepath.Base(p), out.Status)
			}
		}
	}
	return nil
}

// demoStory is how a measure fares through the year: its status, the
// share of the year's money spent (in per mille), and the texts, per term.
type demoStory [3]struct {
	status    budget.Progress
	permille  int64
	comment   string
	deviation string
}

var demoStories = []demoStory{
	{
		{budget.IRute, 310, "Tiltaket går som planlagt. Alle stillinger er besatt.", ""},
		{budget.IRute, 640, "Tiltaket går som planlagt. Flere deltakere enn i fjor.", ""},
		{budget.IRute, 1000, "Gjennomført som planlagt i hele året. Videreføres i 2027.", ""},
	},
	{
		{budget.IRute, 290, "Oppstart i januar som planlagt.", ""},
		{budget.Forsinket, 520, "Deler av tiltaket er utsatt.",
			"To av fire stillinger har stått ledige siden mai; rekruttering pågår. Aktivitetene er flyttet til høsten, og tiltaket ventes å være i rute ved årsskiftet."},
		{budget.IRute, 1000, "Stillingene ble besatt i september, og etterslepet er tatt igjen.", ""},
	},
	{
		{budget.IkkeStartet, 0, "Avventer avklaring av lokaler.", ""},
		{budget.IRute, 450, "Startet i mars da lokalene var klare.", ""},
		{budget.Fullfort, 1000, "Årets aktiviteter er fullført.", ""},
	},
	{
		{budget.IRute, 330, "Drift som normalt.", ""},
		{budget.IRute, 660, "Drift som normalt. Ventetiden er redusert.", ""},
		{budget.Forsinket, 1000, "Økt pågang mot slutten av året.",
			"Ventetiden økte til seks uker i november og desember etter sykefravær. Vikar er innleid fra januar 2027, og ventetiden følges månedlig."},
	},
	{
		{budget.IRute, 300, "Tiltaket er i gang i begge bydelene.", ""},
		{budget.Forsinket, 560, "Samarbeidet med frivillige er forsinket.",
			"Avtalen med frivilligsentralen ble ikke inngått før i august; aktivitetene i Elvebakken startet derfor senere enn planlagt."},
		{budget.Avbrutt, 1000, "Samarbeidet med frivilligsentralen er avsluttet; resten av året ble arbeidet gjort i egen regi.",
			"Frivilligsentralen trakk seg fra samarbeidet i oktober, og den frivillige delen av tiltaket ble avbrutt. Midlene ble brukt på familieveiledning i egen regi; tiltakets innretning vurderes på nytt i budsjettet for 2028."},
	},
}

// demoReport is the deterministic report on measure nr for period p,
// spending a share of level øre.
func demoReport(nr string, p budget.Period, level int64) *budget.MeasureReport {
	story := demoStories[storyIndex(nr)%len(demoStories)]
	step := story[p.Term.Rank()]
	r := &budget.MeasureReport{Measure: nr, Status: step.status, Comment: step.comment, Deviation: step.deviation}
	if level > 0 {
		r.SpentOre, r.SpentGiven = level/1000*step.permille, true
		if step.permille == 1000 {
			r.SpentOre = level
		}
	}
	return r
}

// demoStoryOf gives the sample's 2026 measures their stories: most on
// track, two delayed for a while, one delayed at year end, one stopped.
var demoStoryOf = map[string]int{"3": 2, "4": 1, "10": 3, "11": 4, "13": 0, "14": 0, "15": 2, "16": 1, "19": 0, "20": 0}

// storyIndex picks a measure's story, the same from term to term.
func storyIndex(nr string) int {
	if i, ok := demoStoryOf[nr]; ok {
		return i
	}
	h := 0
	for _, c := range nr {
		h = h*31 + int(c)
	}
	if h < 0 {
		h = -h
	}
	return h
}
