package budget

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Term is a reporting period within a year: the first tertial (per 30
// April), the second (per 31 August), or the whole year (the annual
// report).
type Term string

// The terms, in the order a year passes through them.
const (
	T1       Term = "T1"
	T2       Term = "T2"
	TermYear Term = "year"
)

// Terms lists the terms in year order.
var Terms = []Term{T1, T2, TermYear}

// Period is a reporting period: a year and a term. Its text form, which
// ParsePeriod reads and String writes, is "2026-T1", "2026-T2", "2026-year".
type Period struct {
	Year int  `json:"year"`
	Term Term `json:"term"`
}

// ParsePeriod reads a period: YEAR-TERM, where TERM is T1 or T2 (any case;
// "1T", "tertial1" and "1. tertial" too) or the year ("year", "Å", "ÅR",
// "AR", "årsrapport"). Anything else is an EINVALID error.
func ParsePeriod(s string) (Period, error) {
	t := strings.TrimSpace(s)
	ys, ts, ok := strings.Cut(t, "-")
	if !ok {
		return Period{}, Errorf(EINVALID, "period %q: write the year and the term, such as 2026-T1, 2026-T2 or 2026-year", s)
	}
	y, err := ParseYear(ys)
	if err != nil {
		return Period{}, Errorf(EINVALID, "period %q: %s; write such as 2026-T1, 2026-T2 or 2026-year", s, err.Error())
	}
	term, err := ParseTerm(ts)
	if err != nil {
		return Period{}, Errorf(EINVALID, "period %q: %s", s, err.Error())
	}
	return Period{Year: y, Term: term}, nil
}

// ParseTerm reads a term alone: "T1", "T2", "year" and the spellings
// ParsePeriod accepts.
func ParseTerm(s string) (Term, error) {
	switch strings.ReplaceAll(foldWord(s), " ", "") {
	case "t1", "1t", "tertial1", "1.tertial", "1tertial", "forstetertial":
		return T1, nil
	case "t2", "2t", "tertial2", "2.tertial", "2tertial", "andretertial":
		return T2, nil
	case "year", "a", "ar", "aar", "arsrapport", "arsmelding", "y", "helar", "arsberetning":
		return TermYear, nil
	}
	return "", Errorf(EINVALID, "unknown term %q: use T1 (per 30 April), T2 (per 31 August) or year (Å)", strings.TrimSpace(s))
}

// String writes the period as ParsePeriod reads it: "2026-T1", "2026-year".
func (p Period) String() string {
	if p.Year == 0 && p.Term == "" {
		return ""
	}
	return strconv.Itoa(p.Year) + "-" + string(p.Term)
}

// IsZero reports whether the period is unset.
func (p Period) IsZero() bool { return p == Period{} }

// Rank orders the terms of a year: 0 for T1, 1 for T2, 2 for the year.
func (t Term) Rank() int {
	for i, u := range Terms {
		if t == u {
			return i
		}
	}
	return len(Terms)
}

// Less orders periods by year, then term.
func (p Period) Less(o Period) bool {
	if p.Year != o.Year {
		return p.Year < o.Year
	}
	return p.Term.Rank() < o.Term.Rank()
}

// AsOf is the date the period reports per: 30 April, 31 August or 31
// December of its year, at midnight UTC (a civil date).
func (p Period) AsOf() time.Time {
	switch p.Term {
	case T1:
		return time.Date(p.Year, time.April, 30, 0, 0, 0, 0, time.UTC)
	case T2:
		return time.Date(p.Year, time.August, 31, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(p.Year, time.December, 31, 0, 0, 0, 0, time.UTC)
}

// Label names the period in Norwegian, as documents write it:
// "1. tertial 2026", "2. tertial 2026", "året 2026".
func (p Period) Label() string {
	switch p.Term {
	case T1:
		return "1. tertial " + strconv.Itoa(p.Year)
	case T2:
		return "2. tertial " + strconv.Itoa(p.Year)
	}
	return "året " + strconv.Itoa(p.Year)
}

// AsOfText is the date the period reports per in Norwegian: "30. april",
// "31. august", "31. desember".
func (p Period) AsOfText() string {
	switch p.Term {
	case T1:
		return "30. april"
	case T2:
		return "31. august"
	}
	return "31. desember"
}

// MarshalText writes the period as String does, so JSON has "2026-T1".
func (p Period) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText reads the period as ParsePeriod does.
func (p *Period) UnmarshalText(b []byte) error {
	q, err := ParsePeriod(string(b))
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// Progress is where a measure stands in a tertial or annual report, as the
// reporting unit judges it.
type Progress string

// The progress values a unit reports. A deviation note is required with
// Forsinket and Avbrutt.
const (
	IkkeStartet Progress = "ikke startet"
	IRute       Progress = "i rute"
	Forsinket   Progress = "forsinket"
	Fullfort    Progress = "fullført"
	Avbrutt     Progress = "avbrutt"
)

// Progresses lists the progress values in the order the form's list shows
// them.
var Progresses = []Progress{IkkeStartet, IRute, Forsinket, Fullfort, Avbrutt}

// ParseProgress reads a progress value in any case, with æøå or spelled
// out ("fullfort", "fullfoert"), and the nynorsk forms ("ikkje starta",
// "fullført", "avbroten", "forseinka"). Anything else is an EINVALID error
// listing the values.
func ParseProgress(s string) (Progress, error) {
	switch foldWord(s) {
	case "ikke startet", "ikkje starta", "ikke start", "ikke begynt", "ikkje starta opp":
		return IkkeStartet, nil
	case "i rute", "pa plan", "i plan":
		return IRute, nil
	case "forsinket", "forseinka", "forsinka", "forseinket":
		return Forsinket, nil
	case "fullfort", "ferdig", "gjennomfort":
		return Fullfort, nil
	case "avbrutt", "avbroten", "avbrote", "stoppet", "stansa":
		return Avbrutt, nil
	}
	return "", Errorf(EINVALID, "unknown status %q: use ikke startet, i rute, forsinket, fullført or avbrutt", strings.TrimSpace(s))
}

// NeedsNote reports whether a report with this progress must explain the
// deviation: forsinket and avbrutt.
func (p Progress) NeedsNote() bool { return p == Forsinket || p == Avbrutt }

// MeasureReport is one unit's report on one measure for one period: a row
// of the tertial form.
//
// Spent is what the unit has spent on the measure so far in the year, in
// øre, as of the period's date; SpentGiven is false when the cell was left
// blank (not known, which is not zero). Deviation explains a measure that
// is forsinket or avbrutt and is required for them (see Check).
type MeasureReport struct {
	Row        int      `json:"-"` // row in the form, for messages
	Snapshot   int64    `json:"snapshot,omitempty"`
	Measure    string   `json:"measure"` // the measure's Nr
	Unit       string   `json:"unit"`
	Period     Period   `json:"period"`
	Status     Progress `json:"status"`
	SpentOre   int64    `json:"spent_ore"`
	SpentGiven bool     `json:"spent_given"`
	Comment    string   `json:"comment,omitempty"`
	Deviation  string   `json:"deviation,omitempty"`
	// ImportedAt is when the snapshot holding the report was imported
	// (set by the store).
	ImportedAt time.Time `json:"imported_at,omitzero"`
}

// Check checks a report on its own: a measure number, a known status, a
// deviation note when the status is forsinket or avbrutt, spending not
// below zero. It returns the problem as an EINVALID *Error whose message
// says what to write, and the name of the field at fault ("status",
// "spent", "deviation", "measure"); nil and "" when all is well.
func (r *MeasureReport) Check() (*Error, string) {
	switch {
	case strings.TrimSpace(r.Measure) == "":
		return Errorf(EINVALID, "no measure number"), "measure"
	case r.Status == "":
		return Errorf(EINVALID, "no status: choose ikke startet, i rute, forsinket, fullført or avbrutt"), "status"
	}
	if _, err := ParseProgress(string(r.Status)); err != nil {
		return err.(*Error), "status"
	}
	if r.Status.NeedsNote() && strings.TrimSpace(r.Deviation) == "" {
		return Errorf(EINVALID, "status %s needs a deviation note (avviksforklaring): say what is delayed or stopped, why, and what is done about it", r.Status), "deviation"
	}
	if r.SpentGiven && r.SpentOre < 0 {
		return Errorf(EINVALID, "spent so far %s kr is below zero: give what the measure has cost so far this year", FormatOre(r.SpentOre)), "spent"
	}
	return nil, ""
}

// ReportSnapshot is one imported reporting form: a unit's reports for a
// period, as they stood in one file. Every import is kept; a later one for
// the same unit and period supersedes the earlier for each measure it
// reports on, and the earlier stays in the history, so the annual report
// can show what changed.
type ReportSnapshot struct {
	ID         int64           `json:"id"`
	Unit       string          `json:"unit"`
	Period     Period          `json:"period"`
	Source     string          `json:"source"` // file name as given
	SHA256     string          `json:"sha256"`
	Size       int64           `json:"size"`
	ImportedAt time.Time       `json:"imported_at"`
	Reports    []MeasureReport `json:"reports"`
}

// CheckReports checks the reports of a snapshot against the measures: each
// names a measure of ms, that unit reports on (its Reporting unit), that
// runs in the period's year, and no measure is reported twice. Each report
// must also pass Check. It returns every problem as a ReportProblem in
// report order; nil when all is well.
func CheckReports(unit string, period Period, reports []MeasureReport, ms []Measure) []ReportProblem {
	byNr := make(map[string]*Measure, len(ms))
	for i := range ms {
		byNr[ms[i].Nr] = &ms[i]
	}
	var out []ReportProblem
	seen := map[string]int{}
	for i := range reports {
		r := &reports[i]
		if e, field := r.Check(); e != nil {
			out = append(out, ReportProblem{Index: i, Field: field, Err: e})
			continue
		}
		m, ok := byNr[r.Measure]
		switch {
		case !ok:
			out = append(out, ReportProblem{Index: i, Field: "measure", Err: Errorf(EINVALID,
				"unknown measure %s: no measure has that number; write a new form with helsebudsjett template report", r.Measure)})
			continue
		case m.Reporting != unit:
			out = append(out, ReportProblem{Index: i, Field: "measure", Err: Errorf(EINVALID,
				"measure %s (%s) is reported by unit %s, not %s: move the row to that unit's form", m.Nr, m.Name, m.Reporting, unit)})
			continue
		case !m.ActiveIn(period.Year):
			out = append(out, ReportProblem{Index: i, Field: "measure", Err: Errorf(EINVALID,
				"measure %s (%s) does not run in %d (%s): it has no report for %s", m.Nr, m.Name, period.Year, m.yearsText(), period)})
			continue
		}
		if j, dup := seen[r.Measure]; dup {
			out = append(out, ReportProblem{Index: i, Field: "measure", Err: Errorf(EINVALID,
				"measure %s is reported twice (also row %d): keep one row", r.Measure, reports[j].Row)})
			continue
		}
		seen[r.Measure] = i
	}
	return out
}

// ReportProblem is a problem CheckReports found with reports[Index]; Field
// is the field at fault, as MeasureReport.Check names them.
type ReportProblem struct {
	Index int
	Field string
	Err   *Error
}

func (m *Measure) yearsText() string {
	switch {
	case m.Start != 0 && m.End != 0:
		return "it runs " + strconv.Itoa(m.Start) + "-" + strconv.Itoa(m.End)
	case m.Start != 0:
		return "it runs from " + strconv.Itoa(m.Start)
	case m.End != 0:
		return "it ended in " + strconv.Itoa(m.End)
	}
	return "it runs every year"
}

// StatusChange is a measure's status in one period next to the period
// before it that has a report.
type StatusChange struct {
	Measure string   `json:"measure"`
	From    Period   `json:"from"`
	To      Period   `json:"to"`
	Was     Progress `json:"was"`
	Now     Progress `json:"now"`
}

// Changed reports whether the status differs.
func (c StatusChange) Changed() bool { return c.Was != c.Now }

// StatusChanges returns, for a measure's reports (one per period, in any
// order; other measures' reports are ignored), each step from one reported
// period to the next, in period order.
func StatusChanges(nr string, reports []MeasureReport) []StatusChange {
	var rs []MeasureReport
	for _, r := range reports {
		if r.Measure == nr {
			rs = append(rs, r)
		}
	}
	SortReports(rs)
	var out []StatusChange
	for i := 1; i < len(rs); i++ {
		out = append(out, StatusChange{Measure: nr, From: rs[i-1].Period, To: rs[i].Period, Was: rs[i-1].Status, Now: rs[i].Status})
	}
	return out
}

// SortReports sorts reports by measure number (CompareNr), then period,
// then snapshot.
func SortReports(rs []MeasureReport) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := &rs[i], &rs[j]
		if c := CompareNr(a.Measure, b.Measure); c != 0 {
			return c < 0
		}
		if a.Period != b.Period {
			return a.Period.Less(b.Period)
		}
		return a.Snapshot < b.Snapshot
	})
}

// MeasureSpending is a measure's money in a year: what the budget gave it
// and what the accounts show, both as the measure's links count them
// (Σ line × Andel), and what its unit last reported as spent.
//
// Budget is the budget compared: the year's revidert budget when there is
// one, else vedtatt; the zero Key when the year has neither. BudgetLines
// and AccountLines count the lines linked, so a measure whose budget link
// picks nothing in the year (zero lines) is told apart from one with zero
// kroner. HasAccounts is false when the year has no regnskap yet.
type MeasureSpending struct {
	Measure      string `json:"measure"`
	Name         string `json:"name"`
	Reporting    string `json:"reporting"`
	Year         int    `json:"year"`
	Budget       Key    `json:"budget"`
	BudgetOre    int64  `json:"budget_ore"`
	BudgetLines  int    `json:"budget_lines"`
	HasAccounts  bool   `json:"has_accounts"`
	AccountsOre  int64  `json:"accounts_ore"`
	AccountLines int    `json:"account_lines"`
	// Reported is the unit's latest report for the year (the annual
	// report, else T2, else T1) with spending given; nil when none.
	Reported *MeasureReport `json:"reported,omitempty"`
}

// DifferenceOre is accounts minus budget: positive when the measure cost
// more than budgeted. It saturates instead of overflowing.
func (s MeasureSpending) DifferenceOre() int64 {
	d, ok := SumOre(s.AccountsOre, -s.BudgetOre)
	if !ok || s.BudgetOre == minInt64 {
		if s.AccountsOre > s.BudgetOre {
			return maxInt64
		}
		return minInt64
	}
	return d
}

// UsedPercent is accounts as a percentage of budget, rounded to one
// decimal; ok is false when there is no budget or no accounts to compare.
func (s MeasureSpending) UsedPercent() (pct decimal.Decimal, ok bool) {
	if !s.HasAccounts || s.BudgetOre == 0 {
		return decimal.Decimal{}, false
	}
	return decimal.NewFromInt(s.AccountsOre).Mul(hundred).Div(decimal.NewFromInt(s.BudgetOre)).Round(1), true
}

const (
	maxInt64 = int64(^uint64(0) >> 1)
	minInt64 = -maxInt64 - 1
)
