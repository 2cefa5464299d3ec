package wheel

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Occurrence is one time a task falls due.
type Occurrence struct {
	Task *Task
	// At is the instant the task falls due. For a wall-clock time that does
	// not exist it is an hour later on the clock; for one that occurs
	// twice it is the first.
	At time.Time
	// Wall is the wall-clock time the schedule names, "2026-03-29T02:30".
	Wall  string
	Clock Clock
	// Warning says, in English for the operator, why At differs from what
	// the schedule seems to say; "" for ordinary occurrences.
	Warning string
	Due     *Due // nil when the task has no deadline
}

// Key identifies an occurrence for the record of runs: the task and the
// instant, RFC 3339 with the Oslo offset. It is the same every time the
// occurrence is computed.
func (o Occurrence) Key() (task, at string) { return o.Task.ID, FormatTime(o.At) }

// UID is a stable identifier for calendars: the task and the wall time.
// It is UIDFor without a municipality.
func (o Occurrence) UID() string { return o.UIDFor("") }

// UIDFor is a stable identifier for calendars, the municipality's own: the
// task and the wall time, at a host made of identity (Wheel.Identity, or
// another code naming the municipality): "arshjul.fjordvik.kommune.no" for
// a domain, "999999999.arshjul.helsebudsjett" for an organisation number,
// "arshjul.helsebudsjett" for none.
func (o Occurrence) UIDFor(identity string) string {
	host := "arshjul.helsebudsjett"
	switch {
	case strings.Contains(identity, "."):
		host = "arshjul." + identity
	case identity != "":
		host = identity + ".arshjul.helsebudsjett"
	}
	return fmt.Sprintf("%s-%s@%s", o.Task.ID, o.At.In(Oslo()).Format("20060102T1504"), host)
}

// FormatTime writes t in Oslo as RFC 3339 with its offset, as the workspace
// stores times.
func FormatTime(t time.Time) string { return t.In(Oslo()).Format(time.RFC3339) }

// Occurrences returns every occurrence of the wheel's tasks with At in
// [from, to), in time order (ties by task order in the wheel). Tasks that do
// not validate are skipped; Validate reports them.
func (w *Wheel) Occurrences(from, to time.Time) []Occurrence {
	var out []Occurrence
	order := map[string]int{}
	for i := range w.Tasks {
		t := &w.Tasks[i]
		order[t.ID] = i
		occ, err := t.occurrences(from, to)
		if err != nil {
			continue
		}
		out = append(out, occ...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.Before(out[j].At)
		}
		return order[out[i].Task.ID] < order[out[j].Task.ID]
	})
	return out
}

// Year returns the occurrences whose At lies in the calendar year in Oslo.
func (w *Wheel) Year(year int) []Occurrence {
	return w.Occurrences(time.Date(year, 1, 1, 0, 0, 0, 0, Oslo()), time.Date(year+1, 1, 1, 0, 0, 0, 0, Oslo()))
}

// Occurrences returns the task's occurrences with At in [from, to).
func (t *Task) Occurrences(from, to time.Time) ([]Occurrence, error) { return t.occurrences(from, to) }

func (t *Task) occurrences(from, to time.Time) ([]Occurrence, error) {
	s, err := ParseSchedule(t.Schedule)
	if err != nil {
		return nil, fmt.Errorf("task %s: %w", t.ID, err)
	}
	var rule func(time.Time) time.Time
	if t.Deadline != nil {
		if rule, err = parseDeadline(t.Deadline); err != nil {
			return nil, fmt.Errorf("task %s: %w", t.ID, err)
		}
	}
	var out []Occurrence
	// A wall time late on 31 December cannot resolve into the next year,
	// but one day's margin either side costs nothing and keeps that true
	// whatever the rules of time zones become.
	for y := from.In(Oslo()).Year() - 1; y <= to.In(Oslo()).Year(); y++ {
		if !t.Years.includes(y) {
			continue
		}
		for _, wt := range expand(s, y, 0) {
			if wt.at.Before(from) || !wt.at.Before(to) {
				continue
			}
			o := Occurrence{Task: t, At: wt.at, Clock: wt.clock,
				Wall: fmt.Sprintf("%04d-%02d-%02dT%02d:%02d", wt.year, wt.month, wt.day, wt.hour, wt.min)}
			o.Warning = clockWarning(t.ID, wt)
			if rule != nil {
				o.Due = dueFor(rule, o.At)
			}
			out = append(out, o)
		}
	}
	return out, nil
}

// clockWarning explains a firing on a clock-change day.
func clockWarning(id string, wt wallTime) string {
	day := fmt.Sprintf("%d %s %d", wt.day, wt.month, wt.year)
	switch wt.clock {
	case ClockSkipped:
		return fmt.Sprintf("task %s: %02d:%02d does not exist on %s in Europe/Oslo (summer time begins); it runs once, at %s",
			id, wt.hour, wt.min, day, wt.at.Format("15:04 MST"))
	case ClockRepeated:
		return fmt.Sprintf("task %s: %02d:%02d occurs twice on %s in Europe/Oslo (summer time ends); it runs once, at the first (%s)",
			id, wt.hour, wt.min, day, wt.at.Format("15:04 MST"))
	}
	return ""
}
