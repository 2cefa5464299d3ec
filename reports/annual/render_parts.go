package annual

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/pdf"
)

// subhead writes a small bold heading inside a section, with no bookmark.
// subheadStyle is the style of the small headings inside a section.
var subheadStyle = pdf.Style{Bold: true, Size: 10}

func (w *writer) subhead(text string) {
	w.d.Ensure(20)
	w.d.Subheading(w.sublevel, text, subheadStyle)
}

func (w *writer) note(text string) {
	w.d.StyledParagraph(text, noteStyle)
}

func (w *writer) summary() {
	r, s := w.r, w.r.Summary
	w.heading(1)
	for _, p := range s.Text {
		w.d.Paragraph(p)
	}
	share := Missing
	if s.Share != nil {
		share = Percent(*s.Share)
	}
	budgetName := Missing
	if r.Budget.Year != 0 {
		budgetName = fmt.Sprintf("%s %d", versionText(r.Budget.Version, w.lang), r.Budget.Year)
	}
	rows := [][]string{
		{w.t("Budsjett", "Budsjett"), budgetName},
		{w.t("Knyttet til tiltak for helseutjevning, netto etter inntekter", "Knytt til tiltak for helseutjamning, netto etter inntekter"), Kroner(s.LinkedOre)},
		{w.t("Tiltakenes brutto driftsutgifter", "Brutto driftsutgifter til tiltaka"), Kroner(s.LinkedGrossOre)},
		{w.t("Kommunens brutto driftsutgifter", "Brutto driftsutgifter for kommunen"), Kroner(s.ExpensesOre)},
		{w.t("Andel av kommunens brutto driftsutgifter", "Del av brutto driftsutgifter for kommunen"), share},
		{w.t("Tiltak som løp i året: budsjett", "Tiltak som gjekk i året: budsjett"), Kroner(s.BudgetOre)},
	}
	if s.HasAccounts {
		rows = append(rows, []string{w.t("Tiltak som løp i året: regnskap", "Tiltak som gjekk i året: rekneskap"), Kroner(s.AccountsOre)})
	}
	rows = append(rows, []string{w.t("Tiltak i året", "Tiltak i året"), strconv.Itoa(s.Measures)})
	for _, c := range s.ByStatus {
		rows = append(rows, []string{"   " + c.Text, strconv.Itoa(c.Count)})
	}
	rows = append(rows,
		[]string{w.t("Målbaner for indikatorer", "Målbaner for indikatorar"), strconv.Itoa(s.Targets)},
		[]string{"   " + indicators.OnTrack.Text(w.lang), strconv.Itoa(s.OnTrack)},
		[]string{"   " + indicators.OffTrack.Text(w.lang), strconv.Itoa(s.OffTrack)},
	)
	if s.NoData > 0 {
		rows = append(rows, []string{"   " + indicators.NoData.Text(w.lang), strconv.Itoa(s.NoData)})
	}
	if s.Gaps > 0 {
		rows = append(rows,
			[]string{w.t("Forskjeller mellom områder som ble mindre", "Skilnader mellom område som vart mindre"), strconv.Itoa(s.Narrowed)},
			[]string{w.t("Forskjeller mellom områder som ble større", "Skilnader mellom område som vart større"), strconv.Itoa(s.Widened)},
			[]string{w.t("Forskjeller mellom områder som er uendret", "Skilnader mellom område som er uendra"), strconv.Itoa(s.Same)},
		)
	}
	w.subhead(w.t("Nøkkeltall", "Nøkkeltal"))
	w.d.Table(pdf.Table{Header: []string{w.t("Nøkkeltall", "Nøkkeltal"), strconv.Itoa(r.Year)}, Rows: rows,
		Widths: []float64{3, 1.4}, Align: []pdf.Align{pdf.Left, pdf.Right}})
	if s.Base != "" {
		w.note(fmt.Sprintf(w.t("Brutto driftsutgifter er her %s. Netto etter inntekter tar også med inntektslinjene som er knyttet til tiltakene.",
			"Brutto driftsutgifter er her %s. Netto etter inntekter tek òg med inntektslinene som er knytte til tiltaka."), s.Base))
	}
	if !s.HasAccounts {
		w.note(fmt.Sprintf(w.t("Kommunen har ikke regnskap for %d i grunnlaget ennå.", "Kommunen har ikkje rekneskap for %d i grunnlaget enno."), r.Year))
	}
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
		"ordnet etter sosioøkonomisk rangering med det mest utsatte området øverst; søylene starter på 0.",
		"For kvar indikator viser figuren utviklinga i kommunen (tjukk linje) og i områda, med målbana og bana dei vedtekne tiltaka gir. "+
			"Tabellen viser siste verdi, status mot målbana og trenden etter regelen for indikatoren. Søylene viser skilnadene mellom områda i siste periode, "+
			"ordna etter sosioøkonomisk rangering med det mest utsette området øvst; søylene startar på 0."))
	for i, ind := range r.Indicators {
		// a section starts on a new page only when its heading, the lines
		// above the chart and the chart itself do not fit on this one
		w.d.Ensure(30 + lineChartHeight)
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
		kp := kommunePath(ind, w.r.Kommune)
		caption := w.figureCaption(fmt.Sprintf(w.t("%s i kommunen og områdene, %s", "%s i kommunen og områda, %s"), ind.Name, ind.Periods))
		w.appendix = append(w.appendix, figureNumbers{caption: caption, table: lineTable(ind, kp, chartWords(w.lang), w.lang)})
		caption += ". " + w.toAppendix()
		// the caption and the notes on the chart's breaks stand on the
		// chart's page
		need := lineChartHeight + 2 + float64(len(w.d.Wrap(caption, w.d.ContentWidth(), noteStyle)))*w.d.LineHeight()
		for _, n := range ind.ChartNotes {
			need += float64(len(w.d.Wrap(n, w.d.ContentWidth(), noteStyle))) * w.d.LineHeight()
		}
		w.d.Ensure(need)
		w.d.Figure("linje-"+ind.ID, c.line, chartWidth+padWidth(c.linePad), lineChartHeight, lineAlt(ind, kp, w.lang))
		w.d.Caption(caption)
		for _, n := range ind.ChartNotes {
			w.note(n)
		}
	}
	if kp := kommunePath(ind, w.r.Kommune); kp != nil {
		w.d.Paragraph(fmt.Sprintf(w.t("Målet for kommunen er %s i %d (fra %s i %d); %s.", "Målet for kommunen er %s i %d (frå %s i %d); %s."),
			Value(kp.Target.TargetValue, ind.Unit)+UnitSuffix(ind.Unit, w.lang), kp.Target.TargetYear,
			Value(kp.Target.BaselineValue, ind.Unit)+UnitSuffix(ind.Unit, w.lang), kp.Target.BaselineYear, kp.GapText))
	}
	w.areaTable(ind)
	if ind.Trend != nil {
		w.note(w.t("Trendregel: ", "Trendregel: ") + ind.Trend.Rule)
	}
	w.paths(ind)
	if ind.Groups != nil {
		w.groups(ind, c)
	}
	w.inequality(ind, c)
	for _, n := range ind.Notes {
		w.note(n)
	}
	if !w.r.Public && hasConfidentialRows(ind) {
		w.note(w.t("* Fortrolig: bygger på færre personer enn terskelen og prikkes i offentlig utgave.",
			"* Fortruleg: byggjer på færre personar enn terskelen og blir prikka i offentleg utgåve."))
	}
}

// areaTable is the latest value per area with its status and distance to
// the path; the period is a column only when the areas' latest periods
// differ, else it stands in the heading.
func (w *writer) areaTable(ind Indicator) {
	same := true
	for _, row := range ind.Rows {
		same = same && row.Period == ind.Rows[0].Period
	}
	head := []string{w.t("Område", "Område")}
	widths := []float64{2.3}
	align := []pdf.Align{pdf.Left}
	if !same {
		head, widths, align = append(head, w.t("Periode", "Periode")), append(widths, 1.1), append(align, pdf.Left)
	}
	latest := w.t("Siste verdi", "Siste verdi")
	if same && len(ind.Rows) > 0 {
		latest = ind.Rows[0].Period
		if strings.Contains(latest, "–") {
			w.note(fmt.Sprintf(w.t("Siste verdi gjelder perioden %s.", "Siste verdi gjeld perioden %s."), latest))
			latest = w.t("Siste verdi", "Siste verdi")
		}
	}
	head = append(head, latest, w.t("Status", "Status"), w.t("Avstand til målbanen", "Avstand til målbana"), w.t("Trend", "Trend"))
	widths = append(widths, 1.6, 1.4, 2.5, 1.1)
	align = append(align, pdf.Right, pdf.Left, pdf.Left, pdf.Left)
	rows := make([][]string, 0, len(ind.Rows))
	for _, row := range ind.Rows {
		cells := []string{row.Name}
		if !same {
			cells = append(cells, row.Period)
		}
		dist := row.DistanceText
		if dist == "" {
			dist = Missing
		}
		rows = append(rows, append(cells, row.Text, row.StatusText, dist, row.Trend.Text))
	}
	w.d.Table(pdf.Table{Header: head, Rows: rows, Widths: widths, Align: align})
}

// paths is the table of the targets: baseline, target, the value the
// adopted measures give in the target year, and the gap.
func (w *writer) paths(ind Indicator) {
	if len(ind.Paths) == 0 {
		return
	}
	w.subhead(w.t("Målbane og vedtatte tiltak", "Målbane og vedtekne tiltak"))
	prow := make([][]string, 0, len(ind.Paths))
	var flat, beside []string
	for _, p := range ind.Paths {
		with := withMeasures(p, ind.Unit)
		if p.Unquantified {
			with += " ¹"
			flat = append(flat, p.Name)
		}
		for _, b := range p.Beside {
			if !slices.Contains(beside, b) {
				beside = append(beside, b)
			}
		}
		prow = append(prow, []string{p.Name, fmt.Sprintf("%s (%d)", Value(p.Target.BaselineValue, ind.Unit), p.Target.BaselineYear),
			fmt.Sprintf("%s (%d)", Value(p.Target.TargetValue, ind.Unit), p.Target.TargetYear),
			with, gapCell(p, ind.Unit, w.lang)})
	}
	w.d.Table(pdf.Table{Header: []string{w.t("Område", "Område"), w.t("Basis", "Basis"), w.t("Mål", "Mål"),
		w.t("Med tiltak", "Med tiltak"), w.t("Gap til målet", "Gap til målet")}, Rows: prow,
		Widths: []float64{2, 1.2, 1.2, 1.2, 2.4}, Align: []pdf.Align{pdf.Left, pdf.Right, pdf.Right, pdf.Right, pdf.Left}})
	if len(flat) > 0 {
		n := w.t("¹ Lik basisverdien: virkningen av de vedtatte tiltakene på indikatoren er ikke tallfestet", "¹ Lik basisverdien: verknaden av dei vedtekne tiltaka på indikatoren er ikkje talfesta")
		if len(beside) > 0 {
			n += fmt.Sprintf(w.t(" (%s %s effekt gitt som lav, middels eller høy)", " (%s %s effekt gitt som låg, middels eller høg)"),
				joinAnd(w.lang, beside), plural(len(beside), w.t("har", "har"), w.t("har", "har")))
		}
		w.note(n + ".")
	}
}

// inequality is the table of the gap between areas, with SII and RII
// explained where they first appear, and the bars by area.
func (w *writer) inequality(ind Indicator, c charts) {
	iq := ind.Inequality
	if iq == nil {
		return
	}
	places := int(ValuePlaces(ind.Unit))
	// The bars come first, under the subhead and above the table, so a
	// chart that moves to the next page takes the table with it: no page
	// holds a chart alone, and the subhead stays with its chart.
	var caption string
	h := BarChartHeight(len(ind.Bars))
	var kv *float64
	if len(c.bars) > 0 {
		caption = w.figureCaption(fmt.Sprintf(w.t("%s, %s, etter område, ordnet etter %s med det mest utsatte området øverst",
			"%s, %s, etter område, ordna etter %s med det mest utsette området øvst"), ind.Name, iq.Latest.Period.Label, lowerFirst(iq.By)))
		w.appendix = append(w.appendix, figureNumbers{caption: caption, table: barTable(ind, w.lang)})
		caption += "."
		if kv = kommuneValue(ind, iq.Latest.Period.Label); kv != nil {
			caption += fmt.Sprintf(w.t(" Stiplet linje: kommunen (%s).", " Stipla linje: kommunen (%s)."), Float(*kv, places))
		}
		caption += " " + w.toAppendix()
		w.d.Ensure(h + 12 + float64(len(w.d.Wrap(caption, w.d.ContentWidth(), noteStyle)))*w.d.LineHeight())
	}
	w.subhead(fmt.Sprintf(w.t("Forskjeller mellom områdene (%s)", "Skilnader mellom områda (%s)"), levelText(ind.Level, w.lang)))
	if len(c.bars) > 0 {
		w.d.Figure("soyler-"+ind.ID, c.bars, chartWidth+padWidth(c.barsPad), h, barAlt(ind, kv, w.lang))
		w.d.Caption(caption)
	}
	head := []string{w.t("Mål for ulikhet", "Mål for ulikskap"), iq.Latest.Period.Label}
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
	diff := DiffUnit(ind.Unit, w.lang)
	rows := [][]string{
		line(w.t("Forskjell (høyeste – laveste), ", "Skilnad (høgaste – lågaste), ")+diff, func(c indicators.Inequality) string { return FloatPtr(c.Gap, places) }),
		line(w.t("Forhold (høyeste / laveste)", "Forhold (høgaste / lågaste)"), func(c indicators.Inequality) string { return FloatPtr(c.Ratio, 2) }),
		line("SII, "+diff, func(c indicators.Inequality) string { return FloatPtr(c.SII, places) }),
		line("RII", func(c indicators.Inequality) string { return FloatPtr(c.RII, 2) }),
		line(w.t("Områder med verdi", "Område med verdi"), func(c indicators.Inequality) string { return strconv.Itoa(c.Areas) }),
	}
	widths := []float64{3, 1.2, 1.2}
	w.d.Table(pdf.Table{Header: head, Rows: rows, Widths: widths[:len(head)], Align: []pdf.Align{pdf.Left, pdf.Right, pdf.Right}})
	if !w.explained {
		w.explained = true
		w.note(w.t("SII (helningsindeksen for ulikhet) er den beregnede forskjellen i indikatorens enhet mellom toppen og bunnen av den sosiale rangstigen, "+
			"med områdene vektet etter folketall: positiv SII betyr høyere verdi i de mest fordelaktige områdene, negativ SII høyere verdi i de mest utsatte.",
			"SII (hellingsindeksen for ulikskap) er den berekna skilnaden i eininga til indikatoren mellom toppen og botnen av den sosiale rangstigen, "+
				"med områda vekta etter folketal: positiv SII tyder høgare verdi i dei mest føremonslege områda, negativ SII høgare verdi i dei mest utsette."))
		w.note(w.t("RII (den relative ulikhetsindeksen) er den beregnede verdien på toppen av rangstigen delt på verdien på bunnen: "+
			"over 1 betyr høyere verdi i de mest fordelaktige områdene, under 1 høyere verdi i de mest utsatte.",
			"RII (den relative ulikskapsindeksen) er den berekna verdien på toppen av rangstigen delt på verdien på botnen: "+
				"over 1 tyder høgare verdi i dei mest føremonslege områda, under 1 høgare verdi i dei mest utsette."))
	}
	switch iq.Change {
	case Narrowed:
		w.d.Paragraph(w.t("Forskjellen mellom områdene ble mindre enn i perioden før.", "Skilnaden mellom områda vart mindre enn i perioden før."))
	case Widened:
		w.d.Paragraph(w.t("Forskjellen mellom områdene ble større enn i perioden før.", "Skilnaden mellom områda vart større enn i perioden før."))
	case Same:
		w.d.Paragraph(w.t("Forskjellen mellom områdene er uendret fra perioden før.", "Skilnaden mellom områda er uendra frå perioden før."))
	}
	if len(iq.LeftOut) > 0 {
		w.note(w.t("Ikke med i alle målene for ulikhet: ", "Ikkje med i alle måla for ulikskap: ") + strings.Join(iq.LeftOut, ", ") + ".")
	}
	w.note(fmt.Sprintf(w.t("SII og RII med områdene rangert etter %s, vektet med folketall.", "SII og RII med områda rangerte etter %s, vekta med folketal."), lowerFirst(iq.By)))
}

// noteStyle is the style of notes and captions.
var noteStyle = pdf.Style{Size: 8.5, Gray: true}

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
	return lang2(lang, "mangler ", "manglar ") + Diff(p.Trajectory.Gap, u, lang)
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
	t := pdf.Table{Header: head, Rows: rows, Widths: widths}
	if dropped := dropEmpty(&t, 3); len(dropped) > 0 {
		w.d.Table(t)
		w.note(fmt.Sprintf(w.t("Ingen virksomhet har rapportert for %s, så %s er utelatt.", "Inga verksemd har rapportert for %s, så %s er utelatne."),
			strings.ToLower(joinAnd(w.lang, dropped)), plural(len(dropped), w.t("kolonnen", "kolonna"), w.t("kolonnene", "kolonnane"))))
	} else {
		w.d.Table(t)
	}
	w.spending()
	// A deviation's title stays on the page with the start of its note,
	// and the section's heading with the first deviation.
	ts := pdf.Style{Bold: true, Size: 9}
	title := func(dv Deviation) string {
		return fmt.Sprintf("%s %s – %s: %s", dv.Nr, dv.Name, dv.Period.Label(), progressText(w.lang, dv.Status))
	}
	start := func(dv Deviation) float64 {
		return w.d.StartHeight(title(dv), ts) + w.d.StartHeight(dv.Note, pdf.Style{})
	}
	devHead := w.t("Avvik forklart av virksomhetene", "Avvik forklarte av verksemdene")
	if len(m.Deviations) > 0 {
		w.d.Ensure(w.d.StartHeight(devHead, subheadStyle) + start(m.Deviations[0]))
	}
	w.subhead(devHead)
	if len(m.Deviations) == 0 {
		w.d.Paragraph(w.t("Ingen avvik er rapportert.", "Ingen avvik er rapporterte."))
	}
	for _, dv := range m.Deviations {
		w.d.Ensure(start(dv))
		w.d.StyledParagraph(title(dv), ts)
		w.d.Paragraph(dv.Note)
		if dv.Comment != "" {
			w.note(w.t("Kommentar: ", "Kommentar: ") + dv.Comment)
		}
	}
	w.effects()
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

// spending is the table of each measure's budget against its accounts in
// whole kroner. Each row's Avvik is its accounts minus its budget as
// printed, so a row reads right; the sum row holds the rounded exact
// totals, and a note states where a column's printed rows do not add up
// to its sum.
func (w *writer) spending() {
	r, m := w.r, w.r.Measures
	w.subhead(w.t("Budsjett og regnskap", "Budsjett og rekneskap"))
	rows := make([][]string, 0, len(m.Rows))
	var kr [][]int64
	for _, row := range m.Rows {
		s := row.Spending
		bud, acc := WholeKroner(s.BudgetOre), WholeKroner(s.AccountsOre)
		cells := []string{row.Nr, row.Name, KronerOf(bud), Missing, Missing, Missing}
		if s.Budget.Year == 0 {
			cells[2] = Missing
		}
		if s.HasAccounts {
			cells[3], cells[4] = KronerOf(acc), KronerOf(acc-bud)
			if pct, ok := s.UsedPercent(); ok {
				cells[5] = Percent(pct)
			}
		}
		rows = append(rows, cells)
		kr = append(kr, []int64{bud, acc, acc - bud})
	}
	tb, ta := WholeKroner(m.BudgetOre), WholeKroner(m.AccountOre)
	total := []string{"", w.t("Sum", "Sum"), KronerOf(tb), Missing, Missing, Missing}
	if m.HasAcc {
		total[3], total[4] = KronerOf(ta), KronerOf(ta-tb)
		if pct, ok := SharePercent(m.AccountOre, m.BudgetOre); ok {
			total[5] = Percent(pct)
		}
	}
	bname := w.t("Budsjett", "Budsjett")
	if m.Budget.Year != 0 {
		bname += " (" + versionText(m.Budget.Version, w.lang) + ")"
	}
	names := []string{bname, w.t("Regnskap", "Rekneskap"), w.t("Avvik", "Avvik")}
	t := pdf.Table{Header: []string{"Nr", w.t("Tiltak", "Tiltak"), names[0], names[1], names[2], w.t("Brukt", "Brukt")},
		Rows: rows, Total: total, Widths: []float64{0.5, 2.4, 1.6, 1.6, 1.4, 0.9},
		Align: []pdf.Align{pdf.Left, pdf.Left, pdf.Right, pdf.Right, pdf.Right, pdf.Right}}
	dropped := dropEmpty(&t, 2)
	w.d.Table(t)
	if len(dropped) > 0 {
		w.note(fmt.Sprintf(w.t("Kommunen har ikke regnskap for %d i grunnlaget ennå, så kolonnene for regnskap, avvik og bruk er utelatt.",
			"Kommunen har ikkje rekneskap for %d i grunnlaget enno, så kolonnane for rekneskap, avvik og bruk er utelatne."), r.Year))
	}
	cols := []int64{tb}
	if m.HasAcc {
		cols = append(cols, ta, ta-tb)
	}
	w.note(w.t("Beløpene er det budsjettet og regnskapet for året fører på tiltakets budsjettposter, i hele kroner. Avvik er regnskap minus budsjett.",
		"Beløpa er det budsjettet og rekneskapen for året fører på budsjettpostane til tiltaket, i heile kroner. Avvik er rekneskap minus budsjett.") +
		roundingNote(w.lang, names[:len(cols)], kr, cols))
}

// effects is the table from money to effect: per indicator, the measures
// that target it, their money in the year and their expected effect.
func (w *writer) effects() {
	m := w.r.Measures
	if len(m.Effects) == 0 {
		return
	}
	w.subhead(w.t("Penger og forventet effekt per indikator", "Pengar og forventa effekt per indikator"))
	rows := make([][]string, 0, len(m.Effects))
	prev := ""
	for _, e := range m.Effects {
		name := e.Indicator
		if name == prev {
			name = ""
		}
		prev = e.Indicator
		money := Missing
		if e.HasBudget {
			money = Kroner(e.BudgetOre)
		}
		rows = append(rows, []string{name, e.Nr + " " + e.Name, money, e.Effect, e.Target})
	}
	budgetHead := fmt.Sprintf(w.t("Budsjett %d", "Budsjett %d"), w.r.Year)
	w.d.Table(pdf.Table{Header: []string{w.t("Indikator", "Indikator"), w.t("Tiltak", "Tiltak"), budgetHead, w.t("Forventet effekt", "Forventa effekt"),
		w.t("Tiltakets måltall", "Måltalet for tiltaket")}, Rows: rows, Widths: []float64{1.8, 2.4, 1.4, 2.1, 1.5}, Size: 8,
		Align: []pdf.Align{pdf.Left, pdf.Left, pdf.Right, pdf.Left, pdf.Left}})
	w.note(w.t("Et tiltak som skal påvirke flere indikatorer, står under hver av dem med hele beløpet, så kolonnen summeres ikke. "+
		"Forventet effekt er endringen tiltaket ventes å gi i indikatoren; lav, middels og høy er vurderinger uten tall. "+
		"Tiltakets måltall er resultatkravet til tiltaket, som kan avvike fra målbanen for området i kapittel 2.",
		"Eit tiltak som skal påverke fleire indikatorar, står under kvar av dei med heile beløpet, så kolonna blir ikkje summert. "+
			"Forventa effekt er endringa tiltaket er venta å gi i indikatoren; låg, middels og høg er vurderingar utan tal. "+
			"Måltalet for tiltaket er resultatkravet til tiltaket, som kan vere eit anna enn målbana for området i kapittel 2."))
}

func (w *writer) money() {
	r, m := w.r, w.r.Money
	w.heading(1)
	y, py := strconv.Itoa(r.Year), strconv.Itoa(r.Year-1)
	hasPrev := m.Prev.Year != 0
	if m.Key.Year != 0 {
		p := fmt.Sprintf(w.t("I %s budsjett for %s er %s knyttet til tiltak for helseutjevning. Av kommunens %s på %s er %s knyttet til tiltakene.",
			"I %s budsjett for %s er %s knytt til tiltak for helseutjamning. Av %s for kommunen på %s er %s knytt til tiltaka."),
			versionText(m.Key.Version, w.lang), y, Kroner(m.Linked), m.Base, Kroner(m.Expenses), Kroner(m.LinkedGross))
		if hasPrev {
			p += fmt.Sprintf(w.t(" I %s budsjett for %s var det %s.", " I %s budsjett for %s var det %s."), versionText(m.Prev.Version, w.lang), py, Kroner(m.PrevLinked))
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
		var kr [][]int64
		for _, g := range groups {
			a, b := WholeKroner(g.Ore), WholeKroner(g.PrevOre)
			if hasPrev {
				rows = append(rows, []string{g.Name, KronerOf(b), KronerOf(a), KronerOf(a - b)})
				kr = append(kr, []int64{b, a, a - b})
			} else {
				rows = append(rows, []string{g.Name, KronerOf(a)})
				kr = append(kr, []int64{a})
			}
			sum += g.Ore
			psum += g.PrevOre
		}
		ts, tp := WholeKroner(sum), WholeKroner(psum)
		if hasPrev {
			w.d.Table(pdf.Table{Header: []string{"", py, y, w.t("Endring", "Endring")}, Rows: rows,
				Total:  []string{w.t("Sum", "Sum"), KronerOf(tp), KronerOf(ts), KronerOf(ts - tp)},
				Widths: []float64{2.6, 1.5, 1.5, 1.5}, Align: []pdf.Align{pdf.Left, pdf.Right, pdf.Right, pdf.Right}})
			if n := roundingNote(w.lang, []string{py, y, w.t("Endring", "Endring")}, kr, []int64{tp, ts, ts - tp}); n != "" {
				w.note(strings.TrimSpace(n))
			}
			return
		}
		w.d.Table(pdf.Table{Header: []string{"", y}, Rows: rows, Total: []string{w.t("Sum", "Sum"), KronerOf(ts)},
			Widths: []float64{2.6, 1.5}, Align: []pdf.Align{pdf.Left, pdf.Right}})
		if n := roundingNote(w.lang, []string{y}, kr, []int64{ts}); n != "" {
			w.note(strings.TrimSpace(n))
		}
	}
	table(w.t("Etter innsatstype", "Etter innsatstype"), groupNames(m.ByEffort, w.lang))
	table(w.t("Etter påvirkningsfaktor", "Etter påverknadsfaktor"), groupNames(m.ByDeterminant, w.lang))
	table(w.t("Etter virksomhet", "Etter verksemd"), m.ByUnit)
	w.subhead(w.t("Vurdering av hele budsjettet", "Vurdering av heile budsjettet"))
	w.d.Paragraph(w.t("Hver funksjon i budsjettet er vurdert som positiv, nøytral, negativ eller blandet for helseutjevning, alltid med en begrunnelse. "+
		"Linjer uten vurdering står som ikke vurdert, aldri som nøytrale.",
		"Kvar funksjon i budsjettet er vurdert som positiv, nøytral, negativ eller blanda for helseutjamning, alltid med ei grunngjeving. "+
			"Linjer utan vurdering står som ikkje vurderte, aldri som nøytrale."))
	rows := make([][]string, 0, len(m.Grades))
	var sum, psum int64
	var kr [][]int64
	for _, g := range m.Grades {
		share := Missing
		if pct, ok := SharePercent(g.Expenses, m.Expenses); ok {
			share = Percent(pct)
		}
		a, b := WholeKroner(g.Expenses), WholeKroner(g.PrevExpenses)
		if hasPrev {
			rows = append(rows, []string{gradeText(g.Grade, w.lang), KronerOf(b), KronerOf(a), share})
			kr = append(kr, []int64{b, a})
		} else {
			rows = append(rows, []string{gradeText(g.Grade, w.lang), KronerOf(a), share})
			kr = append(kr, []int64{a})
		}
		sum += g.Expenses
		psum += g.PrevExpenses
	}
	head := w.t("Vurdering (brutto driftsutgifter)", "Vurdering (brutto driftsutgifter)")
	if hasPrev {
		w.d.Table(pdf.Table{Header: []string{head, py, y, w.t("Andel", "Del")}, Rows: rows,
			Total:  []string{w.t("Sum", "Sum"), KronerOf(WholeKroner(psum)), KronerOf(WholeKroner(sum)), ""},
			Widths: []float64{2.6, 1.5, 1.5, 1}, Align: []pdf.Align{pdf.Left, pdf.Right, pdf.Right, pdf.Right}})
		if n := roundingNote(w.lang, []string{py, y}, kr, []int64{WholeKroner(psum), WholeKroner(sum)}); n != "" {
			w.note(strings.TrimSpace(n))
		}
		return
	}
	w.d.Table(pdf.Table{Header: []string{head, y, w.t("Andel", "Del")}, Rows: rows,
		Total:  []string{w.t("Sum", "Sum"), KronerOf(WholeKroner(sum)), ""},
		Widths: []float64{2.6, 1.5, 1}, Align: []pdf.Align{pdf.Left, pdf.Right, pdf.Right}})
	if n := roundingNote(w.lang, []string{y}, kr, []int64{WholeKroner(sum)}); n != "" {
		w.note(strings.TrimSpace(n))
	}
}

// nnGroup are the nynorsk forms of the effort types and determinants
// where they differ from bokmål.
var nnGroup = map[string]string{
	"områderettet": "områderetta", "målrettet": "målretta",
	"bolig": "bustad", "sosial deltakelse": "sosial deltaking",
}

// groupNames are groups with their names in the report's language.
func groupNames(gs []Compare, lang indicators.Lang) []Compare {
	if lang != indicators.Nynorsk {
		return gs
	}
	out := make([]Compare, len(gs))
	for i, g := range gs {
		if nn, ok := nnGroup[g.Name]; ok {
			g.Name = nn
		}
		out[i] = g
	}
	return out
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
		w.t("Terskel", "Terskel"), w.t("Definisjon", "Definisjon")}, Rows: rows, Widths: []float64{2, 0.8, 1.2, 0.9, 0.8, 3.3}, Size: 8})
	w.note(w.t("Terskel er det minste antallet personer et tall kan bygge på for å bli publisert.",
		"Terskel er det minste talet på personar eit tal kan byggje på for å bli publisert."))
	if len(a.NoData) > 0 {
		w.note(w.t("Indikatorer kommunen følger med på, men ikke har tall for i grunnlaget ennå: ", "Indikatorar kommunen følgjer med på, men ikkje har tal for i grunnlaget enno: ") +
			joinAnd(w.lang, a.NoData) + ".")
	}
	if w.r.Public {
		w.subhead(w.t("Tall som er holdt tilbake", "Tal som er haldne tilbake"))
	} else {
		w.subhead(w.t("Fortrolige tall (prikkes i offentlig utgave)", "Fortrulege tal (blir prikka i offentleg utgåve)"))
	}
	if len(a.Suppressed) == 0 {
		w.d.Paragraph(w.t("Ingen tall er holdt tilbake.", "Ingen tal er haldne tilbake."))
		return
	}
	rows = rows[:0]
	if w.r.Public {
		// one reason for all: which figure protects which is not told
		w.d.Paragraph(w.t("Disse tallene er holdt tilbake for å verne små grupper:", "Desse tala er haldne tilbake for å verne små grupper:"))
		for _, s := range a.Suppressed {
			rows = append(rows, []string{s.Indicator, s.Area, s.Period, s.Text})
		}
		w.d.Table(pdf.Table{Header: []string{w.t("Indikator", "Indikator"), w.t("Område", "Område"), w.t("Periode", "Periode"), w.t("Verdi", "Verdi")},
			Rows: rows, Widths: []float64{3, 1.6, 1.2, 0.8}, Align: []pdf.Align{pdf.Left, pdf.Left, pdf.Left, pdf.Right}})
		return
	}
	for _, s := range a.Suppressed {
		rows = append(rows, []string{s.Indicator, s.Area, s.Period, s.Text, s.Reason})
	}
	w.d.Table(pdf.Table{Header: []string{w.t("Indikator", "Indikator"), w.t("Område", "Område"), w.t("Periode", "Periode"), w.t("Verdi", "Verdi"),
		w.t("Grunn", "Grunn")}, Rows: rows, Widths: []float64{2.4, 1.4, 1, 0.8, 2.4}, Align: []pdf.Align{pdf.Left, pdf.Left, pdf.Left, pdf.Right, pdf.Left}})
}

// figureCaption numbers the next figure: "Figur 3: title".
func (w *writer) figureCaption(title string) string {
	w.figures++
	return fmt.Sprintf("Figur %d: %s", w.figures, title)
}

// toAppendix is the sentence of a caption that points to the figure's
// numbers in the last chapter.
func (w *writer) toAppendix() string {
	n, title, _ := strings.Cut(chapterTitles(w.lang)[5], " ")
	return fmt.Sprintf(w.t("Tallene står i kapittel %s (%s).", "Tala står i kapittel %s (%s)."), n, lowerFirst(title))
}

// figureTables is the last chapter: the numbers of every chart that has no
// table of its own beside it, under the figure's caption.
func (w *writer) figureTables() {
	w.heading(1)
	w.d.Paragraph(w.t("Tabellene viser tallene figurene i rapporten er tegnet fra, med samme avrunding og de samme tallene holdt tilbake. "+
		"Figurer med forskjeller mellom grupper har tallene i tabellen rett under seg.",
		"Tabellane viser tala figurane i rapporten er teikna frå, med same avrunding og dei same tala haldne tilbake. "+
			"Figurar med skilnader mellom grupper har tala i tabellen rett under seg."))
	if len(w.appendix) == 0 {
		w.d.Paragraph(w.t("Rapporten har ingen figurer.", "Rapporten har ingen figurar."))
	}
	for _, f := range w.appendix {
		w.subhead(f.caption)
		w.d.Table(f.table)
	}
}
