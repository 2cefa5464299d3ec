package wheel

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Due is an occurrence's deadline: the working day it falls on and, when
// the rule gave a weekend or a holiday, the date the rule gave and why it
// moved.
type Due struct {
	Date      time.Time // midnight in Oslo
	MovedFrom time.Time // zero when not moved
	Reason    string    // "17. mai", "lørdag"; "" when not moved
}

// Moved reports whether the deadline was moved to a working day.
func (d *Due) Moved() bool { return !d.MovedFrom.IsZero() }

// String writes the deadline in Norwegian: "18.05.2026 (flyttet fra
// 17.05.2026: 17. mai)".
func (d *Due) String() string {
	if !d.Moved() {
		return FormatDate(d.Date)
	}
	return fmt.Sprintf("%s (flyttet fra %s: %s)", FormatDate(d.Date), FormatDate(d.MovedFrom), d.Reason)
}

// parseDeadline checks a deadline rule and returns a function from trigger
// instant to the unadjusted deadline date.
func parseDeadline(dl *Deadline) (func(time.Time) time.Time, error) {
	switch {
	case dl.Date != "" && dl.After != "":
		return nil, fmt.Errorf("deadline has both date %q and after %q: give one", dl.Date, dl.After)
	case dl.Date != "":
		var m, d int
		if n, err := fmt.Sscanf(dl.Date, "%d-%d", &m, &d); err != nil || n != 2 || len(dl.Date) != 5 {
			return nil, fmt.Errorf("deadline date %q: write it as MM-DD, e.g. \"04-30\"", dl.Date)
		}
		if m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), 2024) {
			return nil, fmt.Errorf("deadline date %q is not a day of the year", dl.Date)
		}
		return func(trigger time.Time) time.Time {
			t := trigger.In(Oslo())
			day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, Oslo())
			due := dateIn(t.Year(), time.Month(m), d)
			if due.Before(day) {
				due = dateIn(t.Year()+1, time.Month(m), d)
			}
			return due
		}, nil
	case dl.After != "":
		s := strings.TrimSpace(dl.After)
		if len(s) < 2 {
			return nil, fmt.Errorf("deadline after %q: write a number of days or weeks, e.g. \"14d\" or \"3w\"", dl.After)
		}
		n, err := strconv.Atoi(s[:len(s)-1])
		unit := s[len(s)-1]
		if err != nil || n < 0 || n > 3660 || (unit != 'd' && unit != 'w') {
			return nil, fmt.Errorf("deadline after %q: write a number of days or weeks, e.g. \"14d\" or \"3w\"", dl.After)
		}
		if unit == 'w' {
			n *= 7
		}
		return func(trigger time.Time) time.Time {
			t := trigger.In(Oslo())
			return time.Date(t.Year(), t.Month(), t.Day()+n, 0, 0, 0, 0, Oslo())
		}, nil
	}
	return nil, fmt.Errorf("deadline is empty: give date (MM-DD) or after (e.g. \"14d\")")
}

// dateIn is the date y-m-d, with 29 February in a common year taken as 28
// February (a deadline "last day of February" must not slip into March).
func dateIn(y int, m time.Month, d int) time.Time {
	if n := daysIn(m, y); d > n {
		d = n
	}
	return time.Date(y, m, d, 0, 0, 0, 0, Oslo())
}

func daysIn(m time.Month, y int) int {
	return time.Date(y, m+1, 0, 12, 0, 0, 0, time.UTC).Day()
}

// dueFor applies the rule and moves the result to a working day.
func dueFor(rule func(time.Time) time.Time, trigger time.Time) *Due {
	raw := rule(trigger)
	date, reason := NextWorkingDay(raw)
	d := &Due{Date: date}
	if reason != "" {
		d.MovedFrom, d.Reason = raw, reason
	}
	return d
}
