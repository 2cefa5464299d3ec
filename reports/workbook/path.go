package workbook

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// path writes Bane: for every target with measures whose effect is a
// number, the gap in the target year (table one), the two paths year by
// year (table two), and a line chart of each.
func (wr *writer) path() error {
	s := wr.sheet(SheetPath)
	st := wr.st
	var trs []model.TrajectoryRow
	for _, t := range wr.b.Trajectories {
		if len(t.Numeric) > 0 {
			trs = append(trs, t)
		}
	}
	s.title(wr.l("Bane mot målene: målbanen og banen med vedtatte tiltak", "Bane mot måla: målbana og bana med vedtekne tiltak"))
	s.note(2, wr.l("Banen med tiltak er basisverdien pluss den forventede effekten av vedtatte tiltak med tallfestet effekt, hver fra sitt startår og lineært opp til full effekt i året effekten gjelder. Tiltak med effekt vurdert som lav/middels/høy er nevnt, ikke summert. Avstanden til målet er hvor langt banen med tiltak er fra målet i målåret.",
		"Bana med tiltak er basisverdien pluss den venta effekten av vedtekne tiltak med talfesta effekt, kvart frå startåret sitt og lineært opp til full effekt i året effekten gjeld. Tiltak med effekt vurdert som låg/middels/høg er nemnde, ikkje summerte. Avstanden til målet er kor langt bana med tiltak er frå målet i målåret."))
	row := 4
	s.header(1, row, wr.l("Indikator", "Indikator"), wr.l("Område", "Område"), wr.l("Enhet", "Eining"), wr.l("Basisår", "Basisår"),
		wr.l("Basisverdi", "Basisverdi"), wr.l("Målår", "Målår"), wr.l("Mål", "Mål"), wr.l("Med vedtatte tiltak", "Med vedtekne tiltak"),
		wr.l("Avstand til målet i målåret", "Avstand til målet i målåret"), wr.l("Andel av nødvendig endring", "Del av naudsynt endring"), wr.l("Tiltak med tallfestet effekt", "Tiltak med talfesta effekt"),
		wr.l("Tiltak med effekt som ikke er tallfestet", "Tiltak med effekt som ikkje er talfesta"))
	top := row
	row++
	for _, t := range trs {
		s.str(1, row, t.Name, st.wrap)
		s.str(2, row, areaName(t), st.text)
		s.str(3, row, unitText(t.Unit, wr), st.text)
		s.number(4, row, float64(t.Baseline.Year), 0)
		s.number(5, row, decimalCell(t.Baseline.Value), st.num)
		s.number(6, row, float64(t.Goal.Year), 0)
		s.number(7, row, decimalCell(t.Goal.Value), st.num)
		s.number(8, row, decimalCell(t.Points[len(t.Points)-1].Measures), st.num)
		// Gap is positive when the measures fall short: the distance is its opposite.
		s.str(9, row, indicators.DistanceText(t.Gap.Neg(), t.Unit, wr.lang, "målet", "målet"), st.wrap)
		if t.Covered != nil {
			s.number(10, row, decimalCell(*t.Covered)/100, st.pct)
		}
		s.str(11, row, effectList(t.Numeric, t.Indicator, wr), st.wrap)
		s.str(12, row, effectList(t.Beside, t.Indicator, wr), st.wrap)
		row++
	}
	s.table("BaneGap", 1, top, 12, max(row-1, top))
	if len(trs) == 0 {
		s.str(1, row, wr.l("Ingen indikator med målbane har vedtatte tiltak med tallfestet effekt.", "Ingen indikator med målbane har vedtekne tiltak med talfesta effekt."), st.note)
		row++
	}
	row += 2
	s.header(1, row, wr.l("Indikator", "Indikator"), wr.l("Område", "Område"), wr.l("År", "År"), wr.l("Målbane", "Målbane"),
		wr.l("Med vedtatte tiltak", "Med vedtekne tiltak"), wr.l("Avstand til målbanen", "Avstand til målbana"))
	top2 := row
	row++
	type block struct {
		t           model.TrajectoryRow
		first, last int
	}
	var blocks []block
	for _, t := range trs {
		bl := block{t: t, first: row}
		for _, p := range t.Points {
			s.str(1, row, t.Name, st.text)
			s.str(2, row, areaName(t), st.text)
			s.number(3, row, float64(p.Year), 0)
			s.number(4, row, decimalCell(p.Target), st.num)
			s.number(5, row, decimalCell(p.Measures), st.num)
			dist := p.Diff // Measures − Target: better when higher is better
			if t.Better == indicators.LowerIsBetter {
				dist = dist.Neg()
			}
			s.str(6, row, indicators.DistanceText(dist, t.Unit, wr.lang, "målbanen", "målbana"), st.text)
			row++
		}
		bl.last = row - 1
		blocks = append(blocks, bl)
	}
	s.table("Bane", 1, top2, 6, max(row-1, top2))
	if s.err != nil {
		return s.err
	}
	s.widths[1] = max(s.widths[1], 30)
	s.widths[11], s.widths[12] = max(s.widths[11], 30), max(s.widths[12], 30)
	if err := s.finish(40); err != nil {
		return err
	}
	// One chart per target, under the tables, one under the other: beside
	// them they would make the printed page twice as wide.
	chartTop := row + 2
	for i, bl := range blocks {
		ref := func(col string) string {
			return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", SheetPath, col, bl.first, col, bl.last)
		}
		title := bl.t.Name + " – " + areaName(bl.t)
		err := wr.f.AddChart(SheetPath, cellName(1, chartTop+i*18), &excelize.Chart{
			Type: excelize.Line,
			Series: []excelize.ChartSeries{
				{Name: fmt.Sprintf("'%s'!$D$%d", SheetPath, top2), Categories: ref("C"), Values: ref("D")},
				{Name: fmt.Sprintf("'%s'!$E$%d", SheetPath, top2), Categories: ref("C"), Values: ref("E")},
			},
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
			Legend:    excelize.ChartLegend{Position: "bottom"},
			Dimension: excelize.ChartDimension{Width: 560, Height: 320},
			Format:    excelize.GraphicOptions{AltText: title},
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func areaName(t model.TrajectoryRow) string {
	if t.AreaName != "" {
		return t.AreaName
	}
	return t.Area
}

// effectList writes measures as "5 Leksehjelp (−1,5 prosentpoeng innen 2030)";
// id is the indicator the effects are on.
func effectList(ms []indicators.MeasureEffect, id string, wr *writer) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		switch {
		case m.Value != nil:
			parts[i] = fmt.Sprintf("%s %s (%s %s %d)", m.Nr, m.Name, wr.change(m.Value.Mul(m.Weight).Round(2), id), wr.l("innen", "innan"), m.FullYear)
		case m.Other != "":
			parts[i] = fmt.Sprintf("%s %s (%s %s)", m.Nr, m.Name, wr.l("tallfestet for", "talfesta for"), wr.indicatorName(m.Other))
		case m.Level != "":
			parts[i] = fmt.Sprintf("%s %s (%s)", m.Nr, m.Name, m.Level)
		default:
			parts[i] = m.Nr + " " + m.Name
		}
	}
	return strings.Join(parts, "; ")
}
