package wheel_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

func defaultWheel(t *testing.T) *wheel.Wheel {
	t.Helper()
	w, err := wheel.Parse("arshjul.yaml", templates.Arshjul)
	if err != nil {
		t.Fatal(err)
	}
	if err := wheel.Check(w.Validate(2026)); err != nil {
		t.Fatal(err)
	}
	return w
}

// line renders an occurrence compactly for comparison.
func line(o wheel.Occurrence) string {
	s := o.Task.ID + " " + o.At.Format("2006-01-02 15:04 -0700")
	if o.Due != nil {
		s += " frist " + o.Due.Date.Format(time.DateOnly)
		if o.Due.Moved() {
			s += " fra " + o.Due.MovedFrom.Format(time.DateOnly) + " (" + o.Due.Reason + ")"
		}
	}
	return s
}

func TestWheel_Year_default(t *testing.T) {
	w := defaultWheel(t)
	want := map[int][]string{
		2026: {
			"arsrapport-innspill 2026-01-02 08:00 +0100 frist 2026-01-26 fra 2026-01-25 (søndag)",
			"oppdragsbrev 2026-01-04 08:00 +0100 frist 2026-02-02 fra 2026-01-31 (lørdag)",
			"virksomhetsplaner 2026-01-15 08:00 +0100 frist 2026-03-02 fra 2026-02-28 (lørdag)",
			"regnskap 2026-02-01 08:00 +0100 frist 2026-02-16 fra 2026-02-15 (søndag)",
			"arsrapport 2026-03-01 08:00 +0100 frist 2026-03-31",
			"tertial1-innspill 2026-04-30 08:00 +0200 frist 2026-05-18 fra 2026-05-17 (17. mai)",
			"tertial1-rapport 2026-05-20 08:00 +0200 frist 2026-06-15",
			"revidert-budsjett 2026-06-01 08:00 +0200 frist 2026-06-22 fra 2026-06-20 (lørdag)",
			"tertial2-innspill 2026-08-31 08:00 +0200 frist 2026-09-15",
			"budsjettforslag 2026-09-01 08:00 +0200 frist 2026-11-02 fra 2026-10-31 (lørdag)",
			"tertial2-rapport 2026-09-20 08:00 +0200 frist 2026-10-15",
			"budsjettvedtak 2026-12-01 08:00 +0100 frist 2026-12-15",
		},
		2027: {
			"arsrapport-innspill 2027-01-02 08:00 +0100 frist 2027-01-25",
			"oppdragsbrev 2027-01-04 08:00 +0100 frist 2027-02-01 fra 2027-01-31 (søndag)",
			"virksomhetsplaner 2027-01-15 08:00 +0100 frist 2027-03-01 fra 2027-02-28 (søndag)",
			"regnskap 2027-02-01 08:00 +0100 frist 2027-02-15",
			"arsrapport 2027-03-01 08:00 +0100 frist 2027-03-31",
			"tertial1-innspill 2027-04-30 08:00 +0200 frist 2027-05-18 fra 2027-05-17 (17. mai)",
			"tertial1-rapport 2027-05-20 08:00 +0200 frist 2027-06-15",
			"revidert-budsjett 2027-06-01 08:00 +0200 frist 2027-06-21 fra 2027-06-20 (søndag)",
			"tertial2-innspill 2027-08-31 08:00 +0200 frist 2027-09-15",
			"budsjettforslag 2027-09-01 08:00 +0200 frist 2027-11-01 fra 2027-10-31 (søndag)",
			"tertial2-rapport 2027-09-20 08:00 +0200 frist 2027-10-15",
			"budsjettvedtak 2027-12-01 08:00 +0100 frist 2027-12-15",
		},
	}
	for year, lines := range want {
		t.Run(fmt.Sprint(year), func(t *testing.T) {
			var got []string
			for _, o := range w.Year(year) {
				got = append(got, line(o))
				if o.Warning != "" {
					t.Errorf("%s: unexpected warning %q", line(o), o.Warning)
				}
			}
			if g, w := strings.Join(got, "\n"), strings.Join(lines, "\n"); g != w {
				t.Errorf("occurrences %d:\n%s\nwant:\n%s", year, g, w)
			}
		})
	}
}

func TestWheel_Year_fourYearCycle(t *testing.T) {
	w := defaultWheel(t)
	for year, want := range map[int]bool{2024: true, 2025: false, 2026: false, 2027: false, 2028: true, 2032: true} {
		got := false
		for _, o := range w.Year(year) {
			if o.Task.ID == "folkehelseoversikt" || o.Task.ID == "planstrategi" {
				got = true
			}
		}
		if got != want {
			t.Errorf("four-year tasks in %d: %v, want %v", year, got, want)
		}
	}
}

func TestTask_Occurrences_clockChange(t *testing.T) {
	task := &wheel.Task{ID: "natt", Title: wheel.Title{NB: "Natt"}, Schedule: "30 2 * * *", Action: wheel.None}
	for _, tc := range []struct {
		name      string
		day       time.Time
		wantAt    string
		wantClock wheel.Clock
		warn      string
	}{
		{"spring forward", date(2026, 3, 29), "2026-03-29T03:30:00+02:00", wheel.ClockSkipped, "does not exist on 29 March 2026"},
		{"fall back", date(2026, 10, 25), "2026-10-25T02:30:00+02:00", wheel.ClockRepeated, "occurs twice on 25 October 2026"},
		{"ordinary", date(2026, 6, 1), "2026-06-01T02:30:00+02:00", wheel.ClockNormal, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			occ, err := task.Occurrences(tc.day, tc.day.AddDate(0, 0, 1))
			if err != nil {
				t.Fatal(err)
			}
			if len(occ) != 1 {
				t.Fatalf("got %d occurrences on %s, want exactly 1", len(occ), tc.day.Format(time.DateOnly))
			}
			o := occ[0]
			if got := wheel.FormatTime(o.At); got != tc.wantAt || o.Clock != tc.wantClock {
				t.Errorf("At = %s clock %d, want %s clock %d", got, o.Clock, tc.wantAt, tc.wantClock)
			}
			if tc.warn == "" && o.Warning != "" || !strings.Contains(o.Warning, tc.warn) || tc.warn != "" && !strings.Contains(o.Warning, "task natt") {
				t.Errorf("warning %q, want it to contain %q", o.Warning, tc.warn)
			}
		})
	}
}

// TestTask_Occurrences_moreThanDaily: a task every minute made one year
// of the wheel 525,600 occurrences and `wheel ics` take 3.7 GB. A schedule
// that fires more than once a day is refused; a stored wheel that has one
// yields nothing for that task.
func TestTask_Occurrences_moreThanDaily(t *testing.T) {
	for _, sched := range []string{"* * * * *", "0 * * * *", "0,30 8 * * *", "0 8,16 * * 1"} {
		t.Run(sched, func(t *testing.T) {
			task := &wheel.Task{ID: "ofte", Title: wheel.Title{NB: "Ofte"}, Schedule: sched, Action: wheel.None}
			occ, err := task.Occurrences(date(2026, 1, 1), date(2027, 1, 1))
			if err == nil || len(occ) != 0 || !strings.Contains(err.Error(), "at most once a day") {
				t.Errorf("%d occurrences, err %v", len(occ), err)
			}
			w := &wheel.Wheel{Tasks: []wheel.Task{*task}}
			if err := wheel.Check(w.Validate(2026)); err == nil || !strings.Contains(err.Error(), "times a day") {
				t.Errorf("Validate: %v", err)
			}
			if n := len(w.Year(2026)); n != 0 {
				t.Errorf("Year: %d occurrences", n)
			}
		})
	}
}

func TestTask_Occurrences_deadlineAfter(t *testing.T) {
	// 30 April 2026 + 14 days = 14 May, Kristi himmelfartsdag.
	task := &wheel.Task{ID: "x", Title: wheel.Title{NB: "X"}, Schedule: "0 9 30 4 *", Action: wheel.None,
		Deadline: &wheel.Deadline{After: "2w"}}
	occ, err := task.Occurrences(date(2026, 1, 1), date(2027, 1, 1))
	if err != nil || len(occ) != 1 {
		t.Fatalf("got %v, %v", occ, err)
	}
	if got, want := occ[0].Due.String(), "15.05.2026 (flyttet fra 14.05.2026: Kristi himmelfartsdag)"; got != want {
		t.Errorf("Due = %q, want %q", got, want)
	}
}

// TestValidate_MaxPerYear: many daily tasks together are refused too.
func TestValidate_MaxPerYear(t *testing.T) {
	w := &wheel.Wheel{}
	for i := 0; i <= wheel.MaxPerYear/365; i++ {
		w.Tasks = append(w.Tasks, wheel.Task{ID: fmt.Sprintf("dag-%d", i), Title: wheel.Title{NB: "Dag"}, Schedule: "0 8 * * *", Action: wheel.None})
	}
	if err := wheel.Check(w.Validate(2026)); err == nil || !strings.Contains(err.Error(), "occurrences in 2026") {
		t.Errorf("%d daily tasks: %v", len(w.Tasks), err)
	}
	w.Tasks = w.Tasks[:maxDaily()]
	if err := wheel.Check(w.Validate(2026)); err != nil {
		t.Errorf("%d daily tasks: %v", len(w.Tasks), err)
	}
}

// maxDaily is how many daily tasks fit in MaxPerYear in a leap year.
func maxDaily() int { return wheel.MaxPerYear / 366 }
