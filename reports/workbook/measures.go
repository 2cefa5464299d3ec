package workbook

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// measures writes Tiltak: block A the measures whose effect is a number,
// block B those whose effect is rated lav / middels / høy or not given, each
// an Excel table with a sum row, and the sum of both.
func (wr *writer) measures() error {
	b := wr.b
	s := wr.sheet(SheetMeasures)
	st := wr.st
	n := len(b.Plan)
	s.title(fmt.Sprintf(wr.l("Tiltak i helsebudsjettet %d", "Tiltak i helsebudsjettet %d"), b.Key.Year))
	s.note(2, fmt.Sprintf(wr.l("Beløp i kroner: summen av budsjettlinjene som er knyttet til tiltaket, ganget med andelen. For %d er beløpet summen av tiltakets linjer i Budsjettlinjer, så en endret andel der slår gjennom her. * merker virksomheten som rapporterer.",
		"Beløp i kroner: summen av budsjettlinjene som er knytte til tiltaket, gonga med delen. For %d er beløpet summen av linene til tiltaket i Budsjettlinjer, så ein endra del der slår gjennom her. * merkjer verksemda som rapporterer."), b.Key.Year))
	var numeric, ordinal []model.MeasureRow
	for _, m := range b.Measures {
		if m.Effect.IsNumber() {
			numeric = append(numeric, m)
		} else {
			ordinal = append(ordinal, m)
		}
	}
	head := []string{wr.l("Nr", "Nr"), wr.l("Tiltak", "Tiltak"), wr.l("Ansvarlig", "Ansvarleg"), wr.l("Innsatstype", "Innsatstype"),
		wr.l("Påvirkningsfaktor", "Påverknadsfaktor"), wr.l("Indikatorer", "Indikatorar"), wr.l("Måltall", "Måltal"), wr.l("Effekt", "Effekt")}
	for _, k := range b.Plan {
		head = append(head, wr.yearLabel(k))
	}
	fixed := 8
	row := 4
	var sumRows []int
	total := make([]int64, n)
	for i, blk := range []struct {
		title, table string
		rows         []model.MeasureRow
	}{
		{wr.l("A. Tiltak med tallfestet effekt", "A. Tiltak med talfesta effekt"), "TiltakTallfestet", numeric},
		{wr.l("B. Tiltak med effekt vurdert som lav, middels eller høy (eller ikke angitt)", "B. Tiltak med effekt vurdert som låg, middels eller høg (eller ikkje oppgitt)"), "TiltakVurdert", ordinal},
	} {
		s.str(1, row, blk.title, st.bold)
		row++
		s.header(1, row, head...)
		if i == 0 {
			s.freeze(row + 1)
			s.printTitles(row, row)
		}
		top := row
		row++
		first := row
		sum := make([]int64, n)
		for _, m := range blk.rows {
			s.str(1, row, m.Nr, st.text)
			s.str(2, row, m.Name, st.wrap)
			s.str(3, row, wr.responsible(m.Measure), st.wrap)
			s.str(4, row, capitalize(string(m.Effort)), st.text)
			s.str(5, row, capitalize(m.Determinant), st.text)
			s.str(6, row, wr.indicatorNames(m.Indicators), st.wrap)
			s.str(7, row, wr.targetsText(m.Targets), st.wrap)
			s.str(8, row, wr.effectText(m.Effect), st.wrap)
			for j, o := range m.Ore {
				s.money(fixed+1+j, row, o, st.kr)
				sum[j] += o
			}
			wr.measureRows = append(wr.measureRows, row)
			row++
		}
		s.table(blk.table, 1, top, fixed+n, max(row-1, top))
		if row == first {
			row++
		}
		s.str(1, row, fmt.Sprintf("%s %c", wr.l("Sum", "Sum"), 'A'+i), st.bold)
		for j := 0; j < n; j++ {
			c := colName(fixed + 1 + j)
			f := "0"
			if row > first && len(blk.rows) > 0 {
				f = fmt.Sprintf("SUM(%s%d:%s%d)", c, first, c, row-1)
			}
			s.formula(fixed+1+j, row, f, sum[j], st.krSum)
			total[j] += sum[j]
		}
		sumRows = append(sumRows, row)
		row += 3
	}
	s.str(1, row, wr.l("Sum alle tiltak", "Sum alle tiltak"), st.bold)
	for j := 0; j < n; j++ {
		c := colName(fixed + 1 + j)
		s.formula(fixed+1+j, row, fmt.Sprintf("%s%d+%s%d", c, sumRows[0], c, sumRows[1]), total[j], st.krSum)
	}
	if s.err != nil {
		return s.err
	}
	s.widths[1] = 6
	return s.finish(40)
}

// measureFormulas makes the first plan year's amount of every measure in
// Tiltak (the year Budsjettlinjer holds) the sum of the measure's rows
// there, rows 2..last of column counted, matching Nr exactly (EXACT, not
// SUMIF, whose criteria read "*" and ">1" as patterns): a changed Andel on
// a line flows through to the measure and its sums. The cached values stay
// the workspace's.
func (wr *writer) measureFormulas(last int, counted string) error {
	if len(wr.b.Plan) == 0 || wr.b.Plan[0] != wr.b.Key {
		return nil
	}
	col := colName(9) // the first plan year, after the eight fixed columns
	for _, row := range wr.measureRows {
		f := "0"
		if last >= 2 {
			f = fmt.Sprintf("SUMPRODUCT(--EXACT('%s'!$A$2:$A$%d,$A%d),'%s'!$%s$2:$%s$%d)", SheetLines, last, row, SheetLines, counted, counted, last)
		}
		if err := wr.f.SetCellFormula(SheetMeasures, col+itoa(row), f); err != nil {
			return err
		}
	}
	return nil
}

// responsible writes Ansvarlig with the units' names, the reporting unit
// marked "*" when there are several.
func (wr *writer) responsible(m budget.Measure) string {
	names := map[string]string{}
	for _, u := range wr.b.Units {
		names[u.Code] = u.Name
	}
	parts := make([]string, len(m.Responsible))
	for i, code := range m.Responsible {
		parts[i] = code
		if n := names[code]; n != "" {
			parts[i] = n
		}
		if code == m.Reporting && len(m.Responsible) > 1 {
			parts[i] += "*"
		}
	}
	return strings.Join(parts, ", ")
}

// indicatorNames writes indicator ids as their names.
func (wr *writer) indicatorNames(ids []string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = wr.indicatorName(id)
	}
	return strings.Join(parts, "; ")
}

func (wr *writer) indicatorName(id string) string {
	if wr.b.Catalogue != nil {
		if ind, ok := wr.b.Catalogue.Get(id); ok {
			return ind.NameIn(wr.lang)
		}
	}
	return id
}

// targetsText writes måltall as "Name: 9,5 i 2030".
func (wr *writer) targetsText(ts []budget.MeasureTarget) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = fmt.Sprintf("%s: %s %s %d", wr.indicatorName(t.Indicator), norsk(t.Value), wr.l("i", "i"), t.Year)
	}
	return strings.Join(parts, "; ")
}

// effectText writes an effect as "−1,5 prosentpoeng innen 2030 (Name)" or
// the level.
func (wr *writer) effectText(e budget.Effect) string {
	switch {
	case e.IsNumber():
		return fmt.Sprintf("%s %s %d (%s)", wr.change(*e.Value, e.Indicator), wr.l("innen", "innan"), e.Year, wr.indicatorName(e.Indicator))
	case e.IsLevel():
		switch e.Level {
		case budget.Lav:
			return wr.l("lav", "låg")
		case budget.Hoy:
			return wr.l("høy", "høg")
		}
		return string(e.Level)
	}
	return wr.l("ikke angitt", "ikkje oppgitt")
}

// norsk writes a decimal with a decimal comma and the minus sign.
func norsk(d decimal.Decimal) string {
	return strings.Replace(strings.Replace(d.String(), ".", ",", 1), "-", minus, 1)
}

// change writes a change in indicator id with its sign and the unit of a
// difference: "−1,5 prosentpoeng", "+0,25 år".
func (wr *writer) change(d decimal.Decimal, id string) string {
	v := norsk(d)
	if d.IsPositive() {
		v = "+" + v
	}
	if wr.b.Catalogue != nil {
		if ind, ok := wr.b.Catalogue.Get(id); ok {
			if w := ind.Unit.DiffWord(wr.lang); w != "" {
				v += "\u00a0" + w
			}
		}
	}
	return v
}

func itoa(n int) string { return strconv.Itoa(n) }
