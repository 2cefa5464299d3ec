package letters

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// Workspace is what the letters read of the workspace (*sqlite.DB has
// it); the targets and the indicator values through the read layer
// (model.Targets, model.Values).
type Workspace interface {
	Units(ctx context.Context) ([]budget.Unit, error)
	Measures(ctx context.Context) ([]budget.Measure, error)
	Keys(ctx context.Context) ([]budget.Key, error)
	model.TargetReader
	model.ValueReader
	Areas(ctx context.Context) ([]indicators.Geo, error)
}

// Source is everything the year's letters are built from, read from the
// workspace once by Load. Building a letter from it reads nothing more, so
// letters can be built concurrently.
type Source struct {
	Year      int
	Units     []budget.Unit
	Measures  []budget.Measure // sorted by Nr
	Keys      []budget.Key     // the økonomiplan's budgets: Year to Year+3, where present
	Catalogue *indicators.Catalogue
	Wheel     *wheel.Wheel

	targets  map[[2]string]indicators.Target          // (indicator, area)
	values   map[string]map[string][]indicators.Value // indicator → area → headline values
	areas    map[string]indicators.Geo
	kommune  indicators.Geo
	unitByID map[string]*budget.Unit
	byUnit   map[string][]*budget.Measure // the measures each unit is responsible for, by Nr
	targeted map[string]bool              // areas with a target
	funded   map[string][]Funded          // by unit, by Nr
	fundedBy map[string][]string          // Nr → the units its money is attributed to
	occ      []wheel.Occurrence           // the wheel's occurrences in Year
	duties   []wheel.Occurrence           // those from Year's letters to the next year's: the year's reporting cycle
	letters  []budget.Unit                // Recipients
	seq      map[string]int
}

// Funded is the money of one measure attributed to one unit, per key of
// Source.Keys: a row of the helsebudsjett workbook's Finansiering sheet.
type Funded struct {
	Unit string
	Nr   string
	Ore  []int64
	// Investering is the part of Ore from the investeringsdel, per key;
	// nil when there is none.
	Investering []int64
}

// FinancingFunc returns the money of the stored measures attributed to
// units for the keys, as the workbook's Finansiering sheet has it, so a
// letter's total for a unit is the sheet's to the øre.
type FinancingFunc func(ctx context.Context, keys []budget.Key) ([]Funded, error)

// Load reads the year's letters' data: units, measures, the økonomiplan's
// budgets for year to year+3 (vedtatt where a year has it, else its only
// budget version; regnskap never) with the money attributed to each unit,
// targets, the headline values of the indicators concerned, areas, and
// the wheel's occurrences in year. cat is the catalogue in force and w the
// wheel in force. fin attributes the money: Financing(db) in production and
// in the tests alike, so both see the workbook's rule. A year without a
// budget of its own is budget.NoBudget's ENOTFOUND. A budget that counts
// a krone twice is the workspace's ECONFLICT error.
func Load(ctx context.Context, ws Workspace, cat *indicators.Catalogue, w *wheel.Wheel, year int, fin FinancingFunc) (*Source, error) {
	if year < 1900 || year > 2200 {
		return nil, budget.Errorf(budget.EINVALID, "year %d: give the budget year, such as 2027", year)
	}
	s := &Source{Year: year, Catalogue: cat, Wheel: w, targets: map[[2]string]indicators.Target{},
		values: map[string]map[string][]indicators.Value{}, areas: map[string]indicators.Geo{}, unitByID: map[string]*budget.Unit{}}
	var err error
	if s.Units, err = ws.Units(ctx); err != nil {
		return nil, err
	}
	for i := range s.Units {
		s.unitByID[s.Units[i].Code] = &s.Units[i]
	}
	if s.Measures, err = ws.Measures(ctx); err != nil {
		return nil, err
	}
	budget.SortMeasures(s.Measures)
	keys, err := ws.Keys(ctx)
	if err != nil {
		return nil, err
	}
	s.Keys = budget.PlanKeys(keys, year, budget.Vedtatt)
	if len(s.Keys) == 0 || s.Keys[0].Year != year {
		// The letters cite the council's budget decision for year: without
		// a budget for it they would state one that was never made.
		return nil, budget.NoBudget(budget.Key{Year: year, Version: budget.Vedtatt}, keys)
	}
	if fin == nil {
		return nil, budget.Errorf(budget.EINTERNAL, "letters: no rule for the measures' money: give Financing(db)")
	}
	funded, err := fin(ctx, s.Keys)
	if err != nil {
		return nil, fmt.Errorf("the measures' money in %d–%d: %w", year, year+3, err)
	}
	s.funded, s.fundedBy = map[string][]Funded{}, map[string][]string{}
	for _, f := range funded {
		s.funded[f.Unit] = append(s.funded[f.Unit], f)
		s.fundedBy[f.Nr] = append(s.fundedBy[f.Nr], f.Unit)
	}
	for _, fs := range s.funded {
		sort.SliceStable(fs, func(i, j int) bool { return budget.CompareNr(fs[i].Nr, fs[j].Nr) < 0 })
	}
	ts, err := model.Targets(ctx, ws, "")
	if err != nil {
		return nil, err
	}
	need := map[string]bool{}
	for _, t := range ts {
		s.targets[[2]string{t.Indicator, t.Area}] = t
		need[t.Indicator] = true
	}
	for _, m := range s.Measures {
		for _, id := range m.Indicators {
			need[id] = true
		}
	}
	ids := make([]string, 0, len(need))
	for id := range need {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		vs, err := model.Values(ctx, ws, id)
		if err != nil {
			return nil, err
		}
		byArea := map[string][]indicators.Value{}
		for _, v := range vs {
			if indicators.Headline(v.Dims, nil) {
				byArea[v.Area] = append(byArea[v.Area], v)
			}
		}
		s.values[id] = byArea
	}
	geos, err := ws.Areas(ctx)
	if err != nil {
		return nil, err
	}
	for _, g := range geos {
		s.areas[g.Code] = g
		if g.Level == indicators.Kommune && s.kommune.Code == "" {
			s.kommune = g
		}
	}
	if w != nil {
		s.occ = w.Year(year)
		s.duties = w.Occurrences(lettersAt(w, year), lettersAt(w, year+1))
	}
	s.index()
	return s, nil
}

// ReportingUnit is the unit that reports for a measure: the one marked *
// (budget.Measure.Reporting), else its first responsible unit.
func ReportingUnit(m *budget.Measure) string {
	if m.Reporting != "" {
		return m.Reporting
	}
	if len(m.Responsible) > 0 {
		return m.Responsible[0]
	}
	return ""
}

// counts reports whether a measure belongs in the year's letters: adopted
// (vedtatt or igangsatt) and running in the year.
func counts(m *budget.Measure, year int) bool { return m.Status.Adopted() && m.ActiveIn(year) }

// index computes what every letter looks up: each unit's measures, the
// areas with targets, the recipients and their numbers.
func (s *Source) index() {
	s.byUnit = map[string][]*budget.Measure{}
	for i := range s.Measures {
		m := &s.Measures[i]
		for _, u := range m.Responsible {
			s.byUnit[u] = append(s.byUnit[u], m)
		}
	}
	s.targeted = map[string]bool{}
	for k := range s.targets {
		s.targeted[k[1]] = true
	}
	s.seq = map[string]int{}
	for _, u := range s.Units {
		if s.hasDuties(&u) {
			s.letters = append(s.letters, u)
			s.seq[u.Code] = len(s.letters)
		}
	}
}

// Recipients returns the units that get a letter for the year, in the
// workspace's order: those responsible for an adopted measure running in
// the year (which includes every reporting unit), and bydel units whose
// bydel has targets for indicators.
func (s *Source) Recipients() []budget.Unit { return append([]budget.Unit(nil), s.letters...) }

func (s *Source) hasDuties(u *budget.Unit) bool {
	for _, m := range s.byUnit[u.Code] {
		if counts(m, s.Year) {
			return true
		}
	}
	return u.Kind == budget.BydelUnit && u.Bydel != "" && s.targeted[u.Bydel]
}

// Unit returns the unit with the code.
func (s *Source) Unit(code string) (*budget.Unit, bool) {
	u, ok := s.unitByID[code]
	return u, ok
}

// unitName is the unit's name, or its code when it is not stored.
func (s *Source) unitName(code string) string {
	if u, ok := s.unitByID[code]; ok {
		return u.Name
	}
	return code
}

// lettersAt is when the wheel sends the year's letters (its first letters
// task in the year), or 1 January when it sends none.
func lettersAt(w *wheel.Wheel, year int) time.Time {
	for _, o := range w.Year(year) {
		if o.Task.Action == wheel.Letters {
			return o.At
		}
	}
	return time.Date(year, 1, 1, 0, 0, 0, 0, wheel.Oslo())
}

// DefaultDate is the letters' date when none is given: the day of the
// wheel's first `letters` occurrence in the year, else the first working
// day of the year. It never depends on the clock, so the same workspace
// gives the same letters.
func (s *Source) DefaultDate() time.Time {
	for _, o := range s.occ {
		if o.Task.Action == wheel.Letters {
			t := o.At.In(wheel.Oslo())
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, wheel.Oslo())
		}
	}
	d, _ := wheel.NextWorkingDay(time.Date(s.Year, 1, 1, 0, 0, 0, 0, wheel.Oslo()))
	return d
}
