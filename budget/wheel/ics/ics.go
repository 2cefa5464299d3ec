// Package ics writes the yearly wheel as an iCalendar file (RFC 5545) that
// Outlook, Google Calendar and Apple Calendar import or subscribe to.
//
// The writing itself is github.com/arran4/golang-ical's: CRLF line endings
// (asked for explicitly, its default on Unix is LF), lines folded at 75
// octets without splitting a UTF-8 character, TEXT values escaped. This
// package decides the content: a VTIMEZONE for Europe/Oslo so local times
// stay local through clock changes, a VEVENT at each occurrence's time, and
// for a task with a deadline a VTODO whose DUE is the working-day deadline.
// UIDs are derived from the task id and the occurrence's time, so a
// regenerated calendar updates a subscriber's entries instead of adding new
// ones.
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
	// Stamp is the DTSTAMP of every component. Giving the time the wheel
	// was stored (not the time of writing) keeps the file byte-identical
	// between requests, so HTTP caches and calendar clients see no change
	// when there is none. Zero means 2000-01-01T00:00:00Z.
	Stamp time.Time
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
			addTodo(cal, o, opt)
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

func addEvent(cal *ical.Calendar, o wheel.Occurrence, opt Options) {
	ev := cal.AddEvent(o.UID())
	ev.SetDtStampTime(opt.Stamp)
	ev.SetProperty(ical.ComponentPropertyDtStart, local(o.At), ical.WithTZID(TZID))
	ev.SetProperty(ical.ComponentPropertyDtEnd, local(o.At.Add(time.Hour)), ical.WithTZID(TZID))
	ev.SetSummary(o.Task.Title.In(opt.Lang))
	ev.SetDescription(description(o, opt.Lang))
	ev.AddProperty(ical.ComponentPropertyCategories, "Årshjul")
	ev.SetProperty(ical.ComponentProperty(ical.PropertyTransp), "TRANSPARENT")
}

func addTodo(cal *ical.Calendar, o wheel.Occurrence, opt Options) {
	td := cal.AddTodo("frist-" + o.UID())
	td.SetDtStampTime(opt.Stamp)
	td.SetProperty(ical.ComponentPropertyDtStart, local(o.At), ical.WithTZID(TZID))
	td.SetProperty(ical.ComponentPropertyDue, o.Due.Date.Format("20060102"), ical.WithValue(string(ical.ValueDataTypeDate)))
	td.SetSummary(fristWord(opt.Lang) + ": " + o.Task.Title.In(opt.Lang))
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
