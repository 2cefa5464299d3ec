package wheel

import (
	"fmt"
	"time"
)

// Easter returns Easter Sunday of the Gregorian year (the anonymous
// Gregorian algorithm, Meeus/Jones/Butcher), as a date in Oslo.
func Easter(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, Oslo())
}

// Holiday returns the Norwegian name of the public holiday (helligdag or
// høytidsdag) on the date of d in Oslo, or "" when it is none. The Sundays
// among them (påskedag, pinsedag) are named too: a deadline on them moves
// for both reasons, and the holiday is the one people recognise.
func Holiday(d time.Time) string {
	y, m, day := d.In(Oslo()).Date()
	switch {
	case m == time.January && day == 1:
		return "1. nyttårsdag"
	case m == time.May && day == 1:
		return "1. mai"
	case m == time.May && day == 17:
		return "17. mai"
	case m == time.December && day == 25:
		return "1. juledag"
	case m == time.December && day == 26:
		return "2. juledag"
	}
	date := time.Date(y, m, day, 0, 0, 0, 0, Oslo())
	// Days from Easter Sunday, counted on the calendar so a clock change
	// in between cannot make a day 23 or 25 hours long.
	e := Easter(y)
	diff := int(date.Sub(e).Round(24*time.Hour) / (24 * time.Hour))
	switch diff {
	case -3:
		return "skjærtorsdag"
	case -2:
		return "langfredag"
	case 0:
		return "1. påskedag"
	case 1:
		return "2. påskedag"
	case 39:
		return "Kristi himmelfartsdag"
	case 49:
		return "1. pinsedag"
	case 50:
		return "2. pinsedag"
	}
	return ""
}

// weekdayNames are the Norwegian (bokmål) names of the days of the week.
var weekdayNames = [...]string{"søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"}

// monthNames are the Norwegian month names, January first.
var monthNames = [...]string{"januar", "februar", "mars", "april", "mai", "juni",
	"juli", "august", "september", "oktober", "november", "desember"}

// MonthName returns the Norwegian name of m ("mai").
func MonthName(m time.Month) string { return monthNames[m-1] }

// WeekdayName returns the Norwegian name of wd ("lørdag").
func WeekdayName(wd time.Weekday) string { return weekdayNames[wd] }

// NonWorkingReason says why the date of d is not a working day: the
// holiday's name ("17. mai"), else "lørdag" or "søndag", else "".
func NonWorkingReason(d time.Time) string {
	if h := Holiday(d); h != "" {
		return h
	}
	switch wd := d.In(Oslo()).Weekday(); wd {
	case time.Saturday, time.Sunday:
		return weekdayNames[wd]
	}
	return ""
}

// NextWorkingDay returns the first working day on or after the date of d
// (midnight in Oslo) and, when that is not d itself, the reason d was not
// one ("17. mai", "lørdag").
func NextWorkingDay(d time.Time) (time.Time, string) {
	y, m, day := d.In(Oslo()).Date()
	date := time.Date(y, m, day, 0, 0, 0, 0, Oslo())
	reason := NonWorkingReason(date)
	for NonWorkingReason(date) != "" {
		date = date.AddDate(0, 0, 1)
	}
	return date, reason
}

// FormatDate writes a date the Norwegian way, "17.05.2026".
func FormatDate(d time.Time) string { return d.In(Oslo()).Format("02.01.2006") }

// LongDate writes a date in words, "søndag 17. mai 2026".
func LongDate(d time.Time) string {
	d = d.In(Oslo())
	return fmt.Sprintf("%s %d. %s %d", weekdayNames[d.Weekday()], d.Day(), monthNames[d.Month()-1], d.Year())
}
