package indicators

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Reached reports whether value v meets goal for an indicator that
// improves in direction better: at or below it when lower is better, at or
// above it when higher is.
func Reached(v, goal decimal.Decimal, better Direction) bool {
	if better == LowerIsBetter {
		return v.LessThanOrEqual(goal)
	}
	return v.GreaterThanOrEqual(goal)
}

// GoalPath is the path a measure's måltall (goal by year) is judged by in
// an area whose target path is area: a straight line from the area path's
// baseline (year and value) to the måltall in its year. A måltall year at
// or before the baseline year gives a path that is the måltall throughout.
func GoalPath(area Target, goal decimal.Decimal, year int) Target {
	t := area
	t.TargetValue, t.TargetYear = goal, year
	if year <= area.BaselineYear {
		t.BaselineValue, t.TargetYear = goal, area.BaselineYear+1
	}
	return t
}

// GoalStatus is where an area stands against a measure's måltall.
type GoalStatus struct {
	Status
	// Reached: the latest value already meets the måltall (State is then
	// OnTrack).
	Reached bool `json:"reached"`
	// Goal is the path judged by (GoalPath); nil when the area has no
	// target path, and the latest value is then judged against the
	// måltall itself (Distance is to the måltall).
	Goal *Target `json:"goal,omitempty"`
}

// JudgeGoal judges series (one slice of values, as TargetStatus takes
// them) against a measure's måltall goal in year for indicator ind.
// With area, the area's target path, the latest value since its baseline
// is compared with GoalPath in the period's end year, as TargetStatus
// compares it; without (nil), the latest value in areaCode is compared
// with the måltall itself: reached or not, with no path to be on. Either
// way a value that meets the måltall has Reached set, is on track, and
// has Path set to the måltall and Distance to the distance from it; else
// Path and Distance are the path's in the period. Distance is signed by
// the indicator's direction (positive is better).
func JudgeGoal(goal decimal.Decimal, year int, area *Target, areaCode string, ind Indicator, series []Value) GoalStatus {
	if area != nil {
		gp := GoalPath(*area, goal, year)
		st := GoalStatus{Status: TargetStatus(gp, ind, series), Goal: &gp}
		if st.Value != nil && Reached(*st.Value, goal, ind.Better) {
			st.Reached, st.State = true, OnTrack
			g, dist := goal, st.Value.Sub(goal)
			if ind.Better == LowerIsBetter {
				dist = dist.Neg()
			}
			st.Path, st.Distance = &g, &dist
		}
		return st
	}
	st := GoalStatus{Status: Status{Indicator: ind.ID, Area: areaCode, State: NoData}}
	var latest *Value
	for i := range series {
		v := &series[i]
		if v.Area == areaCode && v.Value != nil && (latest == nil || ComparePeriods(v.Period, latest.Period) > 0) {
			latest = v
		}
	}
	if latest == nil {
		return st
	}
	dist := latest.Value.Sub(goal)
	if ind.Better == LowerIsBetter {
		dist = dist.Neg()
	}
	p := latest.Period
	g := goal
	st.Period, st.Value, st.Path, st.Distance = &p, latest.Value, &g, &dist
	st.Reached = !dist.IsNegative()
	st.State = OffTrack
	if st.Reached {
		st.State = OnTrack
	}
	return st
}

// DiffWord is the unit of a difference between two values of unit u, as
// a sentence writes it after the number: a difference between two
// percentages is in prosentpoeng, never prosent. Count has none.
func (u Unit) DiffWord(lang Lang) string {
	switch u {
	case Percent:
		return "prosentpoeng"
	case Per1000:
		return "per 1000"
	case Years:
		return "år"
	case Points:
		return "poeng"
	case Kroner:
		return "kr"
	}
	return ""
}

// Places is how many decimals a value of unit u is written with: none for
// counts and kroner, one otherwise.
func (u Unit) Places() int32 {
	if u == Count || u == Kroner {
		return 0
	}
	return 1
}

// FormatNumber writes d rounded half away from zero to places decimals
// with a decimal comma and the minus sign U+2212: "−3,1".
func FormatNumber(d decimal.Decimal, places int32) string {
	s := strings.Replace(d.Round(places).StringFixed(places), ".", ",", 1)
	if strings.HasPrefix(s, "-") {
		s = "−" + s[1:]
	}
	if s == "−0" || strings.HasPrefix(s, "−0,") && strings.Trim(s[len("−0,"):], "0") == "" {
		s = s[len("−"):] // a distance that rounds to zero has no sign
	}
	return s
}

// DiffText writes a difference d between two values of unit u without a
// sign, with its unit in words: "3,1 prosentpoeng".
func DiffText(d decimal.Decimal, u Unit, lang Lang) string {
	s := FormatNumber(d.Abs(), u.Places())
	if w := u.DiffWord(lang); w != "" {
		s += "\u00a0" + w
	}
	return s
}

// DistanceText states a distance to a path in words, by the one sign
// convention of every document (positive is better than the path):
// "mangler 3,1 prosentpoeng", "1,2 prosentpoeng bedre enn målbanen" or
// "på målbanen", never a bare signed number. It is judged as printed: a
// distance that rounds to zero is on the path. what names the path
// ("målbanen", or "måltallet" when judged against the måltall itself) in
// bokmål and nynorsk.
func DistanceText(d decimal.Decimal, u Unit, lang Lang, whatNB, whatNN string) string {
	r := d.Round(u.Places())
	switch {
	case r.IsNegative():
		return lang.Pick("mangler ", "manglar ") + DiffText(r, u, lang)
	case r.IsPositive():
		return DiffText(r, u, lang) + lang.Pick(" bedre enn ", " betre enn ") + lang.Pick(whatNB, whatNN)
	}
	return lang.Pick("på ", "på ") + lang.Pick(whatNB, whatNN)
}
