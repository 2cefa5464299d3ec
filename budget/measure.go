package budget

import (
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Effort is how a measure reaches people, in the report's three kinds.
type Effort string

// The efforts: for everyone (universell), in a defined area
// (områderettet, områdeinnsats), or targeted at people in need (målrettet,
// levekårsinnsats).
const (
	Universell   Effort = "universell"
	Omraderettet Effort = "områderettet"
	Malrettet    Effort = "målrettet"
)

// Efforts lists the efforts in the order lists show them.
var Efforts = []Effort{Universell, Omraderettet, Malrettet}

// ParseEffort reads an effort in any case, with æøå or spelled out
// ("omraderettet", "maalrettet"), and the report's other names
// (områdeinnsats, levekårsinnsats, individrettet). Anything else is an
// EINVALID error.
func ParseEffort(s string) (Effort, error) {
	switch foldWord(s) {
	case "universell", "universelt", "universal":
		return Universell, nil
	case "omraderettet", "omradeinnsats", "omradesatsing", "omradebasert":
		return Omraderettet, nil
	case "malrettet", "levekarsinnsats", "individrettet", "selektiv":
		return Malrettet, nil
	}
	return "", Errorf(EINVALID, "unknown effort type %q: use universell, områderettet or målrettet", s)
}

// Status is where a measure stands.
type Status string

// The statuses. A measure in the budget is vedtatt unless it says
// otherwise; only vedtatt and igangsatt measures count as adopted.
const (
	StatusPlanlagt  Status = "planlagt"  // proposed, not adopted
	StatusVedtatt   Status = "vedtatt"   // adopted
	StatusIgangsatt Status = "igangsatt" // running
	StatusAvsluttet Status = "avsluttet" // ended
)

// Statuses lists the statuses in order.
var Statuses = []Status{StatusPlanlagt, StatusVedtatt, StatusIgangsatt, StatusAvsluttet}

// ParseStatus reads a status in any case; "" is Vedtatt. "foreslått",
// "forslag" are Planlagt; "pågår", "startet" Igangsatt; "ferdig", "avslutta"
// Avsluttet. Anything else is an EINVALID error.
func ParseStatus(s string) (Status, error) {
	switch foldWord(s) {
	case "", "vedtatt", "vedteke", "vedtatt i budsjett":
		return StatusVedtatt, nil
	case "planlagt", "foreslatt", "forslag", "planlagd":
		return StatusPlanlagt, nil
	case "igangsatt", "pagar", "startet", "igangsett":
		return StatusIgangsatt, nil
	case "avsluttet", "avslutta", "ferdig", "fullfort":
		return StatusAvsluttet, nil
	}
	return "", Errorf(EINVALID, "unknown status %q: use planlagt, vedtatt, igangsatt or avsluttet", s)
}

// Adopted reports whether the status counts as adopted: vedtatt or
// igangsatt.
func (s Status) Adopted() bool { return s == StatusVedtatt || s == StatusIgangsatt }

// Level is an ordinal effect: lav, middels or høy.
type Level string

// The ordinal levels of effect.
const (
	Lav     Level = "lav"
	Middels Level = "middels"
	Hoy     Level = "høy"
)

// Levels lists the levels from low to high.
var Levels = []Level{Lav, Middels, Hoy}

// MeasureTarget is a måltall: the value an indicator should reach in a
// year as a result of the measure.
type MeasureTarget struct {
	Indicator string          `json:"indicator"`
	Value     decimal.Decimal `json:"value"`
	Year      int             `json:"year"`
}

// Effect is a measure's expected effect, in one of two kinds kept apart as
// the klimabudsjett keeps them: a number, or an ordinal level. Never both.
//
// A number is the change the measure is expected to make in Indicator, in
// that indicator's unit (percentage points for a percent indicator), once
// its full effect is reached in Year: "-1,5@2030" on barn-lavinntekt means
// 1.5 points fewer children in persistent low income by 2030. A level is
// lav, middels or høy, for measures whose effect cannot be put in numbers.
// The zero Effect is "not given".
type Effect struct {
	Indicator string           `json:"indicator,omitempty"`
	Value     *decimal.Decimal `json:"value,omitempty"`
	Year      int              `json:"year,omitempty"`
	Level     Level            `json:"level,omitempty"`
}

// IsNumber reports whether the effect is a number.
func (e Effect) IsNumber() bool { return e.Value != nil }

// IsLevel reports whether the effect is an ordinal level.
func (e Effect) IsLevel() bool { return e.Level != "" }

// String writes the effect as ParseEffect reads it: "barn-lavinntekt=-1.5@2030",
// "middels", or "".
func (e Effect) String() string {
	switch {
	case e.IsNumber():
		s := e.Value.String() + "@" + strconv.Itoa(e.Year)
		if e.Indicator != "" {
			s = e.Indicator + "=" + s
		}
		return s
	case e.IsLevel():
		return string(e.Level)
	}
	return ""
}

// ParseEffect reads an Effekt cell: "lav", "middels" or "høy" (any case,
// "hoy" too), or a number with the year its full effect is reached,
// "VALUE@YEAR", optionally for a named indicator, "ID=VALUE@YEAR". Without
// an ID the number is for the measure's first indicator, filled in by the
// caller (see Measure.Normalize). The number may use a decimal comma and a
// leading minus or Unicode minus. "" is the zero Effect.
func ParseEffect(s string) (Effect, error) {
	t := strings.TrimSpace(s)
	switch foldWord(t) {
	case "":
		return Effect{}, nil
	case "lav", "liten", "low":
		return Effect{Level: Lav}, nil
	case "middels", "moderat", "medium":
		return Effect{Level: Middels}, nil
	case "hoy", "stor", "high":
		return Effect{Level: Hoy}, nil
	}
	var e Effect
	if id, rest, ok := strings.Cut(t, "="); ok {
		e.Indicator, t = strings.TrimSpace(id), rest
		if e.Indicator == "" {
			return Effect{}, Errorf(EINVALID, "effect %q has no indicator before '='", s)
		}
	}
	v, y, err := valueAtYear(t)
	if err != nil {
		return Effect{}, Errorf(EINVALID, "effect %q: %s; write lav, middels or høy, or a number and the year it is reached, such as -1,5@2030", s, err.Error())
	}
	e.Value, e.Year = &v, y
	return e, nil
}

// ParseTargets reads a Måltall cell: "ID=VALUE@YEAR" items separated by
// ";" (or line breaks), such as "barn-lavinntekt=9,5@2030;frafall-vgs=10@2028".
// An indicator given twice for the same year is an error. "" is nil.
func ParseTargets(s string) ([]MeasureTarget, error) {
	var out []MeasureTarget
	for _, item := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		id, rest, ok := strings.Cut(item, "=")
		id = strings.TrimSpace(id)
		if !ok || id == "" {
			return nil, Errorf(EINVALID, "target %q: write indicator=value@year, such as barn-lavinntekt=9,5@2030", item)
		}
		v, y, err := valueAtYear(rest)
		if err != nil {
			return nil, Errorf(EINVALID, "target %q: %s; write indicator=value@year, such as barn-lavinntekt=9,5@2030", item, err.Error())
		}
		for _, t := range out {
			if t.Indicator == id && t.Year == y {
				return nil, Errorf(EINVALID, "target for %s in %d is given twice", id, y)
			}
		}
		out = append(out, MeasureTarget{Indicator: id, Value: v, Year: y})
	}
	return out, nil
}

// FormatTargets writes targets as ParseTargets reads them, with a decimal
// point.
func FormatTargets(ts []MeasureTarget) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.Indicator + "=" + t.Value.String() + "@" + strconv.Itoa(t.Year)
	}
	return strings.Join(parts, ";")
}

// valueAtYear reads "VALUE@YEAR".
func valueAtYear(s string) (decimal.Decimal, int, error) {
	vs, ys, ok := strings.Cut(s, "@")
	if !ok {
		return decimal.Decimal{}, 0, Errorf(EINVALID, "no '@year'")
	}
	v, err := ParseDecimal(vs)
	if err != nil {
		return decimal.Decimal{}, 0, err
	}
	y, err := ParseYear(ys)
	if err != nil {
		return decimal.Decimal{}, 0, err
	}
	return v, y, nil
}

// ParseDecimal reads a number as people type it in a Norwegian sheet:
// "9,5", "9.5", "-1,5", "−1,5" (Unicode minus), "12 %" (the percent sign
// is dropped, the number kept). Thousands separators are not accepted: the
// figures here are shares and indicator values, not money.
func ParseDecimal(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(strings.NewReplacer("\u2212", "-", "\u00a0", "", " ", "", "%", "").Replace(s))
	if strings.Count(t, ",") == 1 && !strings.Contains(t, ".") {
		t = strings.Replace(t, ",", ".", 1)
	}
	if t == "" || strings.ContainsAny(t, "eE,") {
		return decimal.Decimal{}, Errorf(EINVALID, "%q is not a number", strings.TrimSpace(s))
	}
	d, err := decimal.NewFromString(t)
	if err != nil {
		return decimal.Decimal{}, Errorf(EINVALID, "%q is not a number", strings.TrimSpace(s))
	}
	return d, nil
}

// ParseYear reads a year MinYear-MaxYear; xlsx may store it as "2027.0".
func ParseYear(s string) (int, error) {
	t := strings.TrimSuffix(strings.TrimSpace(s), ".0")
	y, err := strconv.Atoi(t)
	if err != nil || y < MinYear || y > MaxYear {
		return 0, Errorf(EINVALID, "%q is not a year", strings.TrimSpace(s))
	}
	return y, nil
}

// FullShare is the share of a line counted when a measure gives no Andel:
// 100 percent.
var FullShare = decimal.NewFromInt(100)

// Measure is a tiltak: a numbered health-equity measure of the budget, as
// the klimabudsjett numbers its climate measures.
//
//   - Nr is the measure's number as the municipality writes it ("1", "2.3",
//     "A4"), unique; Name the short name (Tiltak), Description a sentence
//     or two (Beskrivelse).
//   - Responsible are the codes of the units responsible (Ansvarlig), in
//     the order given; Reporting is the one of them that reports (the one
//     marked "*" in the sheet; with one unit, that unit).
//   - Effort is universell, områderettet or målrettet (Innsatstype);
//     Determinant the påvirkningsfaktor it works on.
//   - Indicators are the ids of the equity indicators it should move;
//     Targets its måltall on them; Effect its expected effect.
//   - Selector picks its budget lines (Budsjettkobling); Share is the
//     percentage of each picked line that counts for it (Andel, 0 < Share
//     ≤ 100, FullShare when not given).
//   - Areas are the codes of the areas it covers (Område); none means the
//     whole municipality.
//   - Start and End are the first and last year it runs (0: open). Its
//     money is counted only for budget years from Start to End.
//   - Status is where it stands.
type Measure struct {
	Row         int             `json:"-"` // row in the source file, for messages
	Nr          string          `json:"nr"`
	Name        string          `json:"name"`
	NameNN      string          `json:"name_nn,omitempty"` // the name in nynorsk, when the measures file gives one
	Description string          `json:"description,omitempty"`
	Responsible []string        `json:"responsible,omitempty"`
	Reporting   string          `json:"reporting,omitempty"`
	Effort      Effort          `json:"effort"`
	Determinant string          `json:"determinant,omitempty"`
	Indicators  []string        `json:"indicators,omitempty"`
	Targets     []MeasureTarget `json:"targets,omitempty"`
	Effect      Effect          `json:"effect"`
	Selector    Selector        `json:"selector"`
	Share       decimal.Decimal `json:"share"`
	Areas       []string        `json:"areas,omitempty"`
	Start       int             `json:"start,omitempty"`
	End         int             `json:"end,omitempty"`
	Status      Status          `json:"status"`
}

// ActiveIn reports whether the measure runs in the year: Start ≤ year ≤ End,
// an open end running for ever.
func (m *Measure) ActiveIn(year int) bool {
	return (m.Start == 0 || m.Start <= year) && (m.End == 0 || year <= m.End)
}

// ResponsibleText writes Responsible as the Ansvarlig column does: codes
// separated by ", ", the reporting unit marked with a trailing "*" when
// there are several.
func (m *Measure) ResponsibleText() string {
	parts := make([]string, len(m.Responsible))
	for i, u := range m.Responsible {
		parts[i] = u
		if u == m.Reporting && len(m.Responsible) > 1 {
			parts[i] += "*"
		}
	}
	return strings.Join(parts, ", ")
}

// ParseResponsible reads an Ansvarlig cell: unit codes separated by
// commas (or ";"), one of them marked with a trailing "*" as the one that
// reports. With one unit the mark may be left out. No unit, a unit given
// twice, two marks, or several units and no mark is an EINVALID error.
func ParseResponsible(s string) (units []string, reporting string, err error) {
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		star := strings.HasSuffix(f, "*")
		f = strings.TrimSpace(strings.TrimSuffix(f, "*"))
		if f == "" {
			return nil, "", Errorf(EINVALID, "a lone '*': put it right after the unit that reports, such as nav*")
		}
		for _, u := range units {
			if u == f {
				return nil, "", Errorf(EINVALID, "unit %s is given twice", f)
			}
		}
		if star {
			if reporting != "" {
				return nil, "", Errorf(EINVALID, "two units are marked '*' (%s and %s): mark the one that reports", reporting, f)
			}
			reporting = f
		}
		units = append(units, f)
	}
	switch {
	case len(units) == 0:
		return nil, "", Errorf(EINVALID, "no responsible unit: give the code of at least one unit")
	case reporting == "" && len(units) == 1:
		reporting = units[0]
	case reporting == "":
		return nil, "", Errorf(EINVALID, "%d units and none marked '*': mark the one that reports, such as %s*", len(units), units[0])
	}
	return units, reporting, nil
}

// SplitList reads a list cell (Indikatorer, Område): items separated by
// commas, semicolons or line breaks, trimmed, empty ones dropped.
func SplitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' || r == '\r' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// ParseShare reads an Andel cell: a percentage above 0 and at most 100,
// "50", "50 %", "33,33". "" is FullShare. A share is always a percentage:
// "0,5" is half a percent, not half.
func ParseShare(s string) (decimal.Decimal, error) {
	if strings.TrimSpace(s) == "" {
		return FullShare, nil
	}
	d, err := ParseDecimal(s)
	if err != nil {
		return decimal.Decimal{}, Errorf(EINVALID, "share %q is not a number: give a percentage such as 50", strings.TrimSpace(s))
	}
	if !d.IsPositive() || d.GreaterThan(FullShare) {
		return decimal.Decimal{}, Errorf(EINVALID, "share %s %% is out of range: give a percentage above 0 and at most 100", d.String())
	}
	return d, nil
}

// CompareNr orders measure numbers naturally: "2" before "10", "1.2"
// before "1.10", and text parts alphabetically.
func CompareNr(a, b string) int {
	for a != "" && b != "" {
		na, ra := leadingDigits(a)
		nb, rb := leadingDigits(b)
		switch {
		case na != "" && nb != "":
			ta, tb := strings.TrimLeft(na, "0"), strings.TrimLeft(nb, "0")
			if len(ta) != len(tb) {
				return cmpInt(len(ta), len(tb))
			}
			if c := strings.Compare(ta, tb); c != 0 {
				return c
			}
			a, b = ra, rb
		default:
			ca, cb := a[0], b[0]
			if ca != cb {
				return cmpInt(int(ca), int(cb))
			}
			a, b = a[1:], b[1:]
		}
	}
	return cmpInt(len(a), len(b))
}

func leadingDigits(s string) (string, string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:]
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// SortMeasures sorts measures by Nr (see CompareNr).
func SortMeasures(ms []Measure) {
	sort.SliceStable(ms, func(i, j int) bool { return CompareNr(ms[i].Nr, ms[j].Nr) < 0 })
}

// foldWord lower-cases s, trims it, and spells æ ø å as a o a, so
// "Områderettet", "omraaderettet" and "omraderettet" compare alike.
func foldWord(s string) string {
	s = wordFolder.Replace(strings.ToLower(strings.TrimSpace(s)))
	return strings.Join(strings.Fields(s), " ")
}

var wordFolder = strings.NewReplacer("æ", "a", "ø", "o", "å", "a", "aa", "a", "oe", "o", "ae", "a")
