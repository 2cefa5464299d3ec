// Package ics writes the yearly wheel as an iCalendar file (RFC 5545) that
// Outlook, Google Calendar and Apple Calendar import or subscribe to.
//
// The writing itself is github.com/arran4/golang-ical's: CRLF line endings
// (asked for explicitly, its default on Unix is LF), lines folded at 75
// octets without splitting a UTF-8 character, TEXT values escaped. This
// package decides the content: a VTIMEZONE for Europe/Oslo so local times
// stay local through clock changes, a VEVENT at each occurrence's time, and
// for a task with a deadline an all-day VEVENT on the working-day deadline
// (Outlook and Google Calendar do not show subscribed VTODOs) and a VTODO
// from the occurrence's day, due that day (DTSTART and DUE both dates, as
// RFC 5545 3.8.2.3 requires the same value type).
//
// UIDs are derived from the municipality (Options.Identity), the task id
// and the occurrence's time, so a regenerated calendar updates a
// subscriber's entries instead of adding new ones, and two municipalities'
// calendars never share one. DTSTAMP and LAST-MODIFIED are when the task
// was last changed (Options.Revisions), never the time of writing, and
// SEQUENCE counts its changes, so a changed occurrence replaces the old
// one in a subscriber's calendar and an unchanged file stays byte-identical.
package ics

import (
	"fmt"
	"io"
	"strings"
	"time"

	ical "github.com/arran4/golang-ical"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

// TZID is the time zone every local time in the calendar is in.
const TZID = "Europe/Oslo"

// Options shape the calendar.
type Options struct {
	Lang string // "nb" (default) or "nn"
	Name string // the calendar's name; the wheel's name when empty
	// Stamp is the DTSTAMP and LAST-MODIFIED of the components of a task
	// without a revision: the time the wheel was stored (not the time of
	// writing), so the file stays byte-identical between requests and HTTP
	// caches and calendar clients see no change when there is none. Zero
	// means 2000-01-01T00:00:00Z.
	Stamp time.Time
	// Identity names the municipality in every UID (see
	// wheel.Occurrence.UIDFor): its domain or organisation number
	// (wheel.Wheel.Identity), or another code that is its own.
	Identity string
	// Revisions are, per task id, its SEQUENCE and the time it was last
	// changed (DTSTAMP and LAST-MODIFIED); a task without one has sequence
	// 0 and Stamp.
	Revisions map[string]Revision
}

// Revision is how often a task was changed and when it last was.
type Revision struct {
	Sequence int
	Modified time.Time
}

// Write writes the occurrences as one VCALENDAR to w.
func Write(w io.Writer, name wheel.Title, occ []wheel.Occurrence, opt Options) error {
	if opt.Stamp.IsZero() {
		opt.Stamp = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	cal := ical.NewCalendarFor("helsebudsjett")
	cal.SetProductId("-//helsebudsjett//arshjul//NO")
	cal.SetMethod(ical.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	calName := opt.Name
	if calName == "" {
		calName = name.In(opt.Lang)
	}
	cal.SetName(calName)
	cal.SetXWRTimezone(TZID)
	cal.SetRefreshInterval("PT12H")
	cal.SetXPublishedTTL("PT12H")
	addOslo(cal)
	for _, o := range occ {
		addEvent(cal, o, opt)
		if o.Due != nil {
			addDeadline(cal, o, opt)
		}
	}
	return cal.SerializeTo(w, ical.WithNewLineWindows)
}

// addOslo adds the VTIMEZONE of Europe/Oslo: CET, with CEST from the last
// Sunday of March at 02:00 to the last Sunday of October at 03:00, the EU
// rule in force since 1996.
func addOslo(cal *ical.Calendar) {
	tz := cal.AddTimezone(TZID)
	std := tz.AddStandard()
	std.AddProperty(ical.ComponentPropertyDtStart, "19701025T030000")
	std.AddProperty(ical.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
	std.AddProperty(ical.ComponentProperty(ical.PropertyTzoffsetfrom), "+0200")
	std.AddProperty(ical.ComponentProperty(ical.PropertyTzoffsetto), "+0100")
	std.AddProperty(ical.ComponentProperty(ical.PropertyTzname), "CET")
	day := &ical.Daylight{}
	day.AddProperty(ical.ComponentPropertyDtStart, "19700329T020000")
	day.AddProperty(ical.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
	day.AddProperty(ical.ComponentProperty(ical.PropertyTzoffsetfrom), "+0100")
	day.AddProperty(ical.ComponentProperty(ical.PropertyTzoffsetto), "+0200")
	day.AddProperty(ical.ComponentProperty(ical.PropertyTzname), "CEST")
	tz.Components = append(tz.Components, day)
}

// local writes t as a local time in Oslo, for a property with TZID.
func local(t time.Time) string { return t.In(wheel.Oslo()).Format("20060102T150405") }

// revision returns the SEQUENCE and stamp of o's components.
func revision(o wheel.Occurrence, opt Options) (int, time.Time) {
	if r, ok := opt.Revisions[o.Task.ID]; ok && !r.Modified.IsZero() {
		return r.Sequence, r.Modified
	}
	return 0, opt.Stamp
}

// stamp sets the UID's revision: DTSTAMP, LAST-MODIFIED and SEQUENCE.
func stamp(c *ical.ComponentBase, o wheel.Occurrence, opt Options) {
	seq, at := revision(o, opt)
	c.SetDtStampTime(at)
	c.SetModifiedAt(at)
	c.SetSequence(seq)
}

func addEvent(cal *ical.Calendar, o wheel.Occurrence, opt Options) {
	ev := cal.AddEvent(o.UIDFor(opt.Identity))
	stamp(&ev.ComponentBase, o, opt)
	ev.SetProperty(ical.ComponentPropertyDtStart, local(o.At), ical.WithTZID(TZID))
	ev.SetProperty(ical.ComponentPropertyDtEnd, local(o.At.Add(time.Hour)), ical.WithTZID(TZID))
	ev.SetSummary(o.Task.Title.In(opt.Lang))
	ev.SetDescription(description(o, opt.Lang))
	ev.AddProperty(ical.ComponentPropertyCategories, "Årshjul")
	ev.SetProperty(ical.ComponentProperty(ical.PropertyTransp), "TRANSPARENT")
}

// date writes a day as an iCalendar DATE value.
func date(t time.Time) string { return t.Format("20060102") }

// addDeadline adds the deadline twice: as an all-day VEVENT, which every
// calendar shows, and as a VTODO from the occurrence's day, due on the
// deadline. Both DTSTART and DUE of the VTODO are dates (RFC 5545 3.8.2.3:
// the same value type), DUE not before DTSTART.
func addDeadline(cal *ical.Calendar, o wheel.Occurrence, opt Options) {
	uid := o.UIDFor(opt.Identity)
	due := o.Due.Date
	summary := fristWord(opt.Lang) + ": " + o.Task.Title.In(opt.Lang)

	ev := cal.AddEvent("fristdag-" + uid)
	stamp(&ev.ComponentBase, o, opt)
	ev.SetProperty(ical.ComponentPropertyDtStart, date(due), ical.WithValue(string(ical.ValueDataTypeDate)))
	ev.SetProperty(ical.ComponentPropertyDtEnd, date(due.AddDate(0, 0, 1)), ical.WithValue(string(ical.ValueDataTypeDate)))
	ev.SetSummary(summary)
	ev.SetDescription(description(o, opt.Lang))
	ev.AddProperty(ical.ComponentPropertyCategories, "Årshjul")
	ev.SetProperty(ical.ComponentProperty(ical.PropertyTransp), "TRANSPARENT")

	td := cal.AddTodo("frist-" + uid)
	stamp(&td.ComponentBase, o, opt)
	start := o.At.In(wheel.Oslo())
	startDay := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
	dueDay := time.Date(due.Year(), due.Month(), due.Day(), 0, 0, 0, 0, time.UTC)
	if dueDay.Before(startDay) {
		startDay = dueDay
	}
	td.SetProperty(ical.ComponentPropertyDtStart, date(startDay), ical.WithValue(string(ical.ValueDataTypeDate)))
	td.SetProperty(ical.ComponentPropertyDue, date(dueDay), ical.WithValue(string(ical.ValueDataTypeDate)))
	td.SetSummary(summary)
	td.SetDescription(description(o, opt.Lang))
	td.AddProperty(ical.ComponentPropertyCategories, "Årshjul")
}

func fristWord(string) string { return "Frist" } // the same word in bokmål and nynorsk

// description tells what the task is, who is responsible, and the
// deadline with the date it was moved from.
func description(o wheel.Occurrence, lang string) string {
	var parts []string
	if o.Task.Description != "" {
		parts = append(parts, o.Task.Description)
	}
	if o.Due != nil {
		s := "Frist: " + wheel.FormatDate(o.Due.Date)
		if o.Due.Moved() {
			moved := "flyttet fra"
			if lang == "nn" {
				moved = "flytta frå"
			}
			s += fmt.Sprintf(" (%s %s: %s)", moved, wheel.FormatDate(o.Due.MovedFrom), o.Due.Reason)
		}
		parts = append(parts, s)
	}
	if len(o.Task.Responsible) > 0 {
		parts = append(parts, "Ansvarleg: "+strings.Join(o.Task.Responsible, ", "))
		if lang != "nn" {
			parts[len(parts)-1] = "Ansvarlig: " + strings.Join(o.Task.Responsible, ", ")
		}
	}
	return strings.Join(parts, "\n")
}
