package budget_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

func TestParsePeriod(t *testing.T) {
	for in, want := range map[string]string{
		"2026-T1": "2026-T1", "2026-t2": "2026-T2", " 2026-T2 ": "2026-T2", "2026-year": "2026-year",
		"2026-Å": "2026-year", "2026-AR": "2026-year", "2026-år": "2026-year", "2026-ÅR": "2026-year",
		"2027-1. tertial": "2027-T1", "2027-tertial2": "2027-T2", "2026-årsrapport": "2026-year",
	} {
		t.Run(in, func(t *testing.T) {
			p, err := budget.ParsePeriod(in)
			if err != nil || p.String() != want {
				t.Errorf("ParsePeriod(%q) = %v, %v; want %s", in, p, err, want)
			}
		})
	}
	for _, in := range []string{"", "2026", "2026-T3", "T1-2026", "26-T1", "2026-Q1"} {
		t.Run("bad "+in, func(t *testing.T) {
			if _, err := budget.ParsePeriod(in); budget.ErrorCode(err) != budget.EINVALID {
				t.Errorf("ParsePeriod(%q): err = %v, want EINVALID", in, err)
			}
		})
	}
}

func TestPeriod_OrderDatesJSON(t *testing.T) {
	t1 := budget.Period{Year: 2026, Term: budget.T1}
	t2 := budget.Period{Year: 2026, Term: budget.T2}
	y := budget.Period{Year: 2026, Term: budget.TermYear}
	next := budget.Period{Year: 2027, Term: budget.T1}
	if !t1.Less(t2) || !t2.Less(y) || !y.Less(next) || y.Less(t1) {
		t.Error("periods out of order")
	}
	for p, want := range map[budget.Period]time.Time{
		t1: time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC), t2: time.Date(2026, 8, 31, 0, 0, 0, 0, time.UTC),
		y: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC),
	} {
		if got := p.AsOf(); !got.Equal(want) {
			t.Errorf("%s as of %s, want %s", p, got, want)
		}
	}
	b, err := json.Marshal(struct{ P budget.Period }{t2})
	if err != nil || string(b) != `{"P":"2026-T2"}` {
		t.Errorf("json %s %v", b, err)
	}
	var back struct{ P budget.Period }
	if err := json.Unmarshal(b, &back); err != nil || back.P != t2 {
		t.Errorf("back %v %v", back.P, err)
	}
}

func TestParseProgress(t *testing.T) {
	for in, want := range map[string]budget.Progress{
		"i rute": budget.IRute, "I RUTE": budget.IRute, "ikke startet": budget.IkkeStartet, "ikkje starta": budget.IkkeStartet,
		"forsinket": budget.Forsinket, "forseinka": budget.Forsinket, "fullført": budget.Fullfort, "fullfort": budget.Fullfort,
		"avbrutt": budget.Avbrutt, " Avbrutt ": budget.Avbrutt,
	} {
		if got, err := budget.ParseProgress(in); err != nil || got != want {
			t.Errorf("ParseProgress(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := budget.ParseProgress("bra"); err == nil || !strings.Contains(err.Error(), "i rute") {
		t.Errorf("err = %v, want one listing the values", err)
	}
}

func TestMeasureReport_Check(t *testing.T) {
	for _, c := range []struct {
		name  string
		r     budget.MeasureReport
		field string
	}{
		{"ok", budget.MeasureReport{Measure: "1", Status: budget.IRute}, ""},
		{"forsinket with note", budget.MeasureReport{Measure: "1", Status: budget.Forsinket, Deviation: "x"}, ""},
		{"forsinket without note", budget.MeasureReport{Measure: "1", Status: budget.Forsinket, Deviation: "  "}, "deviation"},
		{"avbrutt without note", budget.MeasureReport{Measure: "1", Status: budget.Avbrutt}, "deviation"},
		{"no status", budget.MeasureReport{Measure: "1"}, "status"},
		{"unknown status", budget.MeasureReport{Measure: "1", Status: "ok"}, "status"},
		{"negative spending", budget.MeasureReport{Measure: "1", Status: budget.IRute, SpentOre: -1, SpentGiven: true}, "spent"},
		{"no measure", budget.MeasureReport{Status: budget.IRute}, "measure"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err, field := c.r.Check()
			if field != c.field || (err == nil) != (c.field == "") {
				t.Errorf("Check() = %v, %q; want field %q", err, field, c.field)
			}
		})
	}
}

func TestCheckReports(t *testing.T) {
	ms := []budget.Measure{
		{Nr: "1", Name: "A", Reporting: "u1"},
		{Nr: "2", Name: "B", Reporting: "u2"},
		{Nr: "3", Name: "C", Reporting: "u1", Start: 2027},
	}
	p := budget.Period{Year: 2026, Term: budget.T1}
	rs := []budget.MeasureReport{
		{Row: 7, Measure: "1", Status: budget.IRute},
		{Row: 8, Measure: "2", Status: budget.IRute},
		{Row: 9, Measure: "3", Status: budget.IRute},
		{Row: 10, Measure: "9", Status: budget.IRute},
		{Row: 11, Measure: "1", Status: budget.IRute},
	}
	probs := budget.CheckReports("u1", p, rs, ms)
	want := []string{"reported by unit u2", "does not run in 2026", "unknown measure 9", "reported twice (also row 7)"}
	if len(probs) != len(want) {
		t.Fatalf("%d problems, want %d: %v", len(probs), len(want), probs)
	}
	for i, w := range want {
		if !strings.Contains(probs[i].Err.Message, w) || probs[i].Index != i+1 {
			t.Errorf("problem %d = %d %q, want %q", i, probs[i].Index, probs[i].Err.Message, w)
		}
	}
}

func TestStatusChanges(t *testing.T) {
	p := func(term budget.Term) budget.Period { return budget.Period{Year: 2026, Term: term} }
	rs := []budget.MeasureReport{
		{Measure: "1", Period: p(budget.TermYear), Status: budget.Fullfort},
		{Measure: "2", Period: p(budget.T2), Status: budget.Avbrutt},
		{Measure: "1", Period: p(budget.T1), Status: budget.IRute},
		{Measure: "1", Period: p(budget.T2), Status: budget.IRute},
	}
	cs := budget.StatusChanges("1", rs)
	if len(cs) != 2 || cs[0].Changed() || !cs[1].Changed() || cs[1].Was != budget.IRute || cs[1].Now != budget.Fullfort || cs[1].To != p(budget.TermYear) {
		t.Errorf("changes %+v", cs)
	}
}
