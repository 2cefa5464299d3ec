package model

import (
	"context"
	"sort"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// FundedMeasure is one measure's money attributed to one unit, per key.
type FundedMeasure struct {
	Nr   string  `json:"nr"`
	Name string  `json:"name"`
	Ore  []int64 `json:"ore"` // per key, in the order of UnitFinancing.Keys
	// Investering is the part of Ore from lines of the investeringsdel,
	// per key; the rest (Drift) is the driftsdel's, where a file holding
	// both parts counts.
	Investering []int64 `json:"investering"`
}

// Drift returns the part of Ore from the driftsdel, per key.
func (m FundedMeasure) Drift() []int64 {
	out := make([]int64, len(m.Ore))
	for i := range m.Ore {
		out[i] = m.Ore[i]
		if i < len(m.Investering) {
			out[i] -= m.Investering[i]
		}
	}
	return out
}

// UnitFinancing is one unit's part of the Finansiering sheet: the measures
// whose money is attributed to it and its total per key.
//
// Attribution, so that every krone counted for a measure is attributed to
// one unit exactly once: a budget line counted for a measure goes to the
// one of the measure's responsible units (Ansvarlig) that holds the line's
// ansvar (budget.Unit.Ansvar); when none of them holds it, to the unit
// that reports for the measure (the one marked "*"). A measure run by two
// bydeler from their own ansvar is thus split between them as the budget
// splits it, and the sum over all units is the sum over all measures.
type UnitFinancing struct {
	Unit     budget.Unit     `json:"unit"`
	Keys     []budget.Key    `json:"keys"`
	Measures []FundedMeasure `json:"measures"` // by Nr (budget.CompareNr)
	Total    []int64         `json:"total"`    // per key
	// TotalInvestering is the part of Total from the investeringsdel.
	TotalInvestering []int64 `json:"total_investering"`
}

// Financing returns, for the keys given (an økonomiplan's, see PlanKeys),
// the money of the stored measures attributed to each unit as
// UnitFinancing says, units in Norwegian alphabetical order of name and
// only those with a measure. Each key's dataset is read once. A key
// without a current dataset is ENOTFOUND; a line counted more than 100 %
// is ECONFLICT (see the store's EachLink).
func Financing(ctx context.Context, db FinancingReader, keys []budget.Key) ([]UnitFinancing, error) {
	ms, err := db.Measures(ctx)
	if err != nil {
		return nil, err
	}
	us, err := db.Units(ctx)
	if err != nil {
		return nil, err
	}
	lt, err := countLinks(ctx, db, keys, ms, us, budget.KOSTRAGross())
	if err != nil {
		return nil, err
	}
	return lt.financing(ms, us, keys), nil
}

// linkTotals are the amounts counted per key for each measure and for
// each (unit, measure).
type linkTotals struct {
	measure map[string][]int64      // by Nr, per key
	unit    map[unitMeasure][]int64 // per key
	gross   []int64                 // per key: the counted amounts that are gross operating expenditure (driftsdel)
	// measureInv and unitInv are measure and unit for the lines of the
	// investeringsdel only.
	measureInv map[string][]int64
	unitInv    map[unitMeasure][]int64
}

type unitMeasure struct{ unit, nr string }

// countLinks reads the links of ms for every key once; gross is the base
// the linked gross operating expenditure is counted on.
func countLinks(ctx context.Context, db FinancingReader, keys []budget.Key, ms []budget.Measure, us []budget.Unit, gross budget.GrossBase) (*linkTotals, error) {
	byCode := map[string]*budget.Unit{}
	for i := range us {
		byCode[us[i].Code] = &us[i]
	}
	byNr := map[string]*budget.Measure{}
	for i := range ms {
		byNr[ms[i].Nr] = &ms[i]
	}
	lt := &linkTotals{measure: map[string][]int64{}, unit: map[unitMeasure][]int64{}, gross: make([]int64, len(keys)),
		measureInv: map[string][]int64{}, unitInv: map[unitMeasure][]int64{}}
	add := func(m map[string][]int64, k string, i int, ore int64) error {
		v := m[k]
		if v == nil {
			v = make([]int64, len(keys))
			m[k] = v
		}
		s, ok := budget.SumOre(v[i], ore)
		if !ok {
			return budget.Errorf(budget.EINVALID, "the amount of measure %s in %s is too large", k, keys[i])
		}
		v[i] = s
		return nil
	}
	for i, key := range keys {
		err := db.EachLink(ctx, key, func(l budget.Link) error {
			if err := add(lt.measure, l.Measure, i, l.CountedOre); err != nil {
				return err
			}
			um := unitMeasure{attribute(byNr[l.Measure], l.Line, byCode), l.Measure}
			units := []map[unitMeasure][]int64{lt.unit}
			if l.Line.Part == budget.Investering {
				// The investeringsdel's money is shown apart and is no
				// gross operating expenditure.
				units = append(units, lt.unitInv)
				v := lt.measureInv[l.Measure]
				if v == nil {
					v = make([]int64, len(keys))
					lt.measureInv[l.Measure] = v
				}
				v[i] += l.CountedOre // cannot overflow: bounded by the measure's total above
			}
			for _, m := range units {
				v := m[um]
				if v == nil {
					v = make([]int64, len(keys))
					m[um] = v
				}
				v[i] += l.CountedOre // cannot overflow: bounded by the measure's total above
			}
			if l.Line.Part == budget.Investering {
				return nil
			}
			g, ok := budget.SumOre(lt.gross[i], gross.Counts(l.Line.Art, l.CountedOre))
			if !ok {
				return budget.Errorf(budget.EINVALID, "the amount linked to measures in %s is too large", keys[i])
			}
			lt.gross[i] = g
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return lt, nil
}

// attribute returns the unit a link of measure m to line l is attributed
// to (see UnitFinancing).
func attribute(m *budget.Measure, l *budget.Line, units map[string]*budget.Unit) string {
	if m == nil {
		return ""
	}
	for _, code := range m.Responsible {
		if u := units[code]; u != nil && u.OwnsAnsvar(l.Ansvar) {
			return code
		}
	}
	return m.Reporting
}

// financing arranges the unit totals as UnitFinancing rows.
func (lt *linkTotals) financing(ms []budget.Measure, us []budget.Unit, keys []budget.Key) []UnitFinancing {
	names := map[string]string{}
	for _, m := range ms {
		names[m.Nr] = m.Name
	}
	byUnit := map[string]*UnitFinancing{}
	for um, ore := range lt.unit {
		uf := byUnit[um.unit]
		if uf == nil {
			uf = &UnitFinancing{Unit: budget.Unit{Code: um.unit, Name: um.unit}, Keys: keys, Total: make([]int64, len(keys)),
				TotalInvestering: make([]int64, len(keys))}
			for _, u := range us {
				if u.Code == um.unit {
					uf.Unit = u
				}
			}
			byUnit[um.unit] = uf
		}
		inv := lt.unitInv[um]
		if inv == nil {
			inv = make([]int64, len(keys))
		}
		uf.Measures = append(uf.Measures, FundedMeasure{Nr: um.nr, Name: names[um.nr], Ore: ore, Investering: inv})
		for i, o := range ore {
			uf.Total[i] += o
			uf.TotalInvestering[i] += inv[i]
		}
	}
	out := make([]UnitFinancing, 0, len(byUnit))
	for _, uf := range byUnit {
		sort.Slice(uf.Measures, func(i, j int) bool { return budget.CompareNr(uf.Measures[i].Nr, uf.Measures[j].Nr) < 0 })
		out = append(out, *uf)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Unit.Name != out[j].Unit.Name {
			return indicators.NorwegianLess(out[i].Unit.Name, out[j].Unit.Name)
		}
		return out[i].Unit.Code < out[j].Unit.Code
	})
	return out
}
