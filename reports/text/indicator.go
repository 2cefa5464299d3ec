package text

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// IndicatorShow writes indicators show for people: the series as a table
// of areas by periods, then targets, trend and inequality.
func IndicatorShow(w io.Writer, out *model.IndicatorView, lang indicators.Lang) error {
	fmt.Fprintf(w, "%s: %s\n", out.ID, out.Name)
	fmt.Fprintf(w, "%s, %s; %s %s\n", annual.UnitText(out.Unit, lang), betterText(out.Better, lang), tr(lang, "kilde", "kjelde"), out.Source)
	fmt.Fprintf(w, "%s\n", out.Definition)
	if out.AsOf != "" {
		fmt.Fprintf(w, "%s %s\n", tr(lang, "Slik tallene var kjent", "Slik tala var kjende"), out.AsOf)
	}
	if err := printSeries(w, out, lang); err != nil {
		return err
	}
	printTargets(w, out, lang)
	printTrend(w, out, lang)
	if err := printInequality(w, out, lang); err != nil {
		return err
	}
	printGroups(w, out, lang)
	for _, n := range out.Notes {
		fmt.Fprintf(w, "\n%s: %s\n", tr(lang, "Merk", "Merk"), n)
	}
	return nil
}

// num formats a decimal with a decimal comma.
func num(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return strings.Replace(d.String(), ".", ",", 1)
}

func fnum(f *float64, places int) string {
	if f == nil {
		return "–"
	}
	return strings.Replace(decimal.NewFromFloat(*f).StringFixed(int32(places)), ".", ",", 1)
}

func printSeries(w io.Writer, out *model.IndicatorView, lang indicators.Lang) error {
	fmt.Fprintf(w, "\n%s\n", tr(lang, "Verdier", "Verdiar"))
	if len(out.Series) == 0 {
		fmt.Fprintf(w, "  %s\n", tr(lang, "(ingen)", "(ingen)"))
		return nil
	}
	var periods []string
	seenP := map[string]bool{}
	type rowKey struct{ area, dims string }
	cells := map[rowKey]map[string]string{}
	var rows []rowKey
	names := map[string]string{}
	confidential, suppressed := false, false
	for _, p := range out.Series {
		if !seenP[p.Period] {
			seenP[p.Period] = true
			periods = append(periods, p.Period)
		}
		k := rowKey{p.Area, dimsText(p.Dims)}
		if cells[k] == nil {
			cells[k] = map[string]string{}
			rows = append(rows, k)
		}
		names[p.Area] = p.AreaName
		v := num(p.Value)
		switch {
		case p.Value == nil && p.Marker != "":
			v = p.Marker
		case p.Value == nil:
			v = "–"
		case p.Confidential:
			v += "*"
			confidential = true
		}
		suppressed = suppressed || (p.Suppressed && p.Value == nil)
		cells[k][p.Period] = v
	}
	sort.SliceStable(periods, func(i, j int) bool {
		a, _ := indicators.ParsePeriod(periods[i])
		b, _ := indicators.ParsePeriod(periods[j])
		return indicators.ComparePeriods(a, b) < 0
	})
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\t", tr(lang, "OMRÅDE", "OMRÅDE"))
	for _, p := range periods {
		fmt.Fprintf(tw, "%s\t", p)
	}
	fmt.Fprintln(tw)
	for _, k := range rows {
		label := k.area + " " + names[k.area]
		if k.dims != "" {
			label += " (" + k.dims + ")"
		}
		fmt.Fprintf(tw, "%s\t", label)
		for _, p := range periods {
			fmt.Fprintf(tw, "%s\t", cells[k][p])
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if suppressed {
		fmt.Fprintf(w, "  : %s %d %s\n", tr(lang, "prikket: færre enn", "prikka: færre enn"), out.MinCount,
			tr(lang, "personer, eller skjermer en annen prikket verdi", "personar, eller skjermar ein annan prikka verdi"))
	}
	if confidential {
		fmt.Fprintf(w, "  * %s %d %s\n", tr(lang, "fortrolig: færre enn", "fortruleg: færre enn"), out.MinCount,
			tr(lang, "personer (eller skjermer en slik verdi); prikkes med --public", "personar (eller skjermar ein slik verdi); blir prikka med --public"))
	}
	return nil
}

func dimsText(ds []indicators.Dim) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.Name + "=" + d.Value
	}
	return strings.Join(parts, ", ")
}

func printTargets(w io.Writer, out *model.IndicatorView, lang indicators.Lang) {
	fmt.Fprintf(w, "\n%s\n", tr(lang, "Mål og status", "Mål og status"))
	if len(out.Targets) == 0 {
		fmt.Fprintf(w, "  %s\n", tr(lang, "(ingen mål: importer med 'helsebudsjett import targets FILE')", "(ingen mål: importer med 'helsebudsjett import targets FILE')"))
		return
	}
	for i, t := range out.Targets {
		st := out.Status[i]
		fmt.Fprintf(w, "  %s %s: %s %d %s, %s %d %s. ", t.Area, t.AreaName, tr(lang, "fra", "frå"), t.BaselineYear,
			num(&t.BaselineValue), tr(lang, "mål", "mål"), t.TargetYear, num(&t.TargetValue))
		if st.State == indicators.NoData {
			fmt.Fprintf(w, "%s (%s)\n", st.State.Text(lang), st.Note)
			continue
		}
		fmt.Fprintf(w, "%s: %s, %s %s, %s %s, %s\n", st.Period.Label, st.State.Text(lang),
			tr(lang, "verdi", "verdi"), num(st.Value), tr(lang, "målbane", "målbane"), num(pathRounded(st.Path)),
			indicators.DistanceText(*st.Distance, out.Unit, lang, "målbanen", "målbana"))
		if st.Note != "" {
			fmt.Fprintf(w, "    (%s)\n", st.Note)
		}
	}
}

// diffUnit names the unit of a difference between two values: the
// difference of two percentages is percentage points.
func diffUnit(u indicators.Unit, lang indicators.Lang) string {
	if w := u.DiffWord(lang); w != "" {
		return w
	}
	return annual.UnitText(u, lang)
}

// reasonText is why an area was left out, in Norwegian.
func reasonText(r string, lang indicators.Lang) string {
	switch r {
	case indicators.LeftMissing:
		return tr(lang, "mangler", "manglar")
	case indicators.LeftSuppressed:
		return tr(lang, "prikket", "prikka")
	case indicators.LeftNoPop:
		return tr(lang, "mangler folketall", "manglar folketal")
	case indicators.LeftNoSocio:
		return tr(lang, "mangler sosioøkonomisk verdi", "manglar sosioøkonomisk verdi")
	}
	return r
}

func pathRounded(d *decimal.Decimal) *decimal.Decimal {
	r := d.Round(2)
	return &r
}

func printTrend(w io.Writer, out *model.IndicatorView, lang indicators.Lang) {
	fmt.Fprintf(w, "\n%s\n  %s: %s\n", "Trend", tr(lang, "Regel", "Regel"), out.Trend.Rule)
	names := map[string]string{}
	for _, p := range out.Series {
		names[p.Area] = p.AreaName
	}
	for _, r := range out.Trend.Ratings {
		fmt.Fprintf(w, "  %s %s: %s", r.Area, names[r.Area], r.Text)
		if r.Change != nil {
			fmt.Fprintf(w, " (%s → %s: %s %s)", r.From.Label, r.To.Label, num(r.Change), diffUnit(out.Unit, lang))
		}
		if r.Note != "" {
			fmt.Fprintf(w, " (%s)", r.Note)
		}
		fmt.Fprintln(w)
	}
}

func printInequality(w io.Writer, out *model.IndicatorView, lang indicators.Lang) error {
	if len(out.Inequality) == 0 {
		return nil
	}
	in0 := out.Inequality[0]
	fmt.Fprintf(w, "\n%s (%s), %s %s\n", tr(lang, "Forskjeller mellom områder", "Skilnader mellom område"), in0.Level,
		tr(lang, "rangert etter", "rangert etter"), in0.By)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t  %s\n", tr(lang, "PERIODE", "PERIODE"), tr(lang, "OMRÅDER", "OMRÅDE"),
		tr(lang, "AVSTAND", "AVSTAND"), "RATIO", tr(lang, "SNITT", "SNITT"), "SII", "RII", tr(lang, "UTELATT", "UTELATE"))
	for _, in := range out.Inequality {
		var left []string
		for _, l := range in.LeftOut {
			left = append(left, l.Area+" ("+reasonText(l.Reason, lang)+")")
		}
		conf := ""
		if in.Confidential {
			conf = "*"
		}
		fmt.Fprintf(tw, "%s%s\t%d\t%s\t%s\t%s\t%s\t%s\t  %s\n", in.Period, conf, in.Areas, fnum(in.Gap, 2), fnum(in.Ratio, 2),
			fnum(in.Mean, 2), fnum(in.SII, 2), fnum(in.RII, 2), strings.Join(left, ", "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "  %s\n", tr(lang,
		"SII: forskjellen mellom toppen og bunnen av den sosiale skalaen (regresjon vektet med folketall); RII: forholdet mellom dem.",
		"SII: skilnaden mellom toppen og botnen av den sosiale skalaen (regresjon vekta med folketal); RII: forholdet mellom dei."))
	fmt.Fprintf(w, "  %s %s; %s %s.\n", tr(lang, "Avstand og SII er i", "Avstand og SII er i"), diffUnit(out.Unit, lang),
		tr(lang, "snitt i", "snitt i"), annual.UnitText(out.Unit, lang))
	return nil
}

func printGroups(w io.Writer, out *model.IndicatorView, lang indicators.Lang) {
	if len(out.Groups) == 0 {
		return
	}
	g0 := out.Groups[0]
	fmt.Fprintf(w, "\n%s: %s %s %s\n", tr(lang, "Forskjeller mellom grupper", "Skilnader mellom grupper"), g0.GroupB, tr(lang, "mot", "mot"), g0.GroupA)
	for _, g := range out.Groups {
		fmt.Fprintf(w, "  %s %s, %s", g.Area, g.AreaName, g.Period.Label)
		if len(g.Dims) > 0 {
			fmt.Fprintf(w, " (%s)", dimsText(g.Dims))
		}
		if g.Gap == nil {
			fmt.Fprintf(w, ": – (%s)\n", g.Reason)
			continue
		}
		fmt.Fprintf(w, ": %s %s, ratio %s\n", fnum(g.Gap, 2), diffUnit(out.Unit, lang), fnum(g.Ratio, 2))
	}
}

// Trajectories writes indicators trajectory for people: each target's
// path from baseline to target, with the measures that bear on it.
func Trajectories(w io.Writer, out *model.TrajectoryView, lang indicators.Lang) error {
	fmt.Fprintf(w, "%s (%s)\n", out.Name, out.ID)
	for _, n := range out.Notes {
		fmt.Fprintf(w, "  %s\n", n)
	}
	for _, t := range out.Trajectories {
		name := t.AreaName
		if name == "" {
			name = t.Area
		}
		fmt.Fprintf(w, "\n%s (%s): %s %s %d → %s %d\n", name, t.Area, tr(lang, "fra", "frå"), dnum(t.Baseline.Value), t.Baseline.Year,
			dnum(t.Goal.Value), t.Goal.Year)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		avvik := tr(lang, "Avvik", "Avvik")
		if u := out.Unit.DiffWord(lang); u != "" {
			avvik += " (" + u + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", tr(lang, "År", "År"), tr(lang, "Målbane", "Målbane"),
			tr(lang, "Med vedtatte tiltak", "Med vedtekne tiltak"), avvik)
		for _, p := range t.Points {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t\n", p.Year, dnum(p.Target), dnum(p.Measures), dnum(p.Diff))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		switch {
		case len(t.Numeric) == 0:
			fmt.Fprintln(w, tr(lang, "Ingen vedtatte tiltak med tallfestet effekt på indikatoren her: banen er basisverdien.",
				"Ingen vedtekne tiltak med talfesta effekt på indikatoren her: bana er basisverdien."))
		case t.Reached:
			fmt.Fprintf(w, tr(lang, "Gap i %d: ingen – de vedtatte tiltakene når målet (med %s å gå på).\n",
				"Gap i %d: inkje – dei vedtekne tiltaka når målet (med %s å gå på).\n"), t.Goal.Year, diffNum(t.Gap.Neg(), out.Unit, lang, false))
		default:
			fmt.Fprintf(w, tr(lang, "Gap i %d: %s – de vedtatte tiltakene når ikke målet.\n",
				"Gap i %d: %s – dei vedtekne tiltaka når ikkje målet.\n"), t.Goal.Year, diffNum(t.Gap, out.Unit, lang, false))
		}
		if t.Covered != nil && len(t.Numeric) > 0 {
			fmt.Fprintf(w, tr(lang, "Tiltakene gir %s %% av endringen målet krever.\n", "Tiltaka gir %s %% av endringa målet krev.\n"), dnum(*t.Covered))
		}
		for _, m := range t.Numeric {
			weight := ""
			if !m.Weight.Equal(decimal.NewFromInt(1)) {
				weight = fmt.Sprintf(tr(lang, ", vektet %s for områdets andel av folketallet", ", vekta %s for delen av folketalet i området"), dnum(m.Weight))
			}
			start := tr(lang, "løpende", "løpande")
			if m.Start != 0 {
				start = fmt.Sprintf("%s %d", tr(lang, "fra", "frå"), m.Start)
			}
			fmt.Fprintf(w, "  %s %s: %s %s %d (%s%s)\n", m.Nr, m.Name, diffNum(*m.Value, out.Unit, lang, true), tr(lang, "innen", "innan"), m.FullYear, start, weight)
		}
		if len(t.Beside) > 0 {
			fmt.Fprintln(w, tr(lang, "Ved siden av, ikke summert (effekt ikke tallfestet for indikatoren):",
				"Ved sida av, ikkje summerte (effekt ikkje talfesta for indikatoren):"))
			for _, m := range t.Beside {
				level := m.Level
				switch {
				case m.Other != "":
					level = tr(lang, "effekten er tallfestet for ", "effekten er talfesta for ") + m.Other
				case level == "":
					level = tr(lang, "ikke angitt", "ikkje oppgitt")
				}
				fmt.Fprintf(w, "  %s %s: %s\n", m.Nr, m.Name, level)
			}
		}
	}
	return nil
}

// dnum writes a decimal rounded to 3 places with a decimal comma.
func dnum(d decimal.Decimal) string { return strings.Replace(d.Round(3).String(), ".", ",", 1) }

// diffNum writes a difference between two values of unit u with the unit
// of a difference: "0,5 prosentpoeng" (signed: "+0,5", "-1").
func diffNum(d decimal.Decimal, u indicators.Unit, lang indicators.Lang, signed bool) string {
	s := dnum(d)
	if signed && d.IsPositive() {
		s = "+" + s
	}
	if w := u.DiffWord(lang); w != "" {
		s += " " + w
	}
	return s
}

func betterText(d indicators.Direction, lang indicators.Lang) string {
	if d == indicators.LowerIsBetter {
		return tr(lang, "lavere er bedre", "lågare er betre")
	}
	return tr(lang, "høyere er bedre", "høgare er betre")
}

func levelsText(ls []indicators.Level) string {
	s := make([]string, len(ls))
	for i, l := range ls {
		s[i] = string(l)
	}
	return strings.Join(s, ", ")
}

// tr picks the bokmål or nynorsk text of an output.
func tr(lang indicators.Lang, nb, nn string) string { return lang.Pick(nb, nn) }

// IndicatorList writes indicators list for people: the catalogue in force
// by determinant, marking the municipality's own definitions.
func IndicatorList(w io.Writer, listed []indicatorimport.Listed, lang indicators.Lang) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	det := ""
	for _, li := range listed {
		ind := li.Indicator
		if ind.Determinant != det {
			det = ind.Determinant
			fmt.Fprintf(tw, "\n%s\t\t\t\t\t\n", strings.ToUpper(det))
		}
		mark := ""
		if li.Origin != "default" {
			mark = " (" + tr(lang, map[string]string{"local": "lokal", "override": "lokalt endret"}[li.Origin],
				map[string]string{"local": "lokal", "override": "lokalt endra"}[li.Origin]) + ")"
		}
		fmt.Fprintf(tw, "  %s\t%s%s\t%s\t%s\t%s\t%s\n", ind.ID, ind.NameIn(lang), mark, annual.UnitText(ind.Unit, lang),
			betterText(ind.Better, lang), ind.Source, levelsText(ind.Levels))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%d %s. %s\n", len(listed), tr(lang, "indikatorer", "indikatorar"),
		tr(lang, "Se én med 'helsebudsjett indicators show ID'.", "Sjå éin med 'helsebudsjett indicators show ID'."))
	return nil
}
