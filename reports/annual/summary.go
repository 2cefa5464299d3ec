package annual

import (
	"fmt"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// summarize fills the key figures and writes the summary.
func (l *loader) summarize(r *Report) {
	s := &r.Summary
	s.LinkedOre, s.ExpensesOre = r.Money.Linked, r.Money.Expenses
	if sh, ok := SharePercent(s.LinkedOre, s.ExpensesOre); ok {
		s.Share = &sh
	}
	s.BudgetOre, s.AccountsOre, s.HasAccounts = r.Measures.BudgetOre, r.Measures.AccountOre, r.Measures.HasAcc
	s.Measures = len(r.Measures.Rows)
	counts := map[budget.Progress]int{}
	for _, row := range r.Measures.Rows {
		counts[row.LatestStatus()]++
	}
	s.ByStatus = []StatusCount{}
	for _, p := range append(append([]budget.Progress{}, budget.Progresses...), "") {
		if counts[p] > 0 {
			text := progressText(l.lang, p)
			if p == "" {
				text = l.t("ikke rapportert", "ikkje rapportert")
			}
			s.ByStatus = append(s.ByStatus, StatusCount{Status: p, Text: text, Count: counts[p]})
		}
	}
	var worst *PathRow
	var worstInd string
	for i := range r.Indicators {
		ind := &r.Indicators[i]
		for j := range ind.Paths {
			p := &ind.Paths[j]
			s.Targets++
			switch p.Status.State {
			case indicators.OnTrack:
				s.OnTrack++
			case indicators.OffTrack:
				s.OffTrack++
				if p.Status.Distance != nil && (worst == nil || relDistance(p) < relDistance(worst)) {
					worst, worstInd = p, ind.Name
				}
			default:
				s.NoData++
			}
		}
		if ind.Inequality != nil && ind.Inequality.Change != NoChange {
			s.Gaps++
			switch ind.Inequality.Change {
			case Narrowed:
				s.Narrowed++
			case Widened:
				s.Widened++
			default:
				s.Same++
			}
		}
	}
	s.Text = l.summaryText(r, worst, worstInd)
}

// relDistance is the distance from the path relative to the change the
// target asks for, so indicators in different units compare.
func relDistance(p *PathRow) float64 {
	need := p.Target.TargetValue.Sub(p.Target.BaselineValue).Abs().InexactFloat64()
	d := p.Status.Distance.InexactFloat64()
	if need == 0 {
		return d
	}
	return d / need
}

// summaryText writes the summary in plain Norwegian.
func (l *loader) summaryText(r *Report, worst *PathRow, worstInd string) []string {
	s := r.Summary
	var out []string
	if r.Budget.Year != 0 {
		p := fmt.Sprintf(l.t("I %s budsjett for %d er %s knyttet til tiltak for helseutjevning",
			"I %s budsjett for %d er %s knytt til tiltak for helseutjamning"), versionText(r.Budget.Version), r.Year, Kroner(s.LinkedOre))
		if s.Share != nil {
			p += fmt.Sprintf(l.t(", %s av brutto driftsutgifter", ", %s av brutto driftsutgifter"), Percent(*s.Share))
		}
		p += "."
		if s.HasAccounts {
			p += fmt.Sprintf(l.t(" Regnskapet viser %s brukt på tiltakene som løp i året, mot %s i budsjettet.",
				" Rekneskapen viser %s brukt på tiltaka som gjekk i året, mot %s i budsjettet."), Kroner(s.AccountsOre), Kroner(s.BudgetOre))
		} else {
			p += l.t(" Regnskapet for året er ikke importert ennå.", " Rekneskapen for året er ikkje importert enno.")
		}
		out = append(out, p)
	}
	if s.Measures > 0 {
		var parts []string
		for _, c := range s.ByStatus {
			parts = append(parts, fmt.Sprintf("%d %s", c.Count, c.Text))
		}
		when := l.t("uten rapporter fra virksomhetene", "utan rapportar frå verksemdene")
		if n := len(r.Reported); n > 0 {
			when = l.t("per ", "per ") + r.Reported[n-1].AsOfText()
		}
		p := fmt.Sprintf(l.t("%d tiltak løp i %d. Status %s: %s.", "%d tiltak gjekk i %d. Status %s: %s."), s.Measures, r.Year, when, joinAnd(l.lang, parts))
		if n := len(r.Measures.Deviations); n > 0 {
			p += fmt.Sprintf(l.t(" Virksomhetene forklarte %d avvik i løpet av året; de står i kapitlet om tiltakene.",
				" Verksemdene forklarte %d avvik i løpet av året; dei står i kapittelet om tiltaka."), n)
		}
		out = append(out, p)
	}
	if s.Targets > 0 {
		p := fmt.Sprintf(l.t("Av %d mål for indikatorene er %d i rute og %d ikke i rute", "Av %d mål for indikatorane er %d i rute og %d ikkje i rute"),
			s.Targets, s.OnTrack, s.OffTrack)
		if s.NoData > 0 {
			p += fmt.Sprintf(l.t("; %d mangler data", "; %d manglar data"), s.NoData)
		}
		p += "."
		if worst != nil {
			p += fmt.Sprintf(l.t(" Lengst fra målbanen er %s i %s.", " Lengst frå målbana er %s i %s."), strings.ToLower(worstInd), worst.Name)
		}
		out = append(out, p)
	}
	if s.Gaps > 0 {
		out = append(out, fmt.Sprintf(l.t("Forskjellen mellom områdene ble mindre for %d og større for %d av %d indikatorer som kan sammenlignes med perioden før.",
			"Skilnaden mellom områda vart mindre for %d og større for %d av %d indikatorar som kan samanliknast med perioden før."),
			s.Narrowed, s.Widened, s.Gaps))
	}
	if r.Public && len(r.About.Suppressed) > 0 {
		out = append(out, l.t("Tall for små grupper er prikket (:) for å verne personvernet; se «Om tallene».",
			"Tal for små grupper er prikka (:) for å verne personvernet; sjå «Om tala»."))
	}
	return out
}

// joinAnd joins "a, b og c".
func joinAnd(lang indicators.Lang, parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " " + lang2(lang, "og", "og") + " " + parts[len(parts)-1]
}

// about fills Om tallene.
func (l *loader) about(r *Report) {
	a := &r.About
	for _, ind := range r.Indicators {
		a.Sources = append(a.Sources, SourceRow{Name: ind.Name, Source: ind.Source, Periods: ind.Periods, Unit: ind.UnitText,
			Definition: ind.Definition, Threshold: ind.Threshold})
	}
	if a.Sources == nil {
		a.Sources = []SourceRow{}
	}
	if a.Suppressed == nil {
		a.Suppressed = []SuppressedRow{}
	}
	if a.NoData == nil {
		a.NoData = []string{}
	}
	a.Text = []string{
		l.t("Indikatorene er hentet fra kildene i tabellen og importert i kommunens arbeidsområde for helsebudsjettet. "+
			"Et spenn som 2018–2024 er et gjennomsnitt over årene og tegnes ved siste år. En manglende verdi (–) er aldri null.",
			"Indikatorane er henta frå kjeldene i tabellen og importerte i arbeidsområdet til kommunen for helsebudsjettet. "+
				"Eit spenn som 2018–2024 er eit gjennomsnitt over åra og blir teikna ved siste år. Ein manglande verdi (–) er aldri null."),
		l.t("Målbanen går i rett linje fra basisåret til målåret. Banen med vedtatte tiltak legger tiltakenes forventede effekt til verdien i basisåret; "+
			"tiltak med effekt gitt som lav, middels eller høy er ikke regnet inn.",
			"Målbana går i rett linje frå basisåret til målåret. Bana med vedtekne tiltak legg den forventa effekten av tiltaka til verdien i basisåret; "+
				"tiltak med effekt gitt som låg, middels eller høg er ikkje rekna inn."),
		l.t("Forskjell er høyeste minus laveste verdi mellom områdene, forhold er høyeste delt på laveste. SII (slope index of inequality) er den "+
			"tilpassede forskjellen mellom toppen og bunnen av den sosiale skalaen, med områdene rangert etter ",
			"Skilnad er høgaste minus lågaste verdi mellom områda, forhold er høgaste delt på lågaste. SII (slope index of inequality) er den "+
				"tilpassa skilnaden mellom toppen og botnen av den sosiale skalaen, med områda rangerte etter ") + l.opt.By +
			l.t(" og vektet med folketall; RII er det tilsvarende forholdet.", " og vekta med folketal; RII er det tilsvarande forholdet."),
	}
	if r.Public {
		a.Text = append(a.Text, l.t("Verdier bygd på færre personer enn terskelen for indikatoren er prikket (:), og én verdi til prikkes der den prikkede "+
			"ellers kunne regnes ut fra de andre. Prikkede verdier er utelatt fra figurene og fra forskjellsmålene.",
			"Verdiar bygde på færre personar enn terskelen for indikatoren er prikka (:), og éin verdi til blir prikka der den prikka "+
				"elles kunne reknast ut frå dei andre. Prikka verdiar er utelatne frå figurane og frå skilnadsmåla."))
	} else {
		a.Text = append(a.Text, l.t("Denne utgaven er intern. Verdier merket * bygger på færre personer enn terskelen og skal prikkes i alt som offentliggjøres; "+
			"bruk den offentlige utgaven (--public) til politisk behandling.",
			"Denne utgåva er intern. Verdiar merkte * byggjer på færre personar enn terskelen og skal prikkast i alt som blir offentleggjort; "+
				"bruk den offentlege utgåva (--public) til politisk handsaming."))
	}
}
