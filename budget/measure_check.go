package budget

import (
	"sort"
	"strings"
)

// MeasureRefs is what measures may refer to, for ValidateMeasures. A nil
// func or map means "not known here": that kind of reference is not
// checked.
type MeasureRefs struct {
	Units       map[string]bool             // unit codes
	Indicator   func(id string) bool        // whether an indicator id is in the catalogue
	Area        func(code string) bool      // whether an area code is known
	Fields      map[string]bool             // selector fields known, lower case: CodeFields and the attribute names kept at import
	Determinant func(name string) bool      // whether a påvirkningsfaktor is a known one (unknown is a warning)
	Closest     func(kind, s string) string // a "did you mean" suggestion, or ""
}

// MeasureProblem is a problem with one field of one measure. Field is the
// column it comes from (Ansvarlig, Indikatorer, Måltall, Effekt,
// Budsjettkobling, Område, Nr, Slutt, Påvirkningsfaktor); Value the text at
// fault. Warning problems do not stop an import.
type MeasureProblem struct {
	Row     int    `json:"row"`
	Nr      string `json:"nr"`
	Field   string `json:"field"`
	Value   string `json:"value"`
	Message string `json:"message"`
	Warning bool   `json:"warning,omitempty"`
}

// ValidateMeasures checks measures against one another and against refs:
// a number given twice, a unit, indicator or area that is not known, a
// selector field that is neither a code nor an attribute kept at import,
// a target or numeric effect on an indicator the measure does not name, an
// end before the start. An unknown påvirkningsfaktor is a warning. It
// returns every problem in measure order.
func ValidateMeasures(ms []Measure, refs MeasureRefs) []MeasureProblem {
	var out []MeasureProblem
	seen := map[string]int{}
	for i := range ms {
		m := &ms[i]
		add := func(field, value, msg string, warn bool) {
			out = append(out, MeasureProblem{Row: m.Row, Nr: m.Nr, Field: field, Value: value, Message: msg, Warning: warn})
		}
		hint := func(kind, s string) string {
			if refs.Closest == nil {
				return ""
			}
			if c := refs.Closest(kind, s); c != "" {
				return " (did you mean " + c + "?)"
			}
			return ""
		}
		if j, dup := seen[m.Nr]; dup {
			add("Nr", m.Nr, "measure number "+m.Nr+" is given twice (also row "+itoa(ms[j].Row)+"): every measure needs its own number", false)
		} else {
			seen[m.Nr] = i
		}
		if refs.Units != nil {
			for _, u := range m.Responsible {
				if !refs.Units[u] {
					add("Ansvarlig", u, "unknown unit "+u+hint("unit", u)+": use the code of a unit imported with 'helsebudsjett import units'", false)
				}
			}
		}
		named := map[string]bool{}
		for _, id := range m.Indicators {
			named[id] = true
			if refs.Indicator != nil && !refs.Indicator(id) {
				add("Indikatorer", id, "unknown indicator "+id+hint("indicator", id)+": 'helsebudsjett indicators list' shows the ids", false)
			}
		}
		for _, t := range m.Targets {
			if !named[t.Indicator] {
				add("Måltall", t.Indicator, "target for "+t.Indicator+", which is not among the measure's indicators: add it under Indikatorer", false)
			}
		}
		if m.Effect.IsNumber() && m.Effect.Indicator != "" && !named[m.Effect.Indicator] {
			add("Effekt", m.Effect.Indicator, "effect on "+m.Effect.Indicator+", which is not among the measure's indicators: add it under Indikatorer", false)
		}
		if m.Effect.IsNumber() && m.Effect.Indicator == "" {
			add("Effekt", m.Effect.String(), "a number effect needs an indicator: name one under Indikatorer, or write ID=value@year", false)
		}
		if refs.Area != nil {
			for _, a := range m.Areas {
				if !refs.Area(a) {
					add("Område", a, "unknown area "+a+hint("area", a)+": use the code of an area imported with 'helsebudsjett import areas', or leave Område empty for the whole municipality", false)
				}
			}
		}
		if refs.Fields != nil {
			for _, f := range m.Selector.Fields() {
				if !refs.Fields[f] {
					add("Budsjettkobling", f, "unknown field "+f+" in the budget link: use ansvar, funksjon, art, prosjekt, tjeneste, konto or a column kept at import ("+strings.Join(attrNames(refs.Fields), ", ")+")", false)
				}
			}
		}
		if m.Start != 0 && m.End != 0 && m.End < m.Start {
			add("Slutt", itoa(m.End), "the measure ends ("+itoa(m.End)+") before it starts ("+itoa(m.Start)+")", false)
		}
		if m.Determinant != "" && refs.Determinant != nil && !refs.Determinant(m.Determinant) {
			add("Påvirkningsfaktor", m.Determinant, "påvirkningsfaktor "+m.Determinant+" is not one of the report's; it is kept as written", true)
		}
	}
	return out
}

func attrNames(fields map[string]bool) []string {
	var out []string
	for f := range fields {
		if codeFieldOf(f) == attrField {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return []string{"none in this budget"}
	}
	sort.Strings(out)
	return out
}

// Normalize fills what a measure leaves to defaults: the share (100 %),
// the status (vedtatt), the reporting unit when there is one responsible,
// and the indicator of a number effect without one (the measure's first
// indicator).
func (m *Measure) Normalize() {
	if m.Share.IsZero() {
		m.Share = FullShare
	}
	if m.Status == "" {
		m.Status = StatusVedtatt
	}
	if m.Reporting == "" && len(m.Responsible) == 1 {
		m.Reporting = m.Responsible[0]
	}
	if m.Effect.IsNumber() && m.Effect.Indicator == "" && len(m.Indicators) > 0 {
		m.Effect.Indicator = m.Indicators[0]
	}
}
