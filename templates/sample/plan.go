package sample

import (
	"slices"
	"strings"
	"sync"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// The amount columns of the sample, in the order of row.amt: the 2026
// budget as adopted and as revised, the 2026 accounts, and the økonomiplan
// 2027-2030 adopted in December 2026.
const (
	kV26 = iota
	kR26
	kA26
	kB27
	kP28
	kP29
	kP30
	nKeys
)

var keys = [nKeys]budget.Key{
	{Year: 2026, Version: budget.Vedtatt},
	{Year: 2026, Version: budget.Revidert},
	{Year: 2026, Version: budget.Regnskap},
	{Year: 2027, Version: budget.Vedtatt},
	{Year: 2028, Version: budget.Vedtatt},
	{Year: 2029, Version: budget.Vedtatt},
	{Year: 2030, Version: budget.Vedtatt},
}

// Keys returns the (year, version) columns the sample holds, in year and
// version order.
func Keys() []budget.Key { return slices.Clone(keys[:]) }

// sampleSeed fixes the sample. Changing it changes every amount, and the
// committed templates with them.
const sampleSeed = 20261215

// row is one line of the sample at the finest grain: the Visma-style
// tjeneste and konto.
type row struct {
	ansvar, ansvarNavn, tjeneste, konto, prosjekt, bydel string
	amt                                                  [nKeys]int64
}

// zero reports whether the amounts of keys from up to (not including) to
// are all zero.
func (r *row) zero(from, to int) bool {
	for k := from; k < to; k++ {
		if r.amt[k] != 0 {
			return false
		}
	}
	return true
}

// sampleRows is computed once; callers must not modify the result.
var sampleRows = sync.OnceValue(generate)

// Budget returns the sample's lines at their finest grain, sorted by
// ansvar, tjeneste, konto and prosjekt: Funksjon, Tjeneste, Art and Konto
// are all set, the only attribute is "Bydel" (a bydel code) on lines that
// have one, and Amounts holds every key of Keys in that order, zeros
// included. For every key the amounts sum to exactly 0.
//
// The files hold less: okonomiplan-2027-2030.xlsx the lines with money in
// 2027-2030, regnskap-2026.csv those with money in 2026, summed per
// (ansvar, tjeneste, art, prosjekt, bydel). The result is a fresh copy.
func Budget() []budget.Line {
	rows := sampleRows()
	lines := make([]budget.Line, len(rows))
	for i, r := range rows {
		l := budget.Line{
			Ansvar:   r.ansvar,
			Funksjon: funksjonOf(r.tjeneste),
			Tjeneste: r.tjeneste,
			Art:      artOf(r.konto),
			Konto:    r.konto,
			Prosjekt: r.prosjekt,
			Amounts:  make([]budget.Amount, nKeys),
		}
		if r.bydel != "" {
			l.Attributes = []budget.Attribute{{Name: "Bydel", Value: r.bydel}}
		}
		for k := range nKeys {
			l.Amounts[k] = budget.Amount{Key: keys[k], Ore: r.amt[k]}
		}
		lines[i] = l
	}
	return lines
}

// generate builds the sample: the units' activities first, then the finance
// lines that balance every key.
func generate() []row {
	g := rng{s: sampleSeed}
	var rows []row
	for _, u := range units {
		from, _ := atoi(u.AnsvarFrom)
		for i, a := range u.acts {
			ansvar := itoa(from + 10*i)
			name := u.Name + " – " + tjenester[a.tjeneste]
			for _, it := range a.prof {
				r := row{ansvar: ansvar, ansvarNavn: name, tjeneste: a.tjeneste,
					konto: it.konto, prosjekt: a.prosjekt, bydel: u.Bydel}
				base := a.size * thousand * it.permille / 1000
				r.amt = amounts(&g, scale(base, g.between(850_000, 1_150_000)), a.from, a.to, a.growth)
				rows = append(rows, r)
			}
		}
	}
	rows = append(rows, finance(&g, rows)...)
	// The merforbruk line of a year that ended in surplus holds nothing.
	rows = slices.DeleteFunc(rows, func(r row) bool { return r.zero(0, nKeys) })
	slices.SortFunc(rows, func(a, b row) int {
		return strings.Compare(a.ansvar+a.tjeneste+a.konto+a.prosjekt, b.ansvar+b.tjeneste+b.konto+b.prosjekt)
	})
	return rows
}

// amounts draws one line's amounts from its 2026 base: the revision moves a
// third of the lines, the accounts deviate from the revised budget by up to
// 6 % and carry øre, 2027 adds 4.1 % price and wage growth, and the plan
// years 2028-2030 are in fixed 2027 prices with the activity's real growth.
// Activities starting in 2027 phase in at 70 % that year.
func amounts(g *rng, base int64, from, to int, growth int64) [nKeys]int64 {
	var st style
	switch n := g.intn(40); {
	case n == 0:
		st = withOre
	case n < 5:
		st = inKroner
	}
	var a [nKeys]int64
	revise := g.intn(3) == 0
	revision := g.between(-50_000, 60_000)
	deviation := g.between(-60_000, 60_000)
	deflator := 1_041_000 + g.between(-15_000, 15_000)
	plan := base // the 2027 amount before rounding
	if from <= 2026 {
		a[kV26] = st.round(base)
		a[kR26] = a[kV26]
		if revise {
			a[kR26] = st.round(scale(a[kV26], ppm+revision))
		}
		a[kA26] = scale(a[kR26], ppm+deviation)
		plan = scale(a[kR26], deflator)
	} else {
		plan = scale(base, 700_000)
	}
	if to != 0 && to < 2027 {
		return a
	}
	a[kB27] = st.round(plan)
	if from == 2027 {
		plan = base // fully phased in from 2028
	}
	for k := kP28; k <= kP30; k++ {
		plan = scale(plan, ppm+growth*1000)
		a[k] = st.round(plan)
	}
	return a
}
