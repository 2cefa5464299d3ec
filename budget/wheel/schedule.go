package wheel

import (
	"fmt"
	"math/bits"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Parser parses schedules: five fields (minute hour day-of-month month
// day-of-week) or a descriptor such as @monthly, as robfig/cron reads them.
var Parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// starBit is robfig/cron's mark of a field written "*" or "?": with it,
// day-of-month and day-of-week must both match, without it either may.
const starBit = 1 << 63

// ParseSchedule parses a task's schedule. It refuses @every (an interval,
// not a place on the wheel), a TZ= or CRON_TZ= prefix (every schedule runs
// in Europe/Oslo) and a schedule that fires more than once a day: the
// årshjul is a governance calendar, and a task every minute made one year
// of the calendar take gigabytes.
func ParseSchedule(spec string) (*cron.SpecSchedule, error) {
	s := strings.TrimSpace(spec)
	if strings.HasPrefix(s, "TZ=") || strings.HasPrefix(s, "CRON_TZ=") {
		return nil, fmt.Errorf("schedule %q names a time zone: leave it out, every schedule runs in Europe/Oslo", spec)
	}
	if strings.HasPrefix(s, "@every") {
		return nil, fmt.Errorf("schedule %q is an interval: give a time on the calendar such as \"0 8 30 4 *\"", spec)
	}
	sch, err := Parser.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("schedule %q: %v (use five fields: minute hour day month weekday)", spec, err)
	}
	spec2, ok := sch.(*cron.SpecSchedule)
	if !ok {
		return nil, fmt.Errorf("schedule %q is not a calendar schedule", spec)
	}
	if n := bits.OnesCount64(spec2.Hour&(1<<24-1)) * bits.OnesCount64(spec2.Minute&(1<<60-1)); n > 1 {
		return nil, fmt.Errorf("schedule %q fires %d times a day: the årshjul is a governance calendar, so a task fires at most once a day; give one minute and one hour, such as \"0 8 * * 1\"", spec, n)
	}
	return spec2, nil
}

// Clock says how a wall-clock time on a clock-change day was resolved.
type Clock int

// The ways a wall-clock time maps to an instant in Europe/Oslo.
const (
	ClockNormal   Clock = iota // the time exists once
	ClockSkipped               // the time does not exist (spring): the instant is an hour later on the clock
	ClockRepeated              // the time occurs twice (autumn): the instant is the first of the two
)

// resolve returns the instant of the wall-clock time y-m-d h:min in Oslo and
// how it was resolved. A skipped time becomes the instant it would have
// been without the change (02:30 becomes 03:30 summer time, the moment that
// is as long after midnight as 02:30 would have been); a repeated time
// becomes its first instance, so it runs once and as early as it can.
func resolve(y int, m time.Month, d, h, min int) (time.Time, Clock) {
	t := time.Date(y, m, d, h, min, 0, 0, Oslo())
	if t.Hour() != h || t.Minute() != min {
		return t, ClockSkipped
	}
	if e := t.Add(-time.Hour); e.Hour() == h && e.Minute() == min && e.Day() == d {
		return e, ClockRepeated
	}
	if l := t.Add(time.Hour); l.Hour() == h && l.Minute() == min && l.Day() == d {
		return t, ClockRepeated
	}
	return t, ClockNormal
}

// wallTime is one firing of a schedule on the civil calendar.
type wallTime struct {
	year      int
	month     time.Month
	day       int
	hour, min int
	at        time.Time
	clock     Clock
}

// expand returns the firings of s in year on the civil calendar, in order,
// at most limit of them (0 for no limit).
func expand(s *cron.SpecSchedule, year, limit int) []wallTime {
	var out []wallTime
	for d := time.Date(year, 1, 1, 12, 0, 0, 0, time.UTC); d.Year() == year; d = d.AddDate(0, 0, 1) {
		if s.Month&(1<<uint(d.Month())) == 0 || !dayMatches(s, d) {
			continue
		}
		for h := 0; h < 24; h++ {
			if s.Hour&(1<<uint(h)) == 0 {
				continue
			}
			for mi := 0; mi < 60; mi++ {
				if s.Minute&(1<<uint(mi)) == 0 {
					continue
				}
				at, c := resolve(year, d.Month(), d.Day(), h, mi)
				out = append(out, wallTime{year, d.Month(), d.Day(), h, mi, at, c})
				if limit > 0 && len(out) >= limit {
					return out
				}
			}
		}
	}
	return out
}

// dayMatches applies robfig/cron's rule for day-of-month and day-of-week.
func dayMatches(s *cron.SpecSchedule, d time.Time) bool {
	dom := s.Dom&(1<<uint(d.Day())) > 0
	dow := s.Dow&(1<<uint(d.Weekday())) > 0
	if s.Dom&starBit > 0 || s.Dow&starBit > 0 {
		return dom && dow
	}
	return dom || dow
}
