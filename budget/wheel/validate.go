package wheel

import (
	"fmt"
	"net/mail"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/robfig/cron/v3"
)

// Problem is something wrong with a task. An error makes the wheel
// unusable; a warning is shown and the wheel is used.
type Problem struct {
	Task    string `json:"task"`
	Warning bool   `json:"warning"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	kind := "error"
	if p.Warning {
		kind = "warning"
	}
	return kind + ": " + p.Message
}

// validDomain is an internet domain name with at least two labels, in
// lower case.
var validDomain = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$`)

// validOrgNumber is a Norwegian organisation number: 9 digits, grouped by
// spaces or not.
var validOrgNumber = regexp.MustCompile(`^\d{3} ?\d{3} ?\d{3}$`)

// problems checks the municipality's identity: a domain that is a domain
// name, an organisation number of 9 digits.
func (o *Owner) problems() []Problem {
	if o == nil {
		return nil
	}
	var ps []Problem
	if d := strings.TrimSpace(o.Domain); d != "" && !validDomain.MatchString(strings.ToLower(d)) {
		ps = append(ps, Problem{Message: fmt.Sprintf("municipality: domain %q is not a domain name such as fjordvik.kommune.no", o.Domain)})
	}
	if n := strings.TrimSpace(o.OrgNumber); n != "" && !validOrgNumber.MatchString(n) {
		ps = append(ps, Problem{Message: fmt.Sprintf("municipality: org_number %q is not an organisation number of 9 digits", o.OrgNumber)})
	}
	return ps
}

// validID is what a task id may look like: it ends up in file names,
// calendar UIDs and the record of runs.
var validID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// checkYears is how many years Validate looks ahead for clock changes and
// for a schedule that fires at all (eight covers a leap day and the
// four-year cycle twice).
const checkYears = 8

// MaxPerYear bounds the occurrences of a whole wheel in a year: ten tasks
// every day. With each task at most daily it keeps the calendar, the wheel
// page and run-due small whatever the wheel file holds.
const MaxPerYear = 3660

// Validate checks the wheel as of the year given and returns its problems,
// errors and warnings, each naming the task and, where dates matter, the
// dates. Errors: a duplicate or malformed id, a missing title, an unknown
// action, a bad schedule or deadline, a schedule that never fires in the
// years checked. Warnings: a firing between 02:00 and 02:59 on a
// clock-change day in the years checked, where that time does not exist or
// occurs twice in Europe/Oslo.
func (w *Wheel) Validate(year int) []Problem {
	var ps []Problem
	errf := func(id, format string, args ...any) {
		ps = append(ps, Problem{Task: id, Message: fmt.Sprintf("task %s: ", id) + fmt.Sprintf(format, args...)})
	}
	if len(w.Tasks) == 0 {
		ps = append(ps, Problem{Message: "the wheel has no tasks"})
	}
	ps = append(ps, w.Municipality.problems()...)
	seen := map[string]bool{}
	for i := range w.Tasks {
		t := &w.Tasks[i]
		id := t.ID
		if id == "" {
			id = fmt.Sprintf("#%d", i+1)
		}
		switch {
		case t.ID == "":
			errf(id, "has no id")
		case !validID.MatchString(t.ID):
			errf(id, "id %q: use lower-case letters a-z, digits and hyphens (at most 63)", t.ID)
		case seen[t.ID]:
			errf(id, "id is used by more than one task")
		}
		seen[t.ID] = true
		if strings.TrimSpace(t.Title.NB) == "" && strings.TrimSpace(t.Title.NN) == "" {
			errf(id, "has no title: give title.nb and title.nn")
		}
		if !validAction(t.Action) {
			errf(id, "unknown action %q: use remind, letters, report, export-budget or none", t.Action)
		}
		if t.Action == Remind && len(t.Responsible) == 0 {
			errf(id, "action remind needs someone responsible to remind")
		}
		if t.Years != nil && (t.Years.Every < 1 || t.Years.Every > 20 || t.Years.From < 1900 || t.Years.From > 2200) {
			errf(id, "years: every must be 1-20 and from a year such as 2024 (got every %d, from %d)", t.Years.Every, t.Years.From)
			continue
		}
		if t.Deadline != nil {
			if _, err := parseDeadline(t.Deadline); err != nil {
				errf(id, "%v", err)
			}
		}
		s, err := ParseSchedule(t.Schedule)
		if err != nil {
			errf(id, "%v", err)
			continue
		}
		ps = append(ps, scheduleProblems(t, s, year)...)
	}
	if n := w.countYear(year, MaxPerYear+1); n > MaxPerYear {
		ps = append(ps, Problem{Message: fmt.Sprintf("the wheel has more than %d occurrences in %d: the årshjul is a governance calendar; fire tasks less often", MaxPerYear, year)})
	}
	for _, who := range sortedKeys(w.Contacts) {
		if err := CheckAddress(w.Contacts[who]); err != nil {
			ps = append(ps, Problem{Message: fmt.Sprintf("contacts: %s: %v", who, err)})
		}
	}
	return ps
}

// CheckAddress returns an EINVALID error unless addr is one plain e-mail
// address (name@domain, or "Name <name@domain>"). A line break in it could
// add headers or recipients to a message, so it is refused outright.
func CheckAddress(addr string) error {
	if strings.ContainsAny(addr, "\r\n") {
		return budget.Errorf(budget.EINVALID, "the address %q holds a line break: give one address on one line", addr)
	}
	a, err := mail.ParseAddress(addr)
	if err != nil {
		return budget.Errorf(budget.EINVALID, "%q is not an e-mail address: %v", addr, err)
	}
	if !strings.Contains(a.Address, "@") {
		return budget.Errorf(budget.EINVALID, "%q is not an e-mail address: no @", addr)
	}
	return nil
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// countYear counts the wheel's occurrences in year, stopping at limit.
func (w *Wheel) countYear(year, limit int) int {
	from, to := time.Date(year, 1, 1, 0, 0, 0, 0, Oslo()), time.Date(year+1, 1, 1, 0, 0, 0, 0, Oslo())
	n := 0
	for i := range w.Tasks {
		occ, _ := w.Tasks[i].occurrences(from, to)
		if n += len(occ); n >= limit {
			break
		}
	}
	return n
}

func validAction(a Action) bool {
	for _, b := range Actions {
		if a == b {
			return true
		}
	}
	return false
}

// scheduleProblems reports a schedule that never fires in the years
// checked and each firing on a clock-change day.
func scheduleProblems(t *Task, spec *cron.SpecSchedule, year int) []Problem {
	last := year + checkYears
	if t.Years != nil && t.Years.Every > 1 {
		last = year + max(checkYears, 2*t.Years.Every)
	}
	var ps []Problem
	fired := false
	var skipped, repeated []string
	for y := year; y <= last; y++ {
		if !t.Years.includes(y) {
			continue
		}
		// Only the first firing is needed to know it fires; clock-change
		// days are looked up directly instead of expanding every minute.
		if !fired && len(expand(spec, y, 1)) > 0 {
			fired = true
		}
		for _, day := range clockChangeDays(y) {
			if spec.Month&(1<<uint(day.Month())) == 0 || !dayMatches(spec, day) || spec.Hour&(1<<2) == 0 {
				continue
			}
			for mi := 0; mi < 60; mi++ {
				if spec.Minute&(1<<uint(mi)) == 0 {
					continue
				}
				_, c := resolve(y, day.Month(), day.Day(), 2, mi)
				when := fmt.Sprintf("02:%02d on %s", mi, day.Format("2 January 2006"))
				switch c {
				case ClockSkipped:
					skipped = append(skipped, when)
				case ClockRepeated:
					repeated = append(repeated, when)
				}
				break // one minute per day is enough to name the day
			}
		}
	}
	if !fired {
		ps = append(ps, Problem{Task: t.ID, Message: fmt.Sprintf("task %s: schedule %q never fires in %d-%d: check the day and month",
			t.ID, t.Schedule, year, last)})
	}
	if len(skipped) > 0 {
		ps = append(ps, Problem{Task: t.ID, Warning: true, Message: fmt.Sprintf(
			"task %s: runs between 02:00 and 02:59, a time that does not exist in Europe/Oslo when summer time begins (%s): "+
				"it will run once, an hour later on the clock; choose another hour to avoid this", t.ID, strings.Join(skipped, ", "))})
	}
	if len(repeated) > 0 {
		ps = append(ps, Problem{Task: t.ID, Warning: true, Message: fmt.Sprintf(
			"task %s: runs between 02:00 and 02:59, a time that occurs twice in Europe/Oslo when summer time ends (%s): "+
				"it will run once, at the first; choose another hour to avoid this", t.ID, strings.Join(repeated, ", "))})
	}
	return ps
}

// clockChangeDays returns the last Sundays of March and October of year,
// the days Norway changes clocks (noon UTC, for the calendar fields only).
func clockChangeDays(year int) []time.Time {
	last := func(m time.Month) time.Time {
		d := time.Date(year, m+1, 0, 12, 0, 0, 0, time.UTC)
		return d.AddDate(0, 0, -int(d.Weekday()))
	}
	return []time.Time{last(time.March), last(time.October)}
}

// Check returns an EINVALID *budget.Error listing the errors among ps, or
// nil when there are only warnings.
func Check(ps []Problem) error {
	var msgs []string
	for _, p := range ps {
		if !p.Warning {
			msgs = append(msgs, "  "+p.Message)
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return budget.Errorf(budget.EINVALID, "the wheel has %d error(s); nothing was changed:\n%s", len(msgs), strings.Join(msgs, "\n"))
}
