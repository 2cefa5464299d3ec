package annual

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/pdf"
)

// subhead writes a small bold heading inside a section, with no bookmark.
func (w *writer) subhead(text string) {
	w.d.Ensure(20)
	w.d.StyledParagraph(text, pdf.Style{Bold: true, Size: 10})
}

func (w *writer) note(text string) {
	w.d.StyledParagraph(text, pdf.Style{Size: 8.5, Gray: true})
}

func (w *writer) summary() {
	r, s := w.r, w.r.Summary
	w.heading(1)
	for _, p := range s.Text {
		w.d.Paragraph(p)
	}
	w.subhead(w.t("Nøkkeltall", "Nøkkeltal"))
	share := Missing
	if s.Share != nil {
		share = Percent(*s.Share)
	}
	budgetName := Missing
	if r.Budget.Year != 0 {
		budgetName = fmt.Sprintf("%s %d", versionText(r.Budget.Version), r.Budget.Year)
	}
	rows := [][]string{
		{w.t("Budsjett", "Budsjett"), budgetName},
		{w.t("Knyttet til tiltak for helseutjevning", "Knytt til tiltak for helseutjamning"), Kroner(s.LinkedOre)},
		{w.t("Andel av brutto driftsutgifter", "Del av brutto driftsutgifter"), share},
		{w.t("Tiltak som løp i året: budsjett", "Tiltak som gjekk i året: budsjett"), Kroner(s.BudgetOre)},
	}
	acc := w.t("ikke importert", "ikkje importert")
	if s.HasAccounts {
		acc = Kroner(s.AccountsOre)
	}
	rows = append(rows, []string{w.t("Tiltak som løp i året: regnskap", "Tiltak som gjekk i året: rekneskap"), acc},
		[]string{w.t("Tiltak i året", "Tiltak i året"), strconv.Itoa(s.Measures)})
	for _, c := range s.ByStatus {
		rows = append(rows, []string{"   " + c.Text, strconv.Itoa(c.Count)})
	}
	rows = append(rows,
		[]string{w.t("Mål for indikatorer", "Mål for indikatorar"), strconv.Itoa(s.Targets)},
		[]string{"   " + indicators.OnTrack.Text(w.lang), strconv.Itoa(s.OnTrack)},
		[]string{"   " + indicators.OffTrack.Text(w.lang), strconv.Itoa(s.OffTrack)},
		[]string{"   " + indicators.NoData.Text(w.lang), strconv.Itoa(s.NoData)},
		[]string{w.t("Forskjeller mellom områder som ble mindre", "Skilnader mellom område som vart mindre"), strconv.Itoa(s.Narrowed)},
		[]string{w.t("Forskjeller mellom områder som ble større", "Skilnader mellom område som vart større"), strconv.Itoa(s.Widened)},
		[]string{w.t("Forskjeller uendret", "Skilnader uendra"), strconv.Itoa(s.Same)},
	)
	w.d.Table(pdf.Table{Header: []string{w.t("Nøkkeltall", "Nøkkeltal"), strconv.Itoa(r.Year)}, Rows: rows,
		Widths: []float64{3, 1.4}, Align: []pdf.Align{pdf.Left, pdf.Right}})
	if len(r.Reported) > 0 {
		var ps []string
		for _, p := range r.Reported {
			ps = append(ps, p.Label())
		}
		w.note(w.t("Status bygger på virksomhetenes rapporter for ", "Status byggjer på rapportane frå verksemdene for ") + joinAnd(w.lang, ps) + ".")
	}
}

func (w *writer) indicators(cs []charts) {
	r := w.r
	w.heading(1)
	w.d.Paragraph(w.t("For hver indikator viser figuren utviklingen i kommunen (tykk linje) og i områdene, med målbanen og banen de vedtatte tiltakene gir. "+
		"Tabellen viser siste verdi, status mot målbanen og trenden etter regelen for indikatoren. Søylene viser forskjellene mellom områdene i siste periode, "+
		"ordnet etter sosioøkonomisk rangering med det mest utsatte området øverst; søylene starter på null.",
		"For kvar indikator viser figuren utviklinga i kommunen (tjukk linje) og i områda, med målbana og bana dei vedtekne tiltaka gir. "+
			"Tabellen viser siste verdi, status mot målbana og trenden etter regelen for indikatoren. Søylene viser skilnadene mellom områda i siste periode, "+
			"ordna etter sosioøkonomisk rangering med det mest utsette området øvst; søylene startar på null."))
	for i, ind := range r.Indicators {
		if i > 0 {
			w.d.AddPage()
		}
		w.heading(2)
		w.indicator(ind, cs[i])
	}
}

func (w *writer) indicator(ind Indicator, c charts) {
	better := w.t("lavere er bedre", "lågare er betre")
	if ind.Better == indicators.HigherIsBetter {
		better = w.t("høyere er bedre", "høgare er betre")
	}
	w.note(fmt.Sprintf("%s: %s, %s. %s: %s, %s.", w.t("Enhet", "Eining"), ind.UnitText, better,
		w.t("Kilde", "Kjelde"), ind.Source, ind.Periods))
	if ind.Definition != "" {
		w.d.Paragraph(ind.Definition)
	}
	if len(c.line) > 0 {
		w.d.Figure("linje-"+ind.ID, c.line, chartWidth+padWidth(c.linePad), lineChartHeight)
	}
	if kp := kommunePath(ind, w.r.Kommune); kp != nil {
		w.d.Paragraph(fmt.Sprintf(w.t("Målet for kommunen er %s i %d (fra %s i %d); %s.", "Målet for kommunen er %s i %d (frå %s i %d); %s."),
			Value(kp.Target.TargetValue, ind.Unit), kp.Target.TargetYear, Value(kp.Target.BaselineValue, ind.Unit), kp.Target.BaselineYear, kp.GapText))
	}
	rows := make([][]string, 0, len(ind.Rows))
	for _, row := range ind.Rows {
		rows = append(rows, []string{row.Name, row.Period, row.Text, row.StatusText, row.Trend.Text})
	}
	w.d.Table(pdf.Table{Header: []string{w.t("Område", "Område"), w.t("Periode", "Periode"), w.t("Siste verdi", "Siste verdi"),
		w.t("Status mot målbanen", "Status mot målbana"), w.t("Trend", "Trend")}, Rows: rows,
		Widths: []float64{2.2, 1.2, 1.1, 2, 1.3}, Align: []pdf.Align{pdf.Left, pdf.Left, pdf.Right, pdf.Left, pdf.Left}})
	if ind.Trend != nil {
		w.note(w.t("Trendregel: ", "Trendregel: ") + ind.Trend.Rule)
	}
	if len(ind.Paths) > 0 {
		w.subhead(w.t("Målbane og vedtatte tiltak", "Målbane og vedtekne tiltak"))
		prow := make([][]string, 0, len(ind.Paths))
		for _, p := range ind.Paths {
			prow = append(prow, []string{p.Name, fmt.Sprintf("%s (%d)", Value(p.Target.BaselineValue, ind.Unit), p.Target.BaselineYear),
				fmt.Sprintf("%s (%d)", Value(p.Target.TargetValue, ind.Unit), p.Target.TargetYear),
				withMeasures(p, ind.Unit), gapCell(p, ind.Unit, w.lang)})
		}
		w.d.Table(pdf.Table{Header: []string{w.t("Område", "Område"), w.t("Basis", "Basis"), w.t("Mål", "Mål"),
			w.t("Med tiltak", "Med tiltak"), w.t("Gap til målet", "Gap til målet")}, Rows: prow,
			Widths: []float64{2, 1.3, 1.3, 1.5, 1.9}, Align: []pdf.Align{pdf.Left, pdf.Right, pdf.Right, pdf.Right, pdf.Left}})
	}
	if iq := ind.Inequality; iq != nil {
		w.subhead(fmt.Sprintf(w.t("Forskjeller mellom områdene (%s)", "Skilnader mellom områda (%s)"), levelText(ind.Level, w.lang)))
		head := []string{w.t("Mål", "Mål"), iq.Latest.Period.Label}
		cols := []indicators.Inequality{iq.Latest}
		if iq.Previous != nil {
			head = append(head, iq.Previous.Period.Label)
			cols = append(cols, *iq.Previous)
		}
		line := func(name string, f func(indicators.Inequality) string) []string {
			row := []string{name}
			for _, c := range cols {
				row = append(row, f(c))
			}
			return row
		}
		rows := [][]string{
			line(w.t("Forskjell (høyeste – laveste)", "Skilnad (høgaste – lågaste)"), func(c indicators.Inequality) string { return FloatPtr(c.Gap, 1) }),
			line(w.t("Forhold (høyeste / laveste)", "Forhold (høgaste / lågaste)"), func(c indicators.Inequality) string { return FloatPtr(c.Ratio, 2) }),
			line("SII", func(c indicators.Inequality) string { return FloatPtr(c.SII, 2) }),
			line("RII", func(c indicators.Inequality) string { return FloatPtr(c.RII, 2) }),
			line(w.t("Områder med verdi", "Område med verdi"), func(c indicators.Inequality) string { return strconv.Itoa(c.Areas) }),
		}
		widths := []float64{3, 1.2, 1.2}
		w.d.Table(pdf.Table{Header: head, Rows: rows, Widths: widths[:len(head)], Align: []pdf.Align{pdf.Left, pdf.Right, pdf.Right}})
		switch iq.Change {
		case Narrowed:
			w.d.Paragraph(w.t("Forskjellen mellom områdene ble mindre enn i perioden før.", "Skilnaden mellom områda vart mindre enn i perioden før."))
		case Widened:
			w.d.Paragraph(w.t("Forskjellen mellom områdene ble større enn i perioden før.", "Skilnaden mellom områda vart større enn i perioden før."))
		case Same:
			w.d.Paragraph(w.t("Forskjellen mellom områdene er uendret fra perioden før.", "Skilnaden mellom områda er uendra frå perioden før."))
		}
		if len(iq.LeftOut) > 0 {
			w.note(w.t("Ikke med i alle målene: ", "Ikkje med i alle måla: ") + strings.Join(iq.LeftOut, ", ") + ".")
		}
		w.note(fmt.Sprintf(w.t("SII og RII med områdene rangert etter %s, vektet med folketall.", "SII og RII med områda rangerte etter %s, vekta med folketal."), iq.By))
		if len(c.bars) > 0 {
			h := BarChartHeight(len(ind.Bars))
			w.d.Figure("soyler-"+ind.ID, c.bars, chartWidth+padWidth(c.barsPad), h)
			caption := fmt.Sprintf(w.t("Figur: %s, %s, etter område, ordnet etter %s med det mest utsatte området øverst.",
				"Figur: %s, %s, etter område, ordna etter %s med det mest utsette området øvst."), ind.Name, iq.Latest.Period.Label, strings.ToLower(iq.By))
			if kv := kommuneValue(ind, iq.Latest.Period.Label); kv != nil {
				caption += fmt.Sprintf(w.t(" Stiplet linje: kommunen (%s).", " Stipla linje: kommunen (%s)."), Float(*kv, int(ValuePlaces(ind.Unit))))
			}
			w.note(caption)
		}
	}
	for _, n := range ind.Notes {
		w.note(n)
	}
	if !w.r.Public && hasConfidentialRows(ind) {
		w.note(w.t("* Fortrolig: bygger på færre personer enn terskelen og prikkes i offentlig utgave.",
			"* Fortruleg: byggjer på færre personar enn terskelen og blir prikka i offentleg utgåve."))
	}
}

func hasConfidentialRows(ind Indicator) bool {
	for _, r := range ind.Rows {
		if r.Confidential {
			return true
		}
	}
	for _, s := range ind.Series {
		if hasConfidential(s.Points) {
			return true
		}
	}
	for _, b := range ind.Bars {
		if b.Confidential {
			return true
		}
	}
	return false
}

func levelText(l indicators.Level, lang indicators.Lang) string {
	switch l {
	case indicators.Bydel:
		return lang2(lang, "bydeler", "bydelar")
	case indicators.Delbydel:
		return lang2(lang, "delbydeler", "delbydelar")
	case indicators.Sone:
		return lang2(lang, "levekårssoner", "levekårssoner")
	}
	return string(l)
}

// withMeasures is the value the adopted measures give in the target year.
func withMeasures(p PathRow, u indicators.Unit) string {
	if n := len(p.Trajectory.Points); n > 0 {
		return Value(p.Trajectory.Points[n-1].Measures, u)
	}
	return Missing
}

func gapCell(p PathRow, u indicators.Unit, lang indicators.Lang) string {
	if p.Trajectory.Reached {
		return lang2(lang, "målet nås", "målet blir nådd")
	}
	return Value(p.Trajectory.Gap, u) + " " + lang2(lang, "mangler", "manglar")
}

func (w *writer) measures() {
	r, m := w.r, w.r.Measures
	w.heading(1)
	w.d.Paragraph(fmt.Sprintf(w.t("%d tiltak løp i %d. Tabellen viser status per tertial og for året slik den ansvarlige virksomheten rapporterte den.",
		"%d tiltak gjekk i %d. Tabellen viser status per tertial og for året slik den ansvarlege verksemda rapporterte han."), len(m.Rows), r.Year))
	w.subhead(w.t("Status per tertial", "Status per tertial"))
	rows := make([][]string, 0, len(m.Rows))
	for _, row := range m.Rows {
		cells := []string{row.Nr, row.Name, row.Unit}
		for _, rep := range row.Reports {
			st := Missing
			if rep != nil {
				st = progressText(w.lang, rep.Status)
			}
			cells = append(cells, st)
		}
		rows = append(rows, cells)
	}
	head := []string{"Nr", w.t("Tiltak", "Tiltak"), w.t("Rapporterer", "Rapporterer")}
	widths := []float64{0.5, 2.6, 1.8}
	for _, p := range m.Periods {
		switch p.Term {
		case budget.T1:
			head = append(head, "1. tertial")
		case budget.T2:
			head = append(head, "2. tertial")
		default:
			head = append(head, w.t("Året", "Året"))
		}
		widths = append(widths, 1.1)
	}
	w.d.Table(pdf.Table{Header: head, Rows: rows, Widths: widths})
	w.subhead(w.t("Budsjett og regnskap", "Budsjett og rekneskap"))
	rows = rows[:0]
	for _, row := range m.Rows {
		s := row.Spending
		acc, diff, used := Missing, Missing, Missing
		if s.HasAccounts {
			acc, diff = Kroner(s.AccountsOre), Kroner(s.DifferenceOre())
			if pct, ok := s.UsedPercent(); ok {
				used = Percent(pct)
			}
		}
		bud := Kroner(s.BudgetOre)
		if s.Budget.Year == 0 {
			bud = Missing
		}
		rows = append(rows, []string{row.Nr, row.Name, bud, acc, diff, used})
	}
	total := []string{"", w.t("Sum", "Sum"), Kroner(m.BudgetOre), Missing, Missing, Missing}
	if m.HasAcc {
		total[3] = Kroner(m.AccountOre)
		total[4] = Kroner(m.AccountOre - m.BudgetOre)
		if pct, ok := SharePercent(m.AccountOre, m.BudgetOre); ok {
			total[5] = Percent(pct)
		}
	}
	bname := w.t("Budsjett", "Budsjett")
	if m.Budget.Year != 0 {
		bname += " (" + versionText(m.Budget.Version) + ")"
	}
	w.d.Table(pdf.Table{Header: []string{"Nr", w.t("Tiltak", "Tiltak"), bname, w.t("Regnskap", "Rekneskap"), w.t("Avvik", "Avvik"), w.t("Brukt", "Brukt")},
		Rows: rows, Total: total, Widths: []float64{0.5, 2.6, 1.5, 1.5, 1.4, 0.9},
		Align: []pdf.Align{pdf.Left, pdf.Left, pdf.Right, pdf.Right, pdf.Right, pdf.Right}})
	w.note(w.t("Beløpene er det tiltakets budsjettkoblinger teller (linje × andel) i budsjettet og i regnskapet for året. Avvik er regnskap minus budsjett.",
		"Beløpa er det budsjettkoplingane til tiltaket tel (linje × del) i budsjettet og i rekneskapen for året. Avvik er rekneskap minus budsjett."))
	w.subhead(w.t("Avvik forklart av virksomhetene", "Avvik forklarte av verksemdene"))
	if len(m.Deviations) == 0 {
		w.d.Paragraph(w.t("Ingen avvik er rapportert.", "Ingen avvik er rapporterte."))
	}
	for _, dv := range m.Deviations {
		w.d.Ensure(15)
		w.d.StyledParagraph(fmt.Sprintf("%s %s – %s: %s", dv.Nr, dv.Name, dv.Period.Label(), progressText(w.lang, dv.Status)), pdf.Style{Bold: true, Size: 9})
		w.d.Paragraph(dv.Note)
		if dv.Comment != "" {
			w.note(w.t("Kommentar: ", "Kommentar: ") + dv.Comment)
		}
	}
	w.subhead(w.t("Indikatorer tiltakene skal påvirke", "Indikatorar tiltaka skal påverke"))
	rows = rows[:0]
	for _, row := range m.Rows {
		ind := strings.Join(row.Indicators, "; ")
		if ind == "" {
			ind = Missing
		}
		rows = append(rows, []string{row.Nr, row.Name, string(row.Effort), ind})
	}
	w.d.Table(pdf.Table{Header: []string{"Nr", w.t("Tiltak", "Tiltak"), w.t("Innsats", "Innsats"), w.t("Indikatorer og måltall", "Indikatorar og måltal")},
		Rows: rows, Widths: []float64{0.5, 2.4, 1.2, 4}})
	if len(m.NotRunning) > 0 {
		var ns []string
		for _, n := range m.NotRunning {
			s := n.Nr + " " + n.Name
			if n.Note != "" {
				s += " (" + n.Note + ")"
			}
			ns = append(ns, s)
		}
		w.note(fmt.Sprintf(w.t("Tiltak som ikke løp i %d: ", "Tiltak som ikkje gjekk i %d: "), r.Year) + strings.Join(ns, "; ") + ".")
	}
}

func (w *writer) money() {
	r, m := w.r, w.r.Money
	w.heading(1)
	y, py := strconv.Itoa(r.Year), strconv.Itoa(r.Year-1)
	hasPrev := m.Prev.Year != 0
	prev := func(ore int64) string {
		if !hasPrev {
			return Missing
		}
		return Kroner(ore)
	}
	change := func(a, b int64) string {
		if !hasPrev {
			return Missing
		}
		return Kroner(a - b)
	}
	if m.Key.Year != 0 {
		p := fmt.Sprintf(w.t("I %s budsjett for %s er %s knyttet til tiltak for helseutjevning, av %s i brutto driftsutgifter.",
			"I %s budsjett for %s er %s knytt til tiltak for helseutjamning, av %s i brutto driftsutgifter."),
			versionText(m.Key.Version), y, Kroner(m.Linked), Kroner(m.Expenses))
		if hasPrev {
			p += fmt.Sprintf(w.t(" I %s budsjett for %s var det %s.", " I %s budsjett for %s var det %s."), versionText(m.Prev.Version), py, Kroner(m.PrevLinked))
		}
		w.d.Paragraph(p)
	}
	for _, n := range m.Notes {
		w.note(n)
	}
	table := func(title string, groups []Compare) {
		w.subhead(title)
		rows := make([][]string, 0, len(groups))
		var sum, psum int64
		for _, g := range groups {
			rows = append(rows, []string{g.Name, prev(g.PrevOre), Kroner(g.Ore), change(g.Ore, g.PrevOre)})
			sum += g.Ore
			psum += g.PrevOre
		}
		w.d.Table(pdf.Table{Header: []string{"", py, y, w.t("Endring", "Endring")}, Rows: rows,
			Total:  []string{w.t("Sum", "Sum"), prev(psum), Kroner(sum), change(sum, psum)},
			Widths: []float64{2.6, 1.4, 1.4, 1.4}, Align: []pdf.Align{pdf.Left, pdf.Right, pdf.Right, pdf.Right}})
	}
	table(w.t("Etter innsatstype", "Etter innsatstype"), m.ByEffort)
	table(w.t("Etter påvirkningsfaktor", "Etter påverknadsfaktor"), m.ByDeterminant)
	table(w.t("Etter virksomhet", "Etter verksemd"), m.ByUnit)
	w.subhead(w.t("Vurdering av hele budsjettet", "Vurdering av heile budsjettet"))
	w.d.Paragraph(w.t("Hver funksjon i budsjettet er vurdert som positiv, nøytral, negativ eller blandet for helseutjevning, alltid med en begrunnelse. "+
		"Linjer uten vurdering står som ikke vurdert, aldri som nøytrale.",
		"Kvar funksjon i budsjettet er vurdert som positiv, nøytral, negativ eller blanda for helseutjamning, alltid med ei grunngjeving. "+
			"Linjer utan vurdering står som ikkje vurderte, aldri som nøytrale."))
	rows := make([][]string, 0, len(m.Grades))
	var sum, psum int64
	for _, g := range m.Grades {
		share := Missing
		if pct, ok := SharePercent(g.Expenses, m.Expenses); ok {
			share = Percent(pct)
		}
		rows = append(rows, []string{gradeText(g.Grade, w.lang), prev(g.PrevExpenses), Kroner(g.Expenses), share})
		sum += g.Expenses
		psum += g.PrevExpenses
	}
	w.d.Table(pdf.Table{Header: []string{w.t("Vurdering (brutto utgifter)", "Vurdering (brutto utgifter)"), py, y, w.t("Andel", "Del")}, Rows: rows,
		Total:  []string{w.t("Sum", "Sum"), prev(psum), Kroner(sum), ""},
		Widths: []float64{2.6, 1.4, 1.4, 1}, Align: []pdf.Align{pdf.Left, pdf.Right, pdf.Right, pdf.Right}})
}

func gradeText(g budget.Grade, lang indicators.Lang) string {
	if lang == indicators.Nynorsk {
		switch g {
		case budget.Blandet:
			return "blanda"
		case budget.Unrated:
			return "ikkje vurdert"
		}
	}
	return string(g)
}

func (w *writer) about() {
	a := w.r.About
	w.heading(1)
	for _, t := range a.Text {
		w.d.Paragraph(t)
	}
	w.subhead(w.t("Kilder, perioder og definisjoner", "Kjelder, periodar og definisjonar"))
	rows := make([][]string, 0, len(a.Sources))
	for _, s := range a.Sources {
		rows = append(rows, []string{s.Name, s.Source, s.Periods, s.Unit, strconv.Itoa(s.Threshold), s.Definition})
	}
	w.d.Table(pdf.Table{Header: []string{w.t("Indikator", "Indikator"), w.t("Kilde", "Kjelde"), w.t("Perioder", "Periodar"), w.t("Enhet", "Eining"),
		w.t("Terskel", "Terskel"), w.t("Definisjon", "Definisjon")}, Rows: rows, Widths: []float64{2, 0.8, 1.2, 0.9, 0.8, 3.3}, Size: 7.5})
	if len(a.NoData) > 0 {
		w.note(w.t("Indikatorer i katalogen uten verdier i arbeidsområdet: ", "Indikatorar i katalogen utan verdiar i arbeidsområdet: ") +
			strings.Join(a.NoData, ", ") + ".")
	}
	if w.r.Public {
		w.subhead(w.t("Prikkede tall", "Prikka tal"))
	} else {
		w.subhead(w.t("Fortrolige tall (prikkes i offentlig utgave)", "Fortrulege tal (blir prikka i offentleg utgåve)"))
	}
	if len(a.Suppressed) == 0 {
		w.d.Paragraph(w.t("Ingen tall er prikket.", "Ingen tal er prikka."))
		return
	}
	rows = rows[:0]
	for _, s := range a.Suppressed {
		rows = append(rows, []string{s.Indicator, s.Area, s.Period, s.Text, s.Reason})
	}
	w.d.Table(pdf.Table{Header: []string{w.t("Indikator", "Indikator"), w.t("Område", "Område"), w.t("Periode", "Periode"), w.t("Verdi", "Verdi"),
		w.t("Grunn", "Grunn")}, Rows: rows, Widths: []float64{2.4, 1.4, 1, 0.8, 2.4}, Align: []pdf.Align{pdf.Left, pdf.Left, pdf.Left, pdf.Right, pdf.Left}})
}
