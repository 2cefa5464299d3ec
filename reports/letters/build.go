package letters

import (
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// Options are the choices a letter is built with.
type Options struct {
	Config *Config         // DefaultConfig of the kommune's name when nil
	Texts  *Texts          // the embedded templates when nil
	Lang   indicators.Lang // bokmål when ""
	Date   time.Time       // Source.DefaultDate when zero
	// Draft marks every page UTKAST. Generate writes letters without the
	// references and signatory (see Config.Missing) only as drafts.
	Draft bool
}

func (s *Source) fill(o Options) (Options, error) {
	if o.Config == nil {
		name := s.kommune.Name
		if name == "" {
			name = "Kommunen"
		}
		o.Config = DefaultConfig(name)
	}
	if o.Texts == nil {
		tx, err := LoadTexts("")
		if err != nil {
			return o, err
		}
		o.Texts = tx
	}
	if o.Lang == "" {
		o.Lang = indicators.Bokmal
	}
	if o.Date.IsZero() {
		o.Date = s.DefaultDate()
	}
	return o, nil
}

// Letter builds the letter to the unit with the code. A unit that is not
// stored is an ENOTFOUND error, one without measures, indicators or
// reporting duties in the year an EINVALID error saying so; a template
// that fails is EINVALID naming it.
func (s *Source) Letter(code string, o Options) (*Letter, error) {
	u, ok := s.unitByID[code]
	if !ok {
		return nil, budget.Errorf(budget.ENOTFOUND, "unit %q is not in the workspace: see the units with 'helsebudsjett measures list' or import them with 'helsebudsjett import units FILE'", code)
	}
	if s.seq[code] == 0 {
		return nil, budget.Errorf(budget.EINVALID, "unit %s (%s) has no measures, indicators or reporting duties in %d, so it gets no letter", code, u.Name, s.Year)
	}
	o, err := s.fill(o)
	if err != nil {
		return nil, err
	}
	cfg, lang, lb := o.Config, o.Lang, labelsFor(o.Lang)
	nn := lang == indicators.Nynorsk
	l := &Letter{Year: s.Year, PlanEnd: s.Year + 3, Lang: lang, Seq: s.seq[code], Unit: *u,
		Municipality: cfg.Municipality, Date: o.Date, YourRef: cfg.References.YourRef,
		ArchiveCode: cfg.References.ArchiveCode, CaseOfficer: cfg.References.CaseOfficer, Draft: o.Draft}
	l.Titles = numbered(lb.Titles, sectionTitles(cfg, nn))
	if l.OurRef, err = executeString("references.our_ref", cfg.References.OurRef, l); err != nil {
		return nil, err
	}
	if l.Subject, err = executeString("subject", cfg.Subject.in(nn), l); err != nil {
		return nil, err
	}
	l.Recipient = recipient(u)
	l.Signature = cfg.Signature
	l.logo, l.logoKind = cfg.logo, cfg.logoKind

	mine := s.measuresOf(code)
	s.challenges(l, mine)
	s.budget(l, code)
	s.goals(l, code, mine)
	s.reporting(l, code, mine, cfg.ReportingRoles)

	for _, p := range []struct {
		part string
		dst  *[]string
	}{{"innledning", &l.Intro}, {"utfordringer", &l.ChallengesText}, {"budsjett", &l.BudgetText},
		{"mal", &l.GoalsText}, {"rapportering", &l.ReportingText}, {"avslutning", &l.Closing}} {
		if *p.dst, err = o.Texts.execute(lang, p.part, l); err != nil {
			return nil, err
		}
	}
	return l, nil
}

func sectionTitles(cfg *Config, nn bool) Titles {
	if nn {
		return cfg.Sections.NN
	}
	return cfg.Sections.NB
}

// numbered gives the section titles their numbers, an own title replacing
// the standard one.
func numbered(std, own Titles) Titles {
	pick := func(n int, a, b string) string {
		if strings.TrimSpace(b) != "" {
			a = strings.TrimSpace(b)
		}
		return strconv.Itoa(n) + " " + a
	}
	return Titles{Intro: pick(1, std.Intro, own.Intro), Challenges: pick(2, std.Challenges, own.Challenges),
		Budget: pick(3, std.Budget, own.Budget), Goals: pick(4, std.Goals, own.Goals), Reporting: pick(5, std.Reporting, own.Reporting)}
}

// recipient writes the lines for the envelope's window: the unit, "v/" its
// leader's title and name, and its address split at commas.
func recipient(u *budget.Unit) []string {
	lines := []string{u.Name}
	if who := strings.TrimSpace(u.LeaderTitle + " " + u.Leader); who != "" {
		lines = append(lines, "v/ "+who)
	}
	for _, a := range strings.Split(u.Address, ",") {
		if a = strings.TrimSpace(a); a != "" {
			lines = append(lines, a)
		}
	}
	return lines
}

// measuresOf returns the adopted measures running in the year that the
// unit is responsible for, by Nr.
func (s *Source) measuresOf(code string) []*budget.Measure {
	var out []*budget.Measure
	for _, m := range s.byUnit[code] {
		if counts(m, s.Year) {
			out = append(out, m)
		}
	}
	return out
}

// measureName is the measure's name in lang: its nynorsk name where the
// measures file gives one, else its (bokmål) name.
func measureName(m *budget.Measure, lang indicators.Lang) string {
	if lang == indicators.Nynorsk && strings.TrimSpace(m.NameNN) != "" {
		return m.NameNN
	}
	return m.Name
}

func measureWords(m *budget.Measure, lang indicators.Lang) string {
	return labelsFor(lang).Measures1 + " " + m.Nr + " " + measureName(m, lang)
}

// challenges fills section 2: the indicators of the unit's measures (or,
// for a unit without measures, those with targets in its area) in the
// area the unit serves (its bydel, or the municipality for a unit that
// serves all of it), each with the area's own value, target path and
// status. Where the area has no value, or no target while the
// municipality has one, a second line gives the municipality's figures,
// labelled as the municipality's: a bydel is never shown the
// municipality's value under its own name.
func (s *Source) challenges(l *Letter, mine []*budget.Measure) {
	lb := labelsFor(l.Lang)
	area := s.kommune
	if l.Unit.Bydel != "" {
		if g, ok := s.areas[l.Unit.Bydel]; ok {
			area = g
		} else {
			area = indicators.Geo{Code: l.Unit.Bydel, Name: l.Unit.Bydel, Level: indicators.Bydel}
		}
	}
	l.AreaCode, l.AreaName = area.Code, area.Name
	if l.AreaName == "" {
		l.AreaName = lb.TheMunicipality
	}
	var ids []string
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, m := range mine {
		for _, id := range m.Indicators {
			add(id)
		}
	}
	if len(ids) == 0 && s.Catalogue != nil {
		for _, ind := range s.Catalogue.All() {
			if _, ok := s.targets[[2]string{ind.ID, area.Code}]; ok {
				add(ind.ID)
			}
		}
	}
	sub := area.Code != s.kommune.Code
	for _, id := range ids {
		ind := s.indicator(id)
		c := s.challenge(ind, area, l.Lang)
		if sub && c.Value == nil {
			c.Status = lb.NoValueArea
		}
		l.Challenges = append(l.Challenges, c)
		switch c.State {
		case indicators.OffTrack:
			l.OffTrack = append(l.OffTrack, c)
			l.Judged++
		case indicators.OnTrack:
			l.Judged++
		}
		if !sub || c.Value != nil && c.Target != nil {
			continue
		}
		if k := s.challenge(ind, s.kommune, l.Lang); k.Value != nil && (c.Value == nil || k.Target != nil) {
			k.Kommune, k.Area = true, lb.WholeMunicipality
			l.Challenges = append(l.Challenges, k)
			l.KommuneLines = true
		}
	}
}

// indicator is the catalogue's indicator with the id, or a bare one
// named by its id.
func (s *Source) indicator(id string) indicators.Indicator {
	if s.Catalogue != nil {
		if got, ok := s.Catalogue.Get(id); ok {
			return got
		}
	}
	return indicators.Indicator{ID: id, Name: id}
}

// challenge is the indicator's state in the area alone: its latest value,
// and when the area has a target, the path, target, status and the
// distance in words, computed from the figures as printed.
func (s *Source) challenge(ind indicators.Indicator, area indicators.Geo, lang indicators.Lang) Challenge {
	lb := labelsFor(lang)
	name := area.Name
	if name == "" {
		name = lb.TheMunicipality
	}
	c := Challenge{Indicator: ind.ID, Name: ind.NameIn(lang), Area: name, State: indicators.NoData}
	series := s.values[ind.ID][area.Code]
	t, ok := s.targets[[2]string{ind.ID, area.Code}]
	if !ok {
		c.Status = lb.NoTarget
		var latest *indicators.Value
		for i := range series {
			if v := &series[i]; v.Value != nil && (latest == nil || indicators.ComparePeriods(v.Period, latest.Period) > 0) {
				latest = v
			}
		}
		if latest != nil {
			c.Period, c.Value = periodText(latest.Period.Label), value(*latest.Value, ind.Unit, -1)
		}
		return c
	}
	st := indicators.TargetStatus(t, ind, series)
	c.State, c.Status = st.State, st.State.Text(lang)
	c.Target, c.TargetYear = value(t.TargetValue, ind.Unit, -1), t.TargetYear
	if st.Period != nil {
		places := placesOf(*st.Value)
		c.Period = periodText(st.Period.Label)
		c.Value = value(*st.Value, ind.Unit, -1)
		path := st.Path.Round(places)
		c.Path = value(path, ind.Unit, places)
		// The distance of the printed figures, so a reader who subtracts
		// them gets the same number.
		dist := st.Value.Sub(path)
		if ind.Better == indicators.LowerIsBetter {
			dist = dist.Neg()
		}
		c.Distance = distanceWords(dist, ind.Unit, places, lang)
		// The state follows the printed figures too: a value that prints
		// as the path is on it.
		c.State = indicators.OnTrack
		if dist.IsNegative() {
			c.State = indicators.OffTrack
		}
		c.Status = c.State.Text(lang)
	}
	return c
}

// budget fills section 3: the money attributed to the unit (the
// FinancingFunc's rows for it, so the workbook's), per measure and year,
// and the measures it shares whose money lies with other units.
func (s *Source) budget(l *Letter, code string) {
	lb := labelsFor(l.Lang)
	b := &l.Budget
	b.Keys = s.Keys
	b.Total = make([]int64, len(s.Keys))
	b.Source = sourceWords(s.Keys, s.Year, l.Lang)
	names := map[string]string{}
	for i := range s.Measures {
		names[s.Measures[i].Nr] = measureName(&s.Measures[i], l.Lang)
	}
	printed := make([]int64, len(s.Keys)) // the sum of the rounded amounts as printed, in kroner
	for _, f := range s.funded[code] {
		for k, ore := range f.Ore {
			b.Total[k] += ore
			printed[k] += wholeKroner(ore)
		}
		if !anyNonZero(f.Investering) {
			b.Rows = append(b.Rows, BudgetRow{Nr: f.Nr, Name: names[f.Nr], Ore: append([]int64(nil), f.Ore...)})
			continue
		}
		// Money in both parts of the budget: a row for each, as the
		// workbook's Finansiering sheet has them in columns of their own.
		drift := make([]int64, len(f.Ore))
		for k := range f.Ore {
			drift[k] = f.Ore[k] - f.Investering[k]
		}
		if anyNonZero(drift) {
			b.Rows = append(b.Rows, BudgetRow{Nr: f.Nr, Name: names[f.Nr] + " (drift)", Ore: drift})
		}
		b.Rows = append(b.Rows, BudgetRow{Nr: f.Nr, Name: names[f.Nr] + " (investering)", Ore: append([]int64(nil), f.Investering...)})
	}
	b.Note = roundingNote(b.Keys, b.Total, printed, l.Lang)
	for _, m := range s.measuresOf(code) {
		holders := s.fundedBy[m.Nr]
		mine := false
		for _, h := range holders {
			mine = mine || h == code
		}
		if mine {
			continue
		}
		where := lb.NoMoney
		if len(holders) > 0 {
			hs := make([]string, len(holders))
			for i, h := range holders {
				hs[i] = s.unitName(h)
			}
			where = lb.CarriedBy + " " + joinWords(hs, lb.And)
		}
		b.Shared = append(b.Shared, measureWords(m, l.Lang)+" ("+where+")")
	}
}

// roundingNote says where a printed sum differs from the sum of the
// printed (rounded) amounts above it, and by how much: "" when every
// column adds up as printed.
func roundingNote(keys []budget.Key, total, printed []int64, lang indicators.Lang) string {
	lb := labelsFor(lang)
	var diffs []string
	for k := range keys {
		if d := wholeKroner(total[k]) - printed[k]; d != 0 {
			diffs = append(diffs, Kroner(abs(d)*100)+" "+lb.In+" "+strconv.Itoa(keys[k].Year))
		}
	}
	if len(diffs) == 0 {
		return ""
	}
	return lb.Rounding + " " + joinWords(diffs, lb.And) + "."
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// goals fills section 4: per measure of the unit, its result indicators
// and their måltall (a måltall on an indicator the measure does not list
// is shown too). A måltall that differs from the target section 2 shows
// for the indicator carries that target beside it, named by its area, so
// the letter never gives two targets under one name.
func (s *Source) goals(l *Letter, code string, mine []*budget.Measure) {
	lb := labelsFor(l.Lang)
	shown := map[string]Challenge{} // the target of section 2 per indicator: the area's, else the municipality's line
	for _, c := range l.Challenges {
		if _, ok := shown[c.Indicator]; !ok || shown[c.Indicator].Target == nil && c.Target != nil {
			shown[c.Indicator] = c
		}
	}
	for _, m := range mine {
		g := Goal{Nr: m.Nr, Name: measureName(m, l.Lang), Reports: ReportingUnit(m) == code}
		ids := append([]string(nil), m.Indicators...)
		for _, t := range m.Targets {
			found := false
			for _, id := range ids {
				found = found || id == t.Indicator
			}
			if !found {
				ids = append(ids, t.Indicator)
			}
		}
		for _, id := range ids {
			ind := s.indicator(id)
			gi := GoalIndicator{ID: id, Name: ind.NameIn(l.Lang)}
			var ts []string
			for _, t := range m.Targets {
				if t.Indicator != id {
					continue
				}
				ts = append(ts, targetText(t, ind.Unit, lb.In))
				if c, ok := shown[id]; ok && c.Target != nil {
					d, err := decimal.NewFromString(c.Target.Exact)
					if err != nil || !d.Equal(t.Value) || c.TargetYear != t.Year {
						area := c.Area
						if c.Kommune {
							area = strings.ToLower(area)
						}
						gi.AreaTarget = lb.TargetFor + " " + area + ": " + c.Target.Text + " " + lb.In + " " + strconv.Itoa(c.TargetYear)
						l.TargetsDiffer = true
					}
				}
			}
			gi.Target = strings.Join(ts, "; ")
			g.Indicators = append(g.Indicators, gi)
		}
		l.Goals = append(l.Goals, g)
	}
}

// reporting fills section 5: the measures the unit reports on, the units
// that report for the others, and every deadline of the wheel's tasks for
// the unit or for roles that concern every unit in the budget year's
// reporting cycle: from this year's letters to next year's, so the
// tertials and the year report on the year (due early the next year)
// are all there, and last year's year report is not.
func (s *Source) reporting(l *Letter, code string, mine []*budget.Measure, roles []string) {
	lb := labelsFor(l.Lang)
	r := &l.Reporting
	via := map[string][]string{}
	var order []string
	for _, m := range mine {
		f := ReportingUnit(m)
		if f == code {
			r.Reports = append(r.Reports, measureWords(m, l.Lang))
			r.ReportsNr = append(r.ReportsNr, m.Nr)
			r.CoResponsible = r.CoResponsible || len(m.Responsible) > 1
			continue
		}
		if via[f] == nil {
			order = append(order, f)
		}
		via[f] = append(via[f], m.Nr)
	}
	for _, f := range order {
		r.Via = append(r.Via, s.unitName(f)+" "+lb.ReportsFor+" "+joinWords(via[f], lb.And))
	}
	concerns := map[string]bool{code: true}
	for _, role := range roles {
		concerns[role] = true
	}
	for _, o := range s.duties {
		if o.Due == nil || o.Task.Action == wheel.Letters {
			continue
		}
		for _, who := range o.Task.Responsible {
			if concerns[who] {
				r.Deadlines = append(r.Deadlines, Deadline{Task: o.Task.ID, Title: o.Task.Title.In(string(l.Lang)),
					Date: o.Due.Date, MovedFrom: o.Due.MovedFrom, Note: movedNote(o.Due, l.Lang)})
				break
			}
		}
	}
}

func anyNonZero(xs []int64) bool {
	for _, x := range xs {
		if x != 0 {
			return true
		}
	}
	return false
}
