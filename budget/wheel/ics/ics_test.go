package ics_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ical "github.com/arran4/golang-ical"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/ics"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

func calendar(t *testing.T, lang string) ([]byte, []wheel.Occurrence) {
	t.Helper()
	w, err := wheel.Parse("arshjul.yaml", templates.Arshjul)
	if err != nil {
		t.Fatal(err)
	}
	w.Tasks = append(w.Tasks, wheel.Task{ID: "natt", Title: wheel.Title{NB: "Nattjobb"}, Schedule: "30 2 29 3 *", Action: wheel.None,
		Description: strings.Repeat("Ein lang tekst med æøå, semikolon; og komma, ", 5)})
	occ := w.Year(2026)
	var b bytes.Buffer
	stamp := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := ics.Write(&b, w.Name, occ, ics.Options{Lang: lang, Stamp: stamp, Identity: "kommune-4699"}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), occ
}

func TestWrite_format(t *testing.T) {
	data, occ := calendar(t, "nb")
	s := string(data)
	if strings.Count(s, "\n") != strings.Count(s, "\r\n") {
		t.Error("a line ends in LF without CR")
	}
	folded := 0
	for _, line := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
		if strings.HasPrefix(line, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Error("no folded lines, though the long description needs them")
	}
	for _, want := range []string{
		"BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo\r\n", "BEGIN:STANDARD", "TZOFFSETTO:+0100", "BEGIN:DAYLIGHT", "TZOFFSETTO:+0200",
		"DTSTART;TZID=Europe/Oslo:20260430T080000", "DUE;VALUE=DATE:20260518", "UID:tertial1-innspill-20260430T0800@kommune-4699.arshjul.helsebudsjett",
		"DTSTART;TZID=Europe/Oslo:20260329T033000", // 02:30 does not exist that day
	} {
		if !strings.Contains(s, want) {
			t.Errorf("calendar lacks %q", want)
		}
	}
	again, _ := calendar(t, "nb")
	if !bytes.Equal(data, again) {
		t.Error("two writes of the same wheel differ: UIDs or stamps are not stable")
	}

	cal, err := ical.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("parse back: %v", err)
	}
	todos := 0
	for _, o := range occ {
		if o.Due != nil {
			todos++
		}
	}
	// One VEVENT per occurrence and one all-day VEVENT per deadline.
	if got := len(cal.Events()); got != len(occ)+todos {
		t.Errorf("%d VEVENTs, want %d", got, len(occ)+todos)
	}
	if got := len(cal.Todos()); got != todos {
		t.Errorf("%d VTODOs, want %d", got, todos)
	}
	if len(cal.Timezones()) != 1 {
		t.Errorf("%d VTIMEZONEs, want 1", len(cal.Timezones()))
	}
	for _, ev := range cal.Events() {
		if ev.Id() == "natt-20260329T0330@kommune-4699.arshjul.helsebudsjett" {
			desc := ev.GetProperty(ical.ComponentPropertyDescription).Value
			if !strings.Contains(ical.FromText(desc), "semikolon; og komma,") {
				t.Errorf("description did not survive escaping and folding: %q", desc)
			}
		}
		if ev.Id() == "tertial1-innspill-20260430T0800@kommune-4699.arshjul.helsebudsjett" {
			start, err := ev.GetStartAt()
			if err != nil || !start.Equal(time.Date(2026, 4, 30, 6, 0, 0, 0, time.UTC)) {
				t.Errorf("DTSTART parsed back as %v, %v; want 08:00 in Oslo", start, err)
			}
		}
	}
}

func TestWrite_nynorsk(t *testing.T) {
	data, _ := calendar(t, "nn")
	if !strings.Contains(string(data), "SUMMARY:Oppdragsbrev til verksemdene") {
		t.Error("nynorsk title missing")
	}
}

// write renders the sample wheel's 2026 with opt.
func write(t *testing.T, opt ics.Options) (*ical.Calendar, []wheel.Occurrence) {
	t.Helper()
	w, err := wheel.Parse("arshjul.yaml", templates.Arshjul)
	if err != nil {
		t.Fatal(err)
	}
	occ := w.Year(2026)
	var b bytes.Buffer
	if err := ics.Write(&b, w.Name, occ, opt); err != nil {
		t.Fatal(err)
	}
	cal, err := ical.ParseCalendar(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return cal, occ
}

// valueType is a property's VALUE parameter: DATE-TIME when not given.
func valueType(p *ical.IANAProperty) string {
	if v, ok := p.ICalParameters["VALUE"]; ok && len(v) > 0 {
		return v[0]
	}
	return "DATE-TIME"
}

// TestWrite_rules parses the calendar and checks each rule the file must
// keep, for every component.
func TestWrite_rules(t *testing.T) {
	stored := time.Date(2026, 2, 3, 10, 0, 0, 0, time.UTC)
	changed := time.Date(2026, 4, 1, 9, 30, 0, 0, time.UTC)
	opt := ics.Options{Stamp: stored, Identity: "fjordvik.kommune.no",
		Revisions: map[string]ics.Revision{"tertial1-innspill": {Sequence: 2, Modified: changed}}}
	cal, occ := write(t, opt)
	due := map[string]wheel.Occurrence{}
	for _, o := range occ {
		if o.Due != nil {
			due[o.UIDFor(opt.Identity)] = o
		}
	}
	if len(due) == 0 {
		t.Fatal("the sample wheel has no deadlines")
	}

	t.Run("a VTODO's DUE has the value type of its DTSTART and is not before it", func(t *testing.T) {
		for _, td := range cal.Todos() {
			start, end := td.GetProperty(ical.ComponentPropertyDtStart), td.GetProperty(ical.ComponentPropertyDue)
			if start == nil || end == nil {
				t.Fatalf("%s: DTSTART %v DUE %v", td.Id(), start, end)
			}
			if valueType(start) != valueType(end) {
				t.Errorf("%s: DTSTART is %s, DUE is %s", td.Id(), valueType(start), valueType(end))
			}
			if end.Value < start.Value {
				t.Errorf("%s: DUE %s before DTSTART %s", td.Id(), end.Value, start.Value)
			}
		}
	})

	t.Run("every deadline is an all-day VEVENT", func(t *testing.T) {
		allDay := map[string]*ical.VEvent{}
		for _, ev := range cal.Events() {
			if valueType(ev.GetProperty(ical.ComponentPropertyDtStart)) == "DATE" {
				allDay[ev.Id()] = ev
			}
		}
		if len(allDay) != len(due) {
			t.Errorf("%d all-day events, want one per deadline, %d", len(allDay), len(due))
		}
		for uid, o := range due {
			ev := allDay["fristdag-"+uid]
			if ev == nil {
				t.Errorf("no all-day event for the deadline of %s", uid)
				continue
			}
			day := o.Due.Date.Format("20060102")
			next := o.Due.Date.AddDate(0, 0, 1).Format("20060102")
			if s, e := ev.GetProperty(ical.ComponentPropertyDtStart).Value, ev.GetProperty(ical.ComponentPropertyDtEnd); s != day || e == nil || e.Value != next || valueType(e) != "DATE" {
				t.Errorf("%s: %s to %v, want %s to %s", uid, s, e, day, next)
			}
		}
	})

	t.Run("DTSTAMP, LAST-MODIFIED and SEQUENCE come from the wheel's revisions", func(t *testing.T) {
		var comps []*ical.ComponentBase
		for _, ev := range cal.Events() {
			comps = append(comps, &ev.ComponentBase)
		}
		for _, td := range cal.Todos() {
			comps = append(comps, &td.ComponentBase)
		}
		changedUIDs := 0
		for _, c := range comps {
			uid := c.Id()
			wantAt, wantSeq := stored, "0"
			if strings.Contains(uid, "tertial1-innspill-") {
				wantAt, wantSeq = changed, "2"
				changedUIDs++
			}
			at := wantAt.Format("20060102T150405Z")
			for _, p := range []ical.ComponentProperty{ical.ComponentPropertyDtstamp, ical.ComponentPropertyLastModified} {
				if got := c.GetProperty(p); got == nil || got.Value != at {
					t.Errorf("%s: %s %v, want %s", uid, p, got, at)
				}
			}
			if got := c.GetProperty(ical.ComponentPropertySequence); got == nil || got.Value != wantSeq {
				t.Errorf("%s: SEQUENCE %v, want %s", uid, got, wantSeq)
			}
		}
		if changedUIDs == 0 {
			t.Error("no component of the changed task")
		}
	})

	t.Run("UIDs name the municipality; two municipalities never share one", func(t *testing.T) {
		other, _ := write(t, ics.Options{Stamp: stored, Identity: "999888777"})
		uids := func(c *ical.Calendar) map[string]bool {
			m := map[string]bool{}
			for _, ev := range c.Events() {
				m[ev.Id()] = true
			}
			for _, td := range c.Todos() {
				m[td.Id()] = true
			}
			return m
		}
		a, b := uids(cal), uids(other)
		if len(a) != len(cal.Events())+len(cal.Todos()) {
			t.Errorf("%d distinct UIDs for %d components", len(a), len(cal.Events())+len(cal.Todos()))
		}
		for u := range a {
			if b[u] {
				t.Errorf("UID %s in both municipalities' calendars", u)
			}
			if !strings.HasSuffix(u, "@arshjul.fjordvik.kommune.no") {
				t.Errorf("UID %s does not name the municipality's domain", u)
			}
		}
		for u := range b {
			if !strings.HasSuffix(u, "@999888777.arshjul.helsebudsjett") {
				t.Errorf("UID %s does not name the organisation number", u)
			}
		}
	})
}
