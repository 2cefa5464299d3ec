package indicators

import (
	"fmt"
	"sort"

	"github.com/shopspring/decimal"
)

// Rating is a trend rating.
type Rating string

// The ratings. Unrated is never "maintaining": a trend that cannot be
// rated says so.
const (
	Improving   Rating = "improving"
	Maintaining Rating = "maintaining"
	Worsening   Rating = "worsening"
	Unrated     Rating = "unrated"
)

// Text returns the rating in Norwegian.
func (r Rating) Text(lang Lang) string {
	switch r {
	case Improving:
		return lang.Pick("bedring", "betring")
	case Maintaining:
		return "stabilt"
	case Worsening:
		return "forverring"
	}
	return lang.Pick("ikke vurdert", "ikkje vurdert")
}

// Trend is a trend rating with the rule that gave it, so the rule can be
// printed wherever the rating is.
type Trend struct {
	Indicator string           `json:"indicator"`
	Area      string           `json:"area"`
	Rating    Rating           `json:"rating"`
	Text      string           `json:"text"` // the rating in words
	From      *Period          `json:"from"` // the earlier period compared
	To        *Period          `json:"to"`   // the latest period
	Change    *decimal.Decimal `json:"change"`
	Rule      string           `json:"rule"` // the rule in words
	Note      string           `json:"note,omitempty"`
}

// RateTrend rates series, the values of one area and one slice, by the
// indicator's TrendRule: the last Periods distinct periods (ordered by
// ComparePeriods) are taken, and the change is the last value minus the
// first of them. A change whose size is below the threshold is
// Maintaining; otherwise the direction decides Improving or Worsening.
// Fewer periods than the rule needs, or a missing value at either end,
// gives Unrated with a note: a gap is never bridged by an older value.
// Values of areas other than area are ignored. Rule is always the rule's
// text in lang.
func RateTrend(ind Indicator, area string, series []Value, lang Lang) (tr Trend) {
	tr = Trend{Indicator: ind.ID, Area: area, Rating: Unrated, Rule: ind.Trend.TextIn(lang)}
	defer func() { tr.Text = tr.Rating.Text(lang) }() // every return, rated or not
	byPeriod := map[string]Value{}
	for _, v := range series {
		if v.Area == area {
			byPeriod[v.Period.Label] = v
		}
	}
	pts := make([]Value, 0, len(byPeriod))
	for _, v := range byPeriod {
		pts = append(pts, v)
	}
	sort.Slice(pts, func(i, j int) bool { return ComparePeriods(pts[i].Period, pts[j].Period) < 0 })
	n := ind.Trend.Periods
	if len(pts) < n || n < 2 {
		tr.Note = fmt.Sprintf(lang.Pick("for få perioder: regelen trenger %d, det finnes %d", "for få periodar: regelen treng %d, det finst %d"), n, len(pts))
		return tr
	}
	first, last := pts[len(pts)-n], pts[len(pts)-1]
	tr.From, tr.To = &first.Period, &last.Period
	for _, v := range []Value{first, last} {
		if v.Value == nil {
			tr.Note = fmt.Sprintf(lang.Pick("verdien for %s mangler", "verdien for %s manglar"), v.Period.Label)
			return tr
		}
	}
	change := last.Value.Sub(*first.Value)
	tr.Change = &change
	switch {
	case change.Abs().LessThan(ind.Trend.Threshold) || change.IsZero():
		tr.Rating = Maintaining
	case change.IsNegative() == (ind.Better == LowerIsBetter):
		tr.Rating = Improving
	default:
		tr.Rating = Worsening
	}
	return tr
}
