// Package wheel is the municipality's yearly wheel (årshjul): governance
// tasks such as oppdragsbrev, tertial reports and the budget proposal, each
// with a cron schedule in Europe/Oslo, an optional deadline moved to the next
// working day, who is responsible and what the module does when it falls due.
//
// The package computes; it stores nothing and touches no files. It expands a
// task's schedule into exact occurrences by walking the civil calendar, not
// by asking a cron library for the next instant, so that a time that does
// not exist (02:00-02:59 on the last Sunday of March) still gives exactly one
// occurrence and a time that occurs twice (the last Sunday of October) gives
// exactly one too. Both carry a warning saying so.
package wheel

import (
	"fmt"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // Europe/Oslo must be known on machines without a zoneinfo database
)

// Action is what the module does when an occurrence falls due.
type Action string

// The actions a task may name.
const (
	Remind       Action = "remind"        // write a reminder per responsible into the outbox
	Letters      Action = "letters"       // make the oppdragsbrev
	Report       Action = "report"        // make the tertial or annual report
	ExportBudget Action = "export-budget" // write the budget workbook
	None         Action = "none"          // a date on the wheel; nothing to run
)

// Actions lists the valid actions.
var Actions = []Action{Remind, Letters, Report, ExportBudget, None}

// Title is a text in the two written standards.
type Title struct {
	NB string `yaml:"nb" json:"nb"`
	NN string `yaml:"nn" json:"nn"`
}

// In returns the title in lang ("nn" for nynorsk, else bokmål), falling back
// to the other standard when one is empty.
func (t Title) In(lang string) string {
	if lang == "nn" && t.NN != "" || t.NB == "" {
		return t.NN
	}
	return t.NB
}

// Years restricts a task to every Every-th year counted from From: the
// folkehelseoversikt runs in 2024, 2028, … (Every 4, From 2024).
type Years struct {
	Every int `yaml:"every" json:"every"`
	From  int `yaml:"from" json:"from"`
}

// includes reports whether year is one of the task's years.
func (y *Years) includes(year int) bool {
	if y == nil || y.Every <= 1 {
		return true
	}
	d := year - y.From
	return d >= 0 && d%y.Every == 0
}

// Deadline is a task's deadline rule: either a date (MM-DD) in the year of
// the trigger, or the next year when that date lies before the trigger, or
// an offset from the trigger ("14d", "3w"). The deadline is a day; one that
// falls on a weekend or a public holiday moves to the next working day.
type Deadline struct {
	Date  string `yaml:"date,omitempty" json:"date,omitempty"`
	After string `yaml:"after,omitempty" json:"after,omitempty"`
}

// Task is one entry of the wheel.
type Task struct {
	ID          string    `yaml:"id" json:"id"`
	Title       Title     `yaml:"title" json:"title"`
	Description string    `yaml:"description,omitempty" json:"description,omitempty"`
	Schedule    string    `yaml:"schedule" json:"schedule"` // robfig/cron, 5 fields or a @descriptor, Europe/Oslo
	Years       *Years    `yaml:"years,omitempty" json:"years,omitempty"`
	Deadline    *Deadline `yaml:"deadline,omitempty" json:"deadline,omitempty"`
	Responsible []string  `yaml:"responsible,omitempty" json:"responsible,omitempty"` // roles or unit codes
	Action      Action    `yaml:"action" json:"action"`
}

// Wheel is a municipality's set of tasks, with the e-mail addresses of the
// roles and units that reminders go to.
type Wheel struct {
	Name         Title             `yaml:"name" json:"name"`
	Municipality *Owner            `yaml:"municipality,omitempty" json:"municipality,omitempty"`
	Contacts     map[string]string `yaml:"contacts,omitempty" json:"contacts,omitempty"`
	Tasks        []Task            `yaml:"tasks" json:"tasks"`
}

// Owner names the municipality whose wheel it is, so that its calendar's
// entries never collide with another municipality's in a subscriber's
// calendar: its organisation number (9 digits, spaces allowed) or its
// internet domain (fjordvik.kommune.no). Either is enough; the domain wins.
type Owner struct {
	OrgNumber string `yaml:"org_number,omitempty" json:"org_number,omitempty"`
	Domain    string `yaml:"domain,omitempty" json:"domain,omitempty"`
}

// Identity returns the text that makes the wheel's calendar UIDs the
// municipality's own: the domain in lower case, else the organisation
// number's digits, else "".
func (w *Wheel) Identity() string {
	if w.Municipality == nil {
		return ""
	}
	if d := strings.ToLower(strings.TrimSpace(w.Municipality.Domain)); d != "" {
		return d
	}
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, w.Municipality.OrgNumber)
}

// Task returns the task with the id, or nil.
func (w *Wheel) Task(id string) *Task {
	for i := range w.Tasks {
		if w.Tasks[i].ID == id {
			return &w.Tasks[i]
		}
	}
	return nil
}

// Extend returns w with the tasks of more added, a task of more replacing
// the one of w with the same id, and more's contacts added.
func (w *Wheel) Extend(more *Wheel) *Wheel {
	out := &Wheel{Name: w.Name, Municipality: w.Municipality, Contacts: map[string]string{}}
	if more.Name.NB != "" || more.Name.NN != "" {
		out.Name = more.Name
	}
	if more.Municipality != nil {
		out.Municipality = more.Municipality
	}
	for k, v := range w.Contacts {
		out.Contacts[k] = v
	}
	for k, v := range more.Contacts {
		out.Contacts[k] = v
	}
	for _, t := range w.Tasks {
		if r := more.Task(t.ID); r != nil {
			t = *r
		}
		out.Tasks = append(out.Tasks, t)
	}
	for _, t := range more.Tasks {
		if w.Task(t.ID) == nil {
			out.Tasks = append(out.Tasks, t)
		}
	}
	return out
}

var (
	osloOnce sync.Once
	oslo     *time.Location
)

// Oslo returns the Europe/Oslo location, in which every schedule runs.
func Oslo() *time.Location {
	osloOnce.Do(func() {
		l, err := time.LoadLocation("Europe/Oslo")
		if err != nil {
			panic(fmt.Sprintf("wheel: Europe/Oslo unknown despite time/tzdata: %v", err))
		}
		oslo = l
	})
	return oslo
}
