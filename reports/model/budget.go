package model

import (
	"context"
	"sort"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// Budget is everything the helsebudsjett workbook shows for one budget
// (year and version) and its økonomiplan. Amounts are øre; slices named
// Ore hold one amount per key of Plan.
type Budget struct {
	Key  budget.Key   `json:"key"`
	Plan []budget.Key `json:"plan"` // Key and the following years that have a budget (PlanKeys)
	// Gross is the base of gross operating expenditure the Expenses
	// figures and the shares are computed on; its Label says which.
	Gross        budget.GrossBase `json:"gross"`
	Municipality string           `json:"municipality,omitempty"`
	// Date is when Key's dataset was imported: the workbook's date, so the
	// same workspace gives the same file.
	Date  time.Time    `json:"date"`
	Years []YearTotals `json:"years"` // per key of Plan
	// Attributes are the names of the attributes of Key's dataset, the
	// text columns of the Budsjettlinjer sheet.
	Attributes    []string              `json:"attributes"`
	Measures      []MeasureRow          `json:"measures"` // by Nr
	Units         []budget.Unit         `json:"units"`
	Financing     []UnitFinancing       `json:"financing"`
	ByEffort      []Group               `json:"by_effort"`
	ByDeterminant []Group               `json:"by_determinant"`
	ByUnit        []Group               `json:"by_unit"` // by the unit the money is attributed to (UnitFinancing)
	Grades        []GradeRow            `json:"grades"`  // Key's lines by rating, Unrated last
	Rated         []RatedRow            `json:"rated"`   // per funksjon and rating
	Results       []ResultRow           `json:"results"`
	Trajectories  []TrajectoryRow       `json:"trajectories"`
	Catalogue     *indicators.Catalogue `json:"-"`
}

// YearTotals are one budget's totals on the Budget's Gross base, of the
// driftsdel, where the health-equity share is computed (a dataset holding
// both parts counts as driftsdel: its lines cannot be told apart):
//
//   - Expenses: gross operating expenditure (brutto driftsutgifter, the
//     sum the base counts: budget.GrossBase.Counts);
//   - Outside: every other line (income, financing, the financial arts,
//     lines without a 3-digit art), so Expenses + Outside = Net;
//   - Net: all lines (0 for a balanced operating budget);
//   - Linked: the amount counted for the measures over all their lines,
//     net of income lines;
//   - LinkedGross: the part of Linked on lines the base counts, the amount
//     to set against Expenses (the share of the budget is
//     LinkedGross / Expenses);
//   - UnknownLines, UnknownOre: the lines whose art is not a 3-digit code,
//     in Outside, to be named beside the share.
type YearTotals struct {
	Key          budget.Key `json:"key"`
	Expenses     int64      `json:"expenses"`
	Outside      int64      `json:"outside"`
	Net          int64      `json:"net"`
	Linked       int64      `json:"linked"`
	LinkedGross  int64      `json:"linked_gross"`
	UnknownLines int        `json:"unknown_lines"`
	UnknownOre   int64      `json:"unknown_ore"`

	// InvesteringExpenses and LinkedInvestering are the investeringsdel's
	// expenses (arts 000-599, budget.SideOf) and the amount counted for the
	// measures there, shown beside the share, never in it.
	InvesteringExpenses int64 `json:"investering_expenses"`
	LinkedInvestering   int64 `json:"linked_investering"`
}

// MeasureRow is a measure with the amount counted for it per plan key.
type MeasureRow struct {
	budget.Measure
	Ore []int64 `json:"ore"`
}

// Group is the amount counted for measures grouped by effort type,
// determinant or unit, per plan key.
type Group struct {
	Name string  `json:"name"`
	Ore  []int64 `json:"ore"`
}

// GradeRow is the money of Key's lines with one grade (or unrated);
// Expenses is their gross operating expenditure on the Budget's base.
type GradeRow struct {
	Grade    budget.Grade `json:"grade"`
	Lines    int          `json:"lines"`
	Expenses int64        `json:"expenses"`
	Net      int64        `json:"net"`
}

// RatedRow is the money of one funksjon under one rating (Rating nil: the
// funksjon's unrated lines); Expenses is their gross operating expenditure
// on the Budget's base.
type RatedRow struct {
	Funksjon string         `json:"funksjon"`
	Rating   *budget.Rating `json:"rating"`
	Lines    int            `json:"lines"`
	Expenses int64          `json:"expenses"`
	Net      int64          `json:"net"`
}

// Options are the choices of LoadWith.
type Options struct {
	// Gross is the base of gross operating expenditure; the zero value
	// means KOSTRA's (budget.KOSTRAGross).
	Gross budget.GrossBase
}

// Load is LoadWith on KOSTRA's gross operating expenditure.
func Load(ctx context.Context, db Store, cat *indicators.Catalogue, key budget.Key) (*Budget, error) {
	return LoadWith(ctx, db, cat, key, Options{})
}

// LoadWith gathers the Budget for key from the workspace. cat is the
// indicator catalogue in force (the default with the workspace's
// overrides). It reads key's dataset three times (totals and ratings, the
// links of every plan year, and nothing else), so it suits a million
// lines. A key without a current dataset is ENOTFOUND.
func LoadWith(ctx context.Context, db Store, cat *indicators.Catalogue, key budget.Key, opts Options) (*Budget, error) {
	plan, err := PlanKeys(ctx, db, key)
	if err != nil {
		return nil, err
	}
	gross := opts.Gross
	if len(gross.Include) == 0 {
		gross = budget.KOSTRAGross()
	}
	b := &Budget{Key: key, Plan: plan, Gross: gross, Catalogue: cat}
	if b.Attributes, err = db.AttributeNames(ctx, key); err != nil {
		return nil, err
	}
	if err := b.loadDate(ctx, db); err != nil {
		return nil, err
	}
	geos, err := db.Areas(ctx)
	if err != nil {
		return nil, err
	}
	for _, g := range geos {
		if g.Level == indicators.Kommune && b.Municipality == "" {
			b.Municipality = g.Name
		}
	}
	ms, err := db.Measures(ctx)
	if err != nil {
		return nil, err
	}
	budget.SortMeasures(ms)
	us, err := db.Units(ctx)
	if err != nil {
		return nil, err
	}
	lt, err := countLinks(ctx, db, plan, ms, us, gross)
	if err != nil {
		return nil, err
	}
	b.Units = us
	b.Financing = lt.financing(ms, us, plan)
	b.group(ms, lt)
	for i, k := range plan {
		yt, err := yearTotals(ctx, db, k, gross)
		if err != nil {
			return nil, err
		}
		for _, m := range b.Measures {
			var inv int64
			if v := lt.measureInv[m.Nr]; v != nil {
				inv = v[i]
			}
			yt.Linked += m.Ore[i] - inv
			yt.LinkedInvestering += inv
		}
		yt.LinkedGross = lt.gross[i]
		b.Years = append(b.Years, yt)
	}
	if err := b.rate(ctx, db); err != nil {
		return nil, err
	}
	if b.Results, err = Results(ctx, db, cat, ms, geos); err != nil {
		return nil, err
	}
	if b.Trajectories, err = Trajectories(ctx, db, cat, ms, geos, ""); err != nil {
		return nil, err
	}
	return b, nil
}

// loadDate sets Date from Key's dataset.
func (b *Budget) loadDate(ctx context.Context, db BudgetReader) error {
	ds, err := db.Datasets(ctx)
	if err != nil {
		return err
	}
	for _, d := range ds {
		for _, k := range d.Current {
			if k == b.Key {
				b.Date = d.ImportedAt.UTC()
			}
		}
	}
	return nil
}

// group fills Measures and the groups by effort, determinant and unit.
func (b *Budget) group(ms []budget.Measure, lt *linkTotals) {
	n := len(b.Plan)
	zero := func() []int64 { return make([]int64, n) }
	byEffort := map[string][]int64{}
	byDet := map[string][]int64{}
	for _, m := range ms {
		ore := lt.measure[m.Nr]
		if ore == nil {
			ore = zero()
		}
		b.Measures = append(b.Measures, MeasureRow{Measure: m, Ore: ore})
		for _, g := range []struct {
			m map[string][]int64
			k string
		}{{byEffort, string(m.Effort)}, {byDet, m.Determinant}} {
			if g.m[g.k] == nil {
				g.m[g.k] = zero()
			}
			for i, o := range ore {
				g.m[g.k][i] += o
			}
		}
	}
	for _, e := range budget.Efforts {
		if v, ok := byEffort[string(e)]; ok {
			b.ByEffort = append(b.ByEffort, Group{Name: string(e), Ore: v})
		}
	}
	b.ByDeterminant = ordered(byDet, indicators.Determinants)
	for _, uf := range b.Financing {
		b.ByUnit = append(b.ByUnit, Group{Name: uf.Unit.Name, Ore: uf.Total})
	}
}

// ordered lists the groups of m: those named in first in that order, the
// rest in Norwegian order, "" (not given) last as "(ikke oppgitt)".
func ordered(m map[string][]int64, first []string) []Group {
	var out []Group
	done := map[string]bool{}
	for _, k := range first {
		if v, ok := m[k]; ok {
			out = append(out, Group{Name: k, Ore: v})
			done[k] = true
		}
	}
	var rest []string
	for k := range m {
		if !done[k] && k != "" {
			rest = append(rest, k)
		}
	}
	sort.Slice(rest, func(i, j int) bool { return indicators.NorwegianLess(rest[i], rest[j]) })
	for _, k := range rest {
		out = append(out, Group{Name: k, Ore: m[k]})
	}
	if v, ok := m[""]; ok {
		out = append(out, Group{Name: "(ikke oppgitt)", Ore: v})
	}
	return out
}

// yearTotals sums key's driftsdel by art on the gross base, and the
// investeringsdel's expenses.
func yearTotals(ctx context.Context, db BudgetReader, key budget.Key, gross budget.GrossBase) (YearTotals, error) {
	yt := YearTotals{Key: key}
	inv, err := db.SummaryOf(ctx, key, budget.Investering, "art")
	if err != nil {
		return yt, err
	}
	for _, r := range inv {
		if budget.SideOf(r.Value, r.Ore) == budget.Utgift {
			yt.InvesteringExpenses += r.Ore
		}
	}
	rows, err := db.SummaryOf(ctx, key, budget.Drift, "art")
	if err != nil {
		return yt, err
	}
	sum := budget.GrossSum{Base: gross}
	for _, r := range rows {
		sum.AddLines(r.Value, r.Ore, r.Lines)
		yt.Net += r.Ore
	}
	yt.Expenses = sum.Gross
	yt.Outside = yt.Net - yt.Expenses
	yt.UnknownLines, yt.UnknownOre = sum.UnknownLines, sum.UnknownOre
	return yt, nil
}

// rate reads Key's lines once and rates each with the stored ratings
// (budget.RatingTally), counting gross expenditure on the Budget's base.
func (b *Budget) rate(ctx context.Context, db Store) error {
	rs, err := db.Ratings(ctx)
	if err != nil {
		return err
	}
	tally := budget.NewRatingTally(rs)
	err = db.Lines(ctx, b.Key, func(l *budget.Line) error {
		ore := l.OreFor(b.Key)
		tally.Add(l, ore, b.Gross.Counts(l.Art, ore))
		return nil
	})
	if err != nil {
		return err
	}
	for _, g := range tally.Grades() {
		b.Grades = append(b.Grades, GradeRow{Grade: g.Grade, Lines: g.Lines, Expenses: g.Expenses, Net: g.Net})
	}
	for _, g := range tally.Groups() {
		b.Rated = append(b.Rated, RatedRow{Funksjon: g.Funksjon, Rating: g.Rating, Lines: g.Lines, Expenses: g.Expenses, Net: g.Net})
	}
	return nil
}
