package sample

import "github.com/helsebudsjett/helsebudsjett/budget"

// The sample's years: BudgetYear is the first year of its økonomiplan
// (okonomiplan-2027-2030.xlsx, budsjettforslag-2027.xlsx); ReportYear is
// the year before, the one with revidert budget and accounts
// (regnskap-2026.csv), on which its units write their tertial reports.
const (
	BudgetYear = 2027
	ReportYear = 2026
)

// story is how a measure fares through the year: its status, the share of
// the year's money spent (in per mille), and the texts, per term.
type story [3]struct {
	status    budget.Progress
	permille  int64
	comment   string
	deviation string
}

var stories = []story{
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

// TertialReport is the sample unit's report on measure nr for period p:
// its status, texts and spending (a share of levelOre, the measure's
// money for the year; none given when levelOre is not positive). It is
// deterministic, the same for the same arguments, so the demo's forms and
// documents are the same bytes every run.
func TertialReport(nr string, p budget.Period, levelOre int64) *budget.MeasureReport {
	st := stories[storyIndex(nr)%len(stories)]
	step := st[p.Term.Rank()]
	r := &budget.MeasureReport{Measure: nr, Status: step.status, Comment: step.comment, Deviation: step.deviation}
	if levelOre > 0 {
		r.SpentOre, r.SpentGiven = levelOre/1000*step.permille, true
		if step.permille == 1000 {
			r.SpentOre = levelOre
		}
	}
	return r
}

// storyOf gives the sample's 2026 measures their stories: most on track,
// two delayed for a while, one delayed at year end, one stopped.
var storyOf = map[string]int{"3": 2, "4": 1, "10": 3, "11": 4, "13": 0, "14": 0, "15": 2, "16": 1, "19": 0, "20": 0}

// storyIndex picks a measure's story, the same from term to term.
func storyIndex(nr string) int {
	if i, ok := storyOf[nr]; ok {
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
