package annual

import (
	"context"
	"fmt"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// loadMoney fills the chapter Budsjett from the helsebudsjett model
// (reports/model) of the year's budget and of the year before's.
func (l *loader) loadMoney(ctx context.Context, r *Report) error {
	m := &r.Money
	m.Key, m.Prev = r.Budget, budgetKey(l.keys, r.Year-1)
	m.ByEffort, m.ByDeterminant, m.ByUnit, m.Grades, m.Notes = []Compare{}, []Compare{}, []Compare{}, []GradeRow{}, []string{}
	var cur, prev *model.Budget
	var err error
	if m.Key.Year != 0 {
		if cur, err = model.LoadWith(ctx, l.db, l.cat, m.Key, model.Options{Gross: l.opt.Gross}); err != nil {
			return fmt.Errorf("annual report: budget %s: %w", m.Key, err)
		}
	} else {
		m.Notes = append(m.Notes, fmt.Sprintf(l.t("Kommunen har ikke vedtatt eller revidert budsjett for %d i grunnlaget.",
			"Kommunen har ikkje vedteke eller revidert budsjett for %d i grunnlaget."), r.Year))
	}
	if m.Prev.Year != 0 {
		if prev, err = model.LoadWith(ctx, l.db, l.cat, m.Prev, model.Options{Gross: l.opt.Gross}); err != nil {
			return fmt.Errorf("annual report: budget %s: %w", m.Prev, err)
		}
	} else {
		m.Notes = append(m.Notes, fmt.Sprintf(l.t("Kommunen har ikke budsjett for %d i grunnlaget, så tabellene viser bare %d og har ingen kolonne for året før eller for endring.",
			"Kommunen har ikkje budsjett for %d i grunnlaget, så tabellane viser berre %d og har inga kolonne for året før eller for endring."), r.Year-1, r.Year))
	}
	first := func(b *model.Budget) model.YearTotals {
		if b == nil || len(b.Years) == 0 {
			return model.YearTotals{}
		}
		return b.Years[0]
	}
	gross := l.opt.Gross
	if len(gross.Include) == 0 {
		gross = budget.KOSTRAGross()
	}
	m.Base = gross.Label(l.lang == indicators.Nynorsk)
	y, py := first(cur), first(prev)
	m.Linked, m.LinkedGross, m.Expenses = y.Linked, y.LinkedGross, y.Expenses
	m.PrevLinked, m.PrevExpenses = py.Linked, py.Expenses
	// The share is the driftsdel's; money linked in the investeringsdel is
	// said beside it, never added to a share of operating expenditure.
	if y.LinkedInvestering != 0 {
		m.Notes = append(m.Notes, fmt.Sprintf(l.t("Andelen er regnet av driftsdelen. I tillegg er %s kr i investeringsdelen knyttet til tiltak.",
			"Delen er rekna av driftsdelen. I tillegg er %s kr i investeringsdelen knytt til tiltak."), KronerOf(WholeKroner(y.LinkedInvestering))))
	}
	groups := func(get func(*model.Budget) []model.Group) []Compare {
		var out []Compare
		at := map[string]int{}
		for i, b := range []*model.Budget{cur, prev} {
			if b == nil {
				continue
			}
			for _, g := range get(b) {
				ore := int64(0)
				if len(g.Ore) > 0 {
					ore = g.Ore[0]
				}
				j, ok := at[g.Name]
				if !ok {
					j = len(out)
					at[g.Name] = j
					out = append(out, Compare{Name: g.Name})
				}
				if i == 0 {
					out[j].Ore = ore
				} else {
					out[j].PrevOre = ore
				}
			}
		}
		if out == nil {
			out = []Compare{}
		}
		return out
	}
	m.ByEffort = groups(func(b *model.Budget) []model.Group { return b.ByEffort })
	m.ByDeterminant = groups(func(b *model.Budget) []model.Group { return b.ByDeterminant })
	m.ByUnit = groups(func(b *model.Budget) []model.Group { return b.ByUnit })
	for _, g := range append(append([]budget.Grade{}, budget.Grades...), budget.Unrated) {
		row := GradeRow{Grade: g}
		if cur != nil {
			for _, x := range cur.Grades {
				if x.Grade == g {
					row.Lines, row.Expenses = x.Lines, x.Expenses
				}
			}
		}
		if prev != nil {
			for _, x := range prev.Grades {
				if x.Grade == g {
					row.PrevExpenses = x.Expenses
				}
			}
		}
		m.Grades = append(m.Grades, row)
	}
	return nil
}
