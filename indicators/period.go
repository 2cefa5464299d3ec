package indicators

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Years a period may name. Anything outside is a typo or a number in the
// wrong column, not a period.
const (
	minYear = 1900
	maxYear = 2200
)

// PeriodFormat settles the one ambiguous period text: "2011-12" is the
// school year 2011-2012 or December 2011.
type PeriodFormat string

// The period formats.
const (
	PeriodAuto       PeriodFormat = ""            // "YYYY-YY" is a school year when YY is the next year, else a month
	PeriodMonth      PeriodFormat = "month"       // "YYYY-MM" is always a month
	PeriodSchoolYear PeriodFormat = "school-year" // "YYYY-YY" is always a school year
)

// ParsePeriod reads a period as FHI, SSB, NAV and Udir publish it:
//
//	"2024"                               a year
//	"2018-2024", "2018 - 2024",          a span of years: 3- and 7-year rolling
//	"2018–2024", "2018_2024"             periods (hyphen, en or em dash, minus
//	                                     sign or FHI's underscore)
//	"2022-23", "2022/23", "2022/2023"    a school year, 2022 to 2023
//	"januar 2022", "jan 2022", "jan.     a month, label "2022-01"
//	2022", "2022-01", "2022M01"
//	"2022K1", "2022Q1", "1. kvartal      a quarter, label "2022K1"
//	2022", "K1 2022"
//	"2024-01-01", "01.01.2024"           a date: the year it opens ("2024") on
//	                                     1 January, the month ("2024-03") on the
//	                                     first of another month, else the day
//
// Spaces, non-breaking spaces, case and a trailing ".0" (a year an xlsx
// stored as a number) are ignored. "2011-12" is a school year (12 follows
// 11); "2022-01" a month; ParsePeriodAs settles it otherwise. Label is the
// canonical form, so the same period read from files of different layouts
// compares equal. Start and End are the years covered (a month or quarter
// lies in one year). Anything else, a span that ends before it starts, or
// a year outside 1900-2200 is an error that quotes the text.
func ParsePeriod(s string) (Period, error) { return ParsePeriodAs(s, PeriodAuto) }

// ParsePeriodAs is ParsePeriod with the reading of "YYYY-YY" settled by f.
func ParsePeriodAs(s string, f PeriodFormat) (Period, error) {
	t := normPeriod(s)
	if t == "" {
		return Period{}, fmt.Errorf("no period given")
	}
	if p, ok := parseDate(t); ok {
		return p, nil
	}
	if y, ok := periodYear(t); ok {
		return yearPeriod(y), nil
	}
	if p, ok := parseMonth(t, f); ok {
		return p, nil
	}
	if p, ok := parseQuarter(t); ok {
		return p, nil
	}
	for _, sep := range []string{"-", "/", "_"} {
		a, b, ok := strings.Cut(t, sep)
		if !ok {
			continue
		}
		start, ok := periodYear(a)
		if !ok {
			break
		}
		end, ok := periodYear(b)
		if !ok && len(b) == 2 && allDigits(b) {
			end, ok = schoolYearEnd(start, b)
		}
		if !ok {
			break
		}
		if end < start {
			return Period{}, fmt.Errorf("period %q ends before it starts", s)
		}
		if start == end {
			return yearPeriod(start), nil
		}
		return Period{Label: strconv.Itoa(start) + "-" + strconv.Itoa(end), Start: start, End: end}, nil
	}
	return Period{}, fmt.Errorf("period %q not understood: write a year (2024), a span (2018-2024), a school year (2024-25), a month (2024-01, januar 2024), a quarter (2024K1) or a date (2024-01-01)", s)
}

// schoolYearEnd reads the "23" of "2022-23": the century of the start
// year, or the next one for "1999-00"; it must be the next year.
func schoolYearEnd(start int, yy string) (int, bool) {
	end := start/100*100 + atoi2(yy)
	if end < start {
		end += 100
	}
	return end, end-start == 1
}

func yearPeriod(y int) Period { return Period{Label: strconv.Itoa(y), Start: y, End: y} }

func monthPeriod(y, m int) Period {
	return Period{Label: fmt.Sprintf("%04d-%02d", y, m), Start: y, End: y}
}

// months are the month names and their common abbreviations, bokmål,
// nynorsk and English, lower case without a trailing dot.
var months = map[string]int{
	"januar": 1, "jan": 1, "january": 1,
	"februar": 2, "feb": 2, "february": 2,
	"mars": 3, "mar": 3, "march": 3,
	"april": 4, "apr": 4,
	"mai": 5, "may": 5,
	"juni": 6, "jun": 6, "june": 6,
	"juli": 7, "jul": 7, "july": 7,
	"august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "okt": 10, "october": 10, "oct": 10,
	"november": 11, "nov": 11,
	"desember": 12, "des": 12, "december": 12, "dec": 12,
}

// parseMonth reads "januar2022" (spaces are gone by now), "jan.2022",
// "2022-01", "2022M01" and "2022M1". "YYYY-MM" is a month unless f or the
// school-year reading says otherwise.
func parseMonth(t string, f PeriodFormat) (Period, bool) {
	l := strings.ToLower(t)
	if len(l) > 4 {
		if y, ok := periodYear(l[len(l)-4:]); ok {
			if m, ok := months[strings.TrimSuffix(l[:len(l)-4], ".")]; ok {
				return monthPeriod(y, m), true
			}
		}
	}
	if len(l) < 6 {
		return Period{}, false
	}
	y, ok := periodYear(l[:4])
	if !ok {
		return Period{}, false
	}
	rest := l[4:]
	switch {
	case rest[0] == 'm' && len(rest) <= 3 && allDigits(rest[1:]):
		rest = rest[1:]
	case rest[0] == '-' && len(rest) == 3 && allDigits(rest[1:]):
		rest = rest[1:]
		if _, school := schoolYearEnd(y, rest); f == PeriodSchoolYear || f == PeriodAuto && school {
			return Period{}, false
		}
	default:
		return Period{}, false
	}
	m, _ := strconv.Atoi(rest)
	if m < 1 || m > 12 {
		return Period{}, false
	}
	return monthPeriod(y, m), true
}

// parseQuarter reads "2022K1", "2022Q1", "2022-K1", "K12022" and
// "1.kvartal2022" (spaces are gone by now).
func parseQuarter(t string) (Period, bool) {
	l := strings.ToLower(t)
	var y, q int
	switch {
	case len(l) >= 6 && (l[len(l)-2] == 'k' || l[len(l)-2] == 'q'):
		yy, ok := periodYear(strings.TrimSuffix(l[:len(l)-2], "-"))
		if !ok {
			return Period{}, false
		}
		y, q = yy, int(l[len(l)-1]-'0')
	case len(l) == 6 && (l[0] == 'k' || l[0] == 'q'):
		yy, ok := periodYear(l[2:])
		if !ok {
			return Period{}, false
		}
		y, q = yy, int(l[1]-'0')
	case strings.Contains(l, "kvartal"):
		a, b, _ := strings.Cut(l, "kvartal")
		a = strings.TrimSuffix(a, ".")
		yy, ok := periodYear(b)
		if !ok || len(a) != 1 {
			return Period{}, false
		}
		y, q = yy, int(a[0]-'0')
	default:
		return Period{}, false
	}
	if q < 1 || q > 4 {
		return Period{}, false
	}
	return Period{Label: fmt.Sprintf("%04dK%d", y, q), Start: y, End: y}, true
}

// normPeriod trims and removes every space, and turns the dashes and
// minus signs spreadsheets produce into "-".
func normPeriod(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '\t', '\u00a0', '\u2009', '\u202f', '\r', '\n':
			continue
		case '–', '—', '−', '‐', '‑':
			r = '-'
		}
		b.WriteRune(r)
	}
	return strings.TrimSuffix(b.String(), ".0")
}

// parseDate reads a date and keeps the period it stands for: 1 January is
// the year, the first of a month the month, any other day the day.
func parseDate(t string) (Period, bool) {
	for _, layout := range []string{"2006-01-02", "02.01.2006", "2006-01-02T15:04:05", "2006-01-02T15:04:05Z"} {
		if len(t) != len(layout) {
			continue
		}
		d, err := time.Parse(layout, t)
		if err != nil || d.Year() < minYear || d.Year() > maxYear || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 {
			continue
		}
		switch {
		case d.YearDay() == 1:
			return yearPeriod(d.Year()), true
		case d.Day() == 1:
			return monthPeriod(d.Year(), int(d.Month())), true
		}
		return Period{Label: d.Format("2006-01-02"), Start: d.Year(), End: d.Year()}, true
	}
	return Period{}, false
}

func periodYear(s string) (int, bool) {
	if len(s) != 4 || !allDigits(s) {
		return 0, false
	}
	y, _ := strconv.Atoi(s)
	return y, y >= minYear && y <= maxYear
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// String returns the label.
func (p Period) String() string { return p.Label }

// Year is where the period stands on a time axis: its end year.
func (p Period) Year() int { return p.End }

// Span reports whether the period covers more than one year.
func (p Period) Span() bool { return p.End > p.Start }

// ComparePeriods orders periods on a time axis: by end year, then start
// year (a longer span first), then label. It returns -1, 0 or +1.
func ComparePeriods(a, b Period) int {
	switch {
	case a.End != b.End:
		return cmpInt(a.End, b.End)
	case a.Start != b.Start:
		return cmpInt(a.Start, b.Start)
	}
	return strings.Compare(a.Label, b.Label)
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
