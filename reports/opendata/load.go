package opendata

import (
	"context"
	"fmt"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// Key returns the budget published for year: the vedtatt one. Without it
// the error is EINVALID and names the budgets the workspace has, so the
// user sees what exists; an open-data package never falls back to a
// proposal, which is not the municipality's decision.
func Key(ctx context.Context, db model.KeyReader, year int) (budget.Key, error) {
	keys, err := db.Keys(ctx)
	if err != nil {
		return budget.Key{}, err
	}
	want := budget.Key{Year: year, Version: budget.Vedtatt}
	for _, k := range keys {
		if k == want {
			return want, nil
		}
	}
	have := "none"
	if len(keys) > 0 {
		have = budget.JoinKeys(keys)
	}
	return budget.Key{}, budget.Errorf(budget.EINVALID,
		"no vedtatt budget for %d: only the adopted budget is published as open data (the workspace has: %s)", year, have)
}

// Store is what Load reads, each figure through the read layer: the
// budget's lines and links and the measures' money.
type Store interface {
	model.BudgetReader
	model.MoneyReader
}

// Load gathers the package of b's budget: its lines per part, the amount
// counted for each measure on each line (the workbook's Budsjettlinjer),
// and the measures with status and money per year of the økonomiplan
// (model.MeasureMoney). b is the workbook model of a vedtatt budget
// (Key); its municipality names the publisher.
func Load(ctx context.Context, db Store, b *model.Budget) (Package, error) {
	key := b.Key
	if key.Version != budget.Vedtatt {
		return Package{}, budget.Errorf(budget.EINVALID, "open data publishes the vedtatt budget, not %s", key)
	}
	p := Package{Municipality: b.Municipality, Year: key.Year, Version: string(key.Version)}
	err := model.Lines(ctx, db, key, func(l *budget.Line) error {
		var ore int64
		for _, a := range l.Amounts {
			if a.Key == key {
				ore += a.Ore
			}
		}
		p.Lines = append(p.Lines, Line{Part: string(l.Part), Row: l.Row, Ansvar: l.Ansvar, Funksjon: l.Funksjon,
			Tjeneste: l.Tjeneste, Art: l.Art, Konto: l.Konto, Prosjekt: l.Prosjekt, Ore: ore})
		return nil
	})
	if err != nil {
		return Package{}, err
	}
	err = model.Links(ctx, db, key, func(k budget.Link) error {
		p.Linked = append(p.Linked, Linked{Nr: k.Measure, Part: string(k.Line.Part), Row: k.Line.Row,
			Ansvar: k.Line.Ansvar, Funksjon: k.Line.Funksjon, Art: k.Line.Art, Ore: k.CountedOre})
		return nil
	})
	if err != nil {
		return Package{}, err
	}
	stored, err := db.Measures(ctx)
	if err != nil {
		return Package{}, err
	}
	status := map[string]string{}
	for _, m := range stored {
		status[m.Nr] = string(m.Status)
	}
	money, err := model.MeasureMoney(ctx, db, key.Year)
	if err != nil {
		return Package{}, err
	}
	for _, m := range money.Measures {
		st, ok := status[m.Nr]
		if !ok {
			return Package{}, fmt.Errorf("measure %s: not stored", m.Nr)
		}
		for _, a := range m.Amounts {
			p.Measures = append(p.Measures, Measure{Nr: m.Nr, Name: m.Name, Status: st, Year: a.Year, Version: string(a.Version), Ore: a.Ore})
		}
	}
	return p, nil
}

// IndicatorSource is what LoadIndicators reads: the workspace's areas and
// an indicator's current values.
type IndicatorSource interface {
	Areas(ctx context.Context) ([]indicators.Geo, error)
	model.ValueReader
}

// LoadIndicators returns the published values of every indicator of cat in
// the workspace's areas: all periods and breakdowns, with the small-number
// rule applied as in a public report (indicators.Suppress, public=true), so
// no figure under the threshold, nor one that would let it be worked back,
// leaves the municipality. Values of areas the workspace does not know
// (imported for comparison only) are left out, as in the report.
func LoadIndicators(ctx context.Context, src IndicatorSource, cat *indicators.Catalogue, lang indicators.Lang) ([]IndicatorValue, error) {
	geos, err := src.Areas(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(geos))
	for _, g := range geos {
		names[g.Code] = g.Name
	}
	var out []IndicatorValue
	for _, ind := range cat.All() {
		raw, err := model.Values(ctx, src, ind.ID)
		if err != nil {
			return nil, err
		}
		var mine []indicators.Value
		for _, v := range raw {
			if _, ok := names[v.Area]; ok {
				mine = append(mine, v)
			}
		}
		for _, s := range indicators.Suppress(mine, ind, geos, true) {
			v := IndicatorValue{Indicator: ind.ID, Name: ind.NameIn(lang), Unit: string(ind.Unit), Area: s.Area, AreaName: names[s.Area],
				Period: s.Period.Label, Dims: dimsText(s.Dims), Marker: s.Marker, Note: s.Note}
			if s.Value.Value != nil && !s.Suppressed {
				v.Value = s.Value.Value.String()
			}
			out = append(out, v)
		}
	}
	return out, nil
}

// dimsText writes a breakdown as "name=value;name=value", in the order
// stored.
func dimsText(ds []indicators.Dim) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.Name + "=" + d.Value
	}
	return strings.Join(parts, ";")
}
