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
	if err := ics.Write(&b, w.Name, occ, ics.Options{Lang: lang, Stamp: stamp}); err != nil {
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
		"DTSTART;TZID=Europe/Oslo:20260430T080000", "DUE;VALUE=DATE:20260518", "UID:tertial1-innspill-20260430T0800@arshjul.helsebudsjett",
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
	if got := len(cal.Events()); got != len(occ) {
		t.Errorf("%d VEVENTs, want %d", got, len(occ))
	}
	todos := 0
	for _, o := range occ {
		if o.Due != nil {
			todos++
		}
	}
	if got := len(cal.Todos()); got != todos {
		t.Errorf("%d VTODOs, want %d", got, todos)
	}
	if len(cal.Timezones()) != 1 {
		t.Errorf("%d VTIMEZONEs, want 1", len(cal.Timezones()))
	}
	for _, ev := range cal.Events() {
		if ev.Id() == "natt-20260329T0330@arshjul.helsebudsjett" {
			desc := ev.GetProperty(ical.ComponentPropertyDescription).Value
			if !strings.Contains(ical.FromText(desc), "semikolon; og komma,") {
				t.Errorf("description did not survive escaping and folding: %q", desc)
			}
		}
		if ev.Id() == "tertial1-innspill-20260430T0800@arshjul.helsebudsjett" {
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
