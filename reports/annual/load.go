package annual

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// Load reads the annual report for opt.Year from the workspace, every
// figure through the read layer (reports/model). cat is the
// indicator catalogue in force (the built-in one with the workspace's
// overrides).
//
// The year must have a budget (vedtatt or revidert) or reports from the
// units; otherwise Load returns an EINVALID *budget.Error naming the
// years that have budgets (the year asked for is the input at fault). A year outside 1900-2200 is EINVALID. Every
// indicator of cat with values in the workspace gets a section; the
// others are listed in Om tallene.
func Load(ctx context.Context, db model.DocumentStore, cat *indicators.Catalogue, opt Options) (*Report, error) {
	if opt.Year < 1900 || opt.Year > 2200 {
		return nil, budget.Errorf(budget.EINVALID, "year %d: give a four-digit year, such as --year 2026", opt.Year)
	}
	if opt.Lang == "" {
		opt.Lang = indicators.Bokmal
	}
	if opt.By == "" {
		opt.By = DefaultBy
	}
	if opt.Term == "" {
		opt.Term = budget.TermYear
	}
	if opt.Term.Rank() >= len(budget.Terms) {
		return nil, budget.Errorf(budget.EINVALID, "term %q: use T1, T2 or year", opt.Term)
	}
	l := &loader{db: db, cat: cat, opt: opt, lang: opt.Lang, names: map[string]indicators.Geo{}}
	r := &Report{Year: opt.Year, Public: opt.Public, Lang: opt.Lang}
	if err := l.base(ctx, r); err != nil {
		return nil, err
	}
	if err := l.loadMeasures(ctx, r); err != nil {
		return nil, err
	}
	if r.Budget.Year == 0 && len(r.Reported) == 0 {
		var years []string
		for _, k := range l.keys {
			if k.Version != budget.Regnskap && (len(years) == 0 || years[len(years)-1] != strconv.Itoa(k.Year)) {
				years = append(years, strconv.Itoa(k.Year))
			}
		}
		return nil, budget.Errorf(budget.EINVALID, "no budget and no reports for %d: the workspace has budgets for %s; "+
			"import the year's budget (helsebudsjett import budget) or choose another --year", opt.Year, strings.Join(years, ", "))
	}
	if err := l.loadIndicators(ctx, r); err != nil {
		return nil, err
	}
	if err := l.loadMoney(ctx, r); err != nil {
		return nil, err
	}
	l.summarize(r)
	l.about(r)
	if err := l.date(ctx, r); err != nil {
		return nil, err
	}
	return r, nil
}

// loader carries what the parts of Load share.
type loader struct {
	db       model.DocumentStore
	cat      *indicators.Catalogue
	opt      Options
	lang     indicators.Lang
	geos     []indicators.Geo
	names    map[string]indicators.Geo
	keys     []budget.Key
	measures []budget.Measure
	// vintages are the indicators whose values the report shows.
	shown []string
}

func (l *loader) t(nb, nn string) string { return lang2(l.lang, nb, nn) }

// base fills the heading fields: municipality, titles, the budget key.
func (l *loader) base(ctx context.Context, r *Report) error {
	var err error
	if l.geos, err = l.db.Areas(ctx); err != nil {
		return err
	}
	for _, g := range l.geos {
		l.names[g.Code] = g
		if g.Level == indicators.Kommune && r.Kommune == "" {
			r.Kommune, r.Municipality = g.Code, g.Name
		}
	}
	if l.keys, err = l.db.Keys(ctx); err != nil {
		return err
	}
	r.Budget = budgetKey(l.keys, r.Year)
	if l.measures, err = l.db.Measures(ctx); err != nil {
		return err
	}
	budget.SortMeasures(l.measures)
	y := strconv.Itoa(r.Year)
	r.Title = l.t("Årsrapport for helsebudsjettet ", "Årsrapport for helsebudsjettet ") + y
	r.Subtitle = l.t("Tiltak, penger og indikatorer for helseutjevning i ", "Tiltak, pengar og indikatorar for helseutjamning i ") + y
	if l.opt.Term != budget.TermYear {
		p := budget.Period{Year: r.Year, Term: l.opt.Term}
		r.Title = l.t("Tertialrapport for helsebudsjettet ", "Tertialrapport for helsebudsjettet ") + y
		r.Subtitle = l.t("Status per ", "Status per ") + p.AsOfText() + " " + y + ": " + r.Subtitle
	}
	if !r.Public {
		r.Marking = l.t("Intern – ikke for offentliggjøring", "Intern – ikkje for offentleggjering")
	}
	return nil
}

// budgetKey is the year's revidert budget when there is one, else
// vedtatt; the zero Key when neither: the budget model.Spending compares
// with (budget.SpendingKeys).
func budgetKey(keys []budget.Key, year int) budget.Key {
	k, _ := budget.SpendingKeys(keys, year)
	return k
}

// date sets the document date: the latest import the report rests on
// (the year's and the year before's budget datasets, the year's reports,
// the indicator files shown), so the same workspace gives the same date.
func (l *loader) date(ctx context.Context, r *Report) error {
	asOf, err := model.LastImport(ctx, l.db, r.Year, l.shown)
	if err != nil {
		return err
	}
	r.AsOf = asOf
	r.PeriodEnd = budget.Period{Year: r.Year, Term: l.opt.Term}.AsOf()
	r.Date = reportDate(r.AsOf, r.PeriodEnd, l.opt)
	return nil
}

// reportDate is the report's date: the latest import (asOf), or the date
// the wheel's report task gives when that is later (opt.Date when the
// wheel runs the report, else the task's first occurrence after the
// period ends), and never a date before end, the period's last day.
func reportDate(asOf, end time.Time, opt Options) time.Time {
	date := asOf
	task := opt.Date
	if task.IsZero() && opt.Wheel != nil {
		from := time.Date(end.Year(), end.Month(), end.Day()+1, 0, 0, 0, 0, wheel.Oslo())
		for _, o := range opt.Wheel.Occurrences(from, from.AddDate(1, 0, 0)) {
			if o.Task.Action == wheel.Report {
				task = o.At
				break
			}
		}
	}
	if task.After(date) {
		date = task
	}
	if day(date).Before(day(end)) {
		date = end
	}
	return date.UTC()
}

// day is t's civil date in Oslo, as midnight UTC.
func day(t time.Time) time.Time {
	t = t.In(wheel.Oslo())
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// areaName is the area's name, or its code when it has none.
func (l *loader) areaName(code string) string {
	if g, ok := l.names[code]; ok && g.Name != "" {
		return g.Name
	}
	return code
}

// sortPeriods sorts periods on the time axis.
func sortPeriods(ps []indicators.Period) {
	sort.Slice(ps, func(i, j int) bool { return indicators.ComparePeriods(ps[i], ps[j]) < 0 })
}
