package annual

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// summarize fills the key figures and writes the summary.
func (l *loader) summarize(r *Report) {
	s := &r.Summary
	s.LinkedOre, s.LinkedGrossOre, s.ExpensesOre, s.Base = r.Money.Linked, r.Money.LinkedGross, r.Money.Expenses, r.Money.Base
	if sh, ok := SharePercent(s.LinkedGrossOre, s.ExpensesOre); ok {
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
	s.Furthest = furthest(r, l.lang)
	s.Text = l.summaryText(r)
}

// Furthest is the target furthest behind its path among the targets whose
// indicators share a unit: distances in different units do not compare.
type Furthest struct {
	Indicator string          `json:"indicator"` // the indicator's name
	Area      string          `json:"area"`      // the area's name
	Unit      indicators.Unit `json:"unit"`
	// Distance is the distance to the path as the tables print it
	// (negative: behind).
	Distance decimal.Decimal `json:"distance"`
	Text     string          `json:"text"` // "mangler 2,0 prosentpoeng"
}

// furthest finds, per unit, the off-track target with the largest
// distance behind its path, judged on the distance as printed (ties: the
// first in the report's order). It reads the same figures as the tables
// of chapter 2.
func furthest(r *Report, lang indicators.Lang) []Furthest {
	var out []Furthest
	at := map[indicators.Unit]int{}
	for _, ind := range r.Indicators {
		for _, p := range ind.Paths {
			if p.Status.State != indicators.OffTrack || p.Status.Distance == nil {
				continue
			}
			d := p.Status.Distance.Round(ValuePlaces(ind.Unit))
			f := Furthest{Indicator: ind.Name, Area: p.Name, Unit: ind.Unit, Distance: d, Text: DistanceText(d, ind.Unit, lang)}
			i, ok := at[ind.Unit]
			switch {
			case !ok:
				at[ind.Unit] = len(out)
				out = append(out, f)
			case d.LessThan(out[i].Distance):
				out[i] = f
			}
		}
	}
	return out
}

// summaryText writes the summary in plain Norwegian. Every figure in it
// is one the tables print.
func (l *loader) summaryText(r *Report) []string {
	s := r.Summary
	var out []string
	if r.Budget.Year != 0 {
		p := fmt.Sprintf(l.t("I %s budsjett for %d er %s knyttet til tiltak for helseutjevning",
			"I %s budsjett for %d er %s knytt til tiltak for helseutjamning"), versionText(r.Budget.Version, l.lang), r.Year, Kroner(s.LinkedOre))
		if s.LinkedGrossOre != s.LinkedOre {
			p += l.t(", netto etter inntekter", ", netto etter inntekter")
		}
		p += "."
		if s.Share != nil {
			p += fmt.Sprintf(l.t(" Tiltakenes brutto driftsutgifter er %s, %s av kommunens %s.", " Dei brutto driftsutgiftene til tiltaka er %s, %s av %s for kommunen."),
				Kroner(s.LinkedGrossOre), Percent(*s.Share), s.Base)
		}
		if s.HasAccounts {
			p += fmt.Sprintf(l.t(" Regnskapet viser %s brukt på tiltakene som løp i året, mot %s i budsjettet.",
				" Rekneskapen viser %s brukt på tiltaka som gjekk i året, mot %s i budsjettet."), Kroner(s.AccountsOre), Kroner(s.BudgetOre))
		} else {
			p += fmt.Sprintf(l.t(" Kommunen har ikke regnskap for %d i grunnlaget ennå.", " Kommunen har ikkje rekneskap for %d i grunnlaget enno."), r.Year)
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
			p += fmt.Sprintf(l.t(" Virksomhetene forklarte %d %s i løpet av året; %s står i kapitlet om tiltakene.",
				" Verksemdene forklarte %d %s i løpet av året; %s står i kapittelet om tiltaka."), n,
				plural(n, l.t("avvik", "avvik"), l.t("avvik", "avvik")), plural(n, l.t("det", "det"), l.t("de", "dei")))
		}
		out = append(out, p)
	}
	if s.Targets > 0 {
		p := fmt.Sprintf(l.t("Av %d %s for indikatorene er %d i rute og %d ikke i rute", "Av %d %s for indikatorane er %d i rute og %d ikkje i rute"),
			s.Targets, plural(s.Targets, l.t("målbane", "målbane"), l.t("målbaner", "målbaner")), s.OnTrack, s.OffTrack)
		if s.NoData > 0 {
			p += fmt.Sprintf(l.t("; %d mangler data", "; %d manglar data"), s.NoData)
		}
		p += "."
		for _, f := range s.Furthest {
			if len(s.Furthest) == 1 {
				p += fmt.Sprintf(l.t(" Lengst bak målbanen er %s i %s, som %s.", " Lengst bak målbana er %s i %s, som %s."),
					lowerFirst(f.Indicator), f.Area, f.Text)
				continue
			}
			p += fmt.Sprintf(l.t(" Av indikatorene målt i %s er %s i %s lengst bak målbanen og %s.", " Av indikatorane målte i %s er %s i %s lengst bak målbana og %s."),
				UnitText(f.Unit, l.lang), lowerFirst(f.Indicator), f.Area, f.Text)
		}
		out = append(out, p)
	}
	if s.Gaps > 0 {
		var parts []string
		if s.Narrowed > 0 {
			parts = append(parts, fmt.Sprintf(l.t("mindre for %d", "mindre for %d"), s.Narrowed))
		}
		if s.Widened > 0 {
			parts = append(parts, fmt.Sprintf(l.t("større for %d", "større for %d"), s.Widened))
		}
		if s.Same > 0 {
			parts = append(parts, fmt.Sprintf(l.t("uendret for %d", "uendra for %d"), s.Same))
		}
		out = append(out, fmt.Sprintf(l.t("Av %d %s der forskjellen mellom områdene kan sammenlignes med perioden før, ble den %s.",
			"Av %d %s der skilnaden mellom områda kan samanliknast med perioden før, vart han %s."),
			s.Gaps, plural(s.Gaps, l.t("indikator", "indikator"), l.t("indikatorer", "indikatorar")), joinAnd(l.lang, parts)))
	}
	if r.Public && len(r.About.Suppressed) > 0 {
		out = append(out, l.t("Noen tall er holdt tilbake (:) for å verne små grupper; se «Om tallene».",
			"Nokre tal er haldne tilbake (:) for å verne små grupper; sjå «Om tala»."))
	}
	return out
}

// lowerFirst lowers the first letter of an indicator's name for use
// inside a sentence, unless the second is a capital too (an acronym).
func lowerFirst(s string) string {
	rs := []rune(s)
	if len(rs) == 0 || (len(rs) > 1 && unicode.IsUpper(rs[1])) {
		return s
	}
	rs[0] = unicode.ToLower(rs[0])
	return string(rs)
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
		l.t("Indikatorene er hentet fra kildene i tabellen nedenfor. "+
			"Et spenn som 2018–2024 er et gjennomsnitt over årene og tegnes ved siste år. En manglende verdi (–) betyr at tallet ikke finnes, aldri at det er 0.",
			"Indikatorane er henta frå kjeldene i tabellen nedanfor. "+
				"Eit spenn som 2018–2024 er eit gjennomsnitt over åra og blir teikna ved siste år. Ein manglande verdi (–) tyder at talet ikkje finst, aldri at det er 0."),
		l.t("Målbanen går i rett linje fra basisåret til målåret. Banen med vedtatte tiltak legger tiltakenes forventede effekt til verdien i basisåret; "+
			"tiltak med effekt gitt som lav, middels eller høy er ikke regnet inn. Avstand til målbanen og gap til målet står i indikatorens enhet; "+
			"for indikatorer i prosent er en forskjell i prosentpoeng.",
			"Målbana går i rett linje frå basisåret til målåret. Bana med vedtekne tiltak legg den forventa effekten av tiltaka til verdien i basisåret; "+
				"tiltak med effekt gitt som låg, middels eller høg er ikkje rekna inn. Avstand til målbana og gap til målet står i eininga til indikatoren; "+
				"for indikatorar i prosent er ein skilnad i prosentpoeng."),
		l.t("Forskjell er høyeste minus laveste verdi mellom områdene, forhold er høyeste delt på laveste. SII og RII måler den sosiale gradienten: "+
			"områdene rangeres etter ", "Skilnad er høgaste minus lågaste verdi mellom områda, forhold er høgaste delt på lågaste. SII og RII måler den sosiale gradienten: "+
			"områda blir rangerte etter ") + lowerFirst(l.byName()) +
			l.t(" og vektes med folketall. SII er den beregnede forskjellen mellom toppen og bunnen av rangstigen i indikatorens enhet, "+
				"RII det beregnede forholdet; positiv SII og RII over 1 betyr høyere verdi i de mest fordelaktige områdene.",
				" og blir vekta med folketal. SII er den berekna skilnaden mellom toppen og botnen av rangstigen i eininga til indikatoren, "+
					"RII det berekna forholdet; positiv SII og RII over 1 tyder høgare verdi i dei mest føremonslege områda."),
	}
	if r.Public {
		a.Text = append(a.Text, l.t("Tall som bygger på få personer, er holdt tilbake (:) for å verne små grupper, sammen med tall som ellers kunne "+
			"brukes til å regne dem ut. Slike tall er utelatt fra figurene og fra forskjellsmålene.",
			"Tal som byggjer på få personar, er haldne tilbake (:) for å verne små grupper, saman med tal som elles kunne "+
				"brukast til å rekne dei ut. Slike tal er utelatne frå figurane og frå skilnadsmåla."))
	} else {
		a.Text = append(a.Text, l.t("Denne utgaven er intern. Verdier merket * bygger på færre personer enn terskelen og skal prikkes i alt som offentliggjøres; "+
			"til politisk behandling brukes den offentlige utgaven av rapporten.",
			"Denne utgåva er intern. Verdiar merkte * byggjer på færre personar enn terskelen og skal prikkast i alt som blir offentleggjort; "+
				"til politisk handsaming blir den offentlege utgåva av rapporten brukt."))
	}
}

// byName is the name of the indicator the areas are ranked by.
func (l *loader) byName() string {
	if ind, ok := l.cat.Get(l.opt.By); ok {
		return dash(ind.NameIn(l.lang))
	}
	return l.opt.By
}
