package annual

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// loadMeasures fills the chapter Tiltak: every measure that runs in the
// year with its latest report per period, the changes between them, the
// deviation notes and its budget against accounts.
func (l *loader) loadMeasures(ctx context.Context, r *Report) error {
	year := r.Year
	m := &r.Measures
	for _, t := range budget.Terms {
		if t.Rank() > l.opt.Term.Rank() {
			break
		}
		m.Periods = append(m.Periods, budget.Period{Year: year, Term: t})
	}
	units, err := l.db.Units(ctx)
	if err != nil {
		return err
	}
	unitName := map[string]string{}
	for _, u := range units {
		unitName[u.Code] = u.Name
	}
	spend, err := model.Spending(ctx, l.db, year)
	if err != nil {
		return err
	}
	spendOf := map[string]budget.MeasureSpending{}
	for _, s := range spend {
		spendOf[s.Measure] = s
		m.Budget, m.HasAcc = s.Budget, s.HasAccounts
	}
	reps, err := model.Reports(ctx, l.db, year)
	if err != nil {
		return err
	}
	byNr := map[string][]budget.MeasureReport{}
	reported := map[budget.Period]bool{}
	for _, rep := range reps {
		if rep.Period.Term.Rank() > l.opt.Term.Rank() {
			continue
		}
		byNr[rep.Measure] = append(byNr[rep.Measure], rep)
		reported[rep.Period] = true
	}
	for _, p := range m.Periods {
		if reported[p] {
			r.Reported = append(r.Reported, p)
		}
	}
	m.Rows, m.NotRunning, m.Deviations, m.Effects = []MeasureRow{}, []MeasureRef{}, []Deviation{}, []EffectRow{}
	effects := map[string][]EffectRow{}
	defer func() {
		for _, ind := range l.cat.All() {
			m.Effects = append(m.Effects, effects[ind.ID]...)
			delete(effects, ind.ID)
		}
		var rest []string
		for id := range effects {
			rest = append(rest, id)
		}
		sort.Strings(rest)
		for _, id := range rest {
			m.Effects = append(m.Effects, effects[id]...)
		}
	}()
	for i := range l.measures {
		ms := &l.measures[i]
		if !ms.ActiveIn(year) {
			m.NotRunning = append(m.NotRunning, MeasureRef{Nr: ms.Nr, Name: ms.Name, Note: l.runText(ms)})
			continue
		}
		row := MeasureRow{Nr: ms.Nr, Name: ms.Name, Unit: unitName[ms.Reporting], Effort: ms.Effort,
			Reports: make([]*budget.MeasureReport, len(m.Periods)), Spending: spendOf[ms.Nr]}
		if row.Unit == "" {
			row.Unit = ms.Reporting
		}
		for _, rep := range byNr[ms.Nr] {
			for j, p := range m.Periods {
				if rep.Period == p {
					rep := rep
					row.Reports[j] = &rep
				}
			}
		}
		row.Changes = budget.StatusChanges(ms.Nr, byNr[ms.Nr])
		for _, id := range measureIndicators(ms) {
			name := id
			if ind, ok := l.cat.Get(id); ok {
				name = dash(ind.NameIn(l.lang))
			}
			for _, t := range ms.Targets {
				if t.Indicator == id {
					unit := ""
					if ind, ok := l.cat.Get(id); ok {
						unit = " " + UnitText(ind.Unit, l.lang)
					}
					name += fmt.Sprintf(l.t(" (tiltakets måltall %s%s i %d)", " (måltalet for tiltaket %s%s i %d)"), Number(t.Value, 1), unit, t.Year)
				}
			}
			row.Indicators = append(row.Indicators, name)
		}
		for _, rep := range row.Reports {
			if rep != nil && strings.TrimSpace(rep.Deviation) != "" {
				m.Deviations = append(m.Deviations, Deviation{Nr: ms.Nr, Name: ms.Name, Period: rep.Period, Status: rep.Status,
					Note: rep.Deviation, Comment: rep.Comment})
			}
		}
		for _, id := range measureIndicators(ms) {
			effects[id] = append(effects[id], l.effectRow(ms, id, row.Spending))
		}
		m.BudgetOre += row.Spending.BudgetOre
		m.AccountOre += row.Spending.AccountsOre
		m.Rows = append(m.Rows, row)
	}
	return nil
}

// effectRow is measure ms under indicator id: its money in the year and
// the effect and måltall it names for id.
func (l *loader) effectRow(ms *budget.Measure, id string, sp budget.MeasureSpending) EffectRow {
	e := EffectRow{IndicatorID: id, Indicator: id, Nr: ms.Nr, Name: ms.Name, BudgetOre: sp.BudgetOre, HasBudget: sp.Budget.Year != 0,
		Effect: l.t("ikke tallfestet", "ikkje talfesta"), Target: Missing}
	unit := indicators.Unit("")
	if ind, ok := l.cat.Get(id); ok {
		e.Indicator, unit = dash(ind.NameIn(l.lang)), ind.Unit
	}
	switch {
	case ms.Effect.IsNumber() && ms.Effect.Indicator == id:
		v := *ms.Effect.Value
		sign := ""
		if v.IsNegative() {
			sign = "−"
		} else if v.IsPositive() {
			sign = "+"
		}
		e.Effect = sign + Diff(v, unit, l.lang)
		if ms.Effect.Year != 0 {
			e.Effect += fmt.Sprintf(l.t(" innen %d", " innan %d"), ms.Effect.Year)
		}
	case ms.Effect.IsLevel():
		e.Effect = effectLevelText(ms.Effect.Level, l.lang)
	}
	for _, t := range ms.Targets {
		if t.Indicator == id {
			e.Target = fmt.Sprintf(l.t("%s i %d", "%s i %d"), Value(t.Value, unit)+UnitSuffix(unit, l.lang), t.Year)
		}
	}
	return e
}

// effectLevelText is an ordinal effect in the report's language.
func effectLevelText(lv budget.Level, lang indicators.Lang) string {
	if lang == indicators.Nynorsk {
		switch lv {
		case "lav":
			return "låg"
		case "høy":
			return "høg"
		}
	}
	return string(lv)
}

// measureIndicators are the indicators a measure names, in its order,
// with those of its måltall and effect that it does not name after them.
func measureIndicators(m *budget.Measure) []string {
	seen := map[string]bool{}
	var out []string
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, id := range m.Indicators {
		add(id)
	}
	for _, t := range m.Targets {
		add(t.Indicator)
	}
	add(m.Effect.Indicator)
	return out
}

// runText says when a measure that does not run in the year runs.
func (l *loader) runText(m *budget.Measure) string {
	switch {
	case m.Start != 0 && m.Start > l.opt.Year:
		return fmt.Sprintf(l.t("starter %d", "startar %d"), m.Start)
	case m.End != 0 && m.End < l.opt.Year:
		return fmt.Sprintf(l.t("avsluttet %d", "avslutta %d"), m.End)
	}
	return ""
}

// LatestStatus is the measure's status in the latest period it has a
// report for; "" when none.
func (row MeasureRow) LatestStatus() budget.Progress {
	for i := len(row.Reports) - 1; i >= 0; i-- {
		if row.Reports[i] != nil {
			return row.Reports[i].Status
		}
	}
	return ""
}

// progressText is the status as a table cell writes it.
func progressText(lang indicators.Lang, p budget.Progress) string {
	if lang != indicators.Nynorsk {
		if p == "" {
			return Missing
		}
		return string(p)
	}
	switch p {
	case budget.IkkeStartet:
		return "ikkje starta"
	case budget.Forsinket:
		return "forseinka"
	case "":
		return Missing
	}
	return string(p)
}
