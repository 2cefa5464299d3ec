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

// ParsePeriod reads a period as FHI, SSB and Udir publish it:
//
//	"2024"                               a year
//	"2018-2024", "2018 - 2024",          a span of years (hyphen, en or em dash,
//	"2018–2024", "2018_2024"             minus sign or FHI's underscore)
//	"2022-23", "2022/23", "2022/2023"    a school year, 2022 to 2023
//	"2024-01-01", "01.01.2024"           a date (ISO or Norwegian), placed in its year
//
// Spaces, non-breaking spaces and a trailing ".0" (a year an xlsx stored
// as a number) are ignored. Label is the canonical form ("2024",
// "2018-2024", "2024-01-01"), so the same period read from files of
// different layouts compares equal. Anything else, a span that ends before
// it starts, or a year outside 1900-2200 is an error that quotes the text.
func ParsePeriod(s string) (Period, error) {
	t := normPeriod(s)
	if t == "" {
		return Period{}, fmt.Errorf("no period given")
	}
	if p, ok := parseDate(t); ok {
		return p, nil
	}
	if y, ok := periodYear(t); ok {
		return Period{Label: strconv.Itoa(y), Start: y, End: y}, nil
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
			// "2022-23": the century of the start year, or the next one
			// for "1999-00".
			end = start/100*100 + atoi2(b)
			if end < start {
				end += 100
			}
			ok = end-start == 1
		}
		if !ok {
			break
		}
		if end < start {
			return Period{}, fmt.Errorf("period %q ends before it starts", s)
		}
		label := strconv.Itoa(start) + "-" + strconv.Itoa(end)
		if start == end {
			label = strconv.Itoa(start)
		}
		return Period{Label: label, Start: start, End: end}, nil
	}
	return Period{}, fmt.Errorf("period %q not understood: write a year (2024), a span (2018-2024) or a date (2024-01-01)", s)
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

func parseDate(t string) (Period, bool) {
	for _, layout := range []string{"2006-01-02", "02.01.2006"} {
		if len(t) != len(layout) {
			continue
		}
		d, err := time.Parse(layout, t)
		if err != nil || d.Year() < minYear || d.Year() > maxYear {
			continue
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
