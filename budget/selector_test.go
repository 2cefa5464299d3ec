package budget_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

func TestSelector_Match(t *testing.T) {
	l := &budget.Line{Ansvar: "3120", Funksjon: "232", Tjeneste: "23200", Art: "010", Konto: "01000", Prosjekt: "P1407",
		Attributes: []budget.Attribute{{Name: "Bydel", Value: "Nordbyen"}}, Part: budget.Investering}
	cases := []struct {
		sel  string
		want bool
	}{
		{"funksjon=232", true},
		{"funksjon=233", false},
		{"funksjon=232;ansvar=31*", true},
		{"funksjon=232;ansvar=32*", false},
		{"funksjon=999|prosjekt=p1407", true}, // letters without regard to case
		{"funksjon=200-299", true},
		{"funksjon=0200-0299", false}, // equal digit counts only
		{"tjeneste=200-299", false},
		{"tjeneste=20000-29999", true},
		{"art=000-099;konto=01*", true},
		{"bydel=nordbyen", true},
		{"BYDEL=Nord*", true},
		{"bydel=*", true},
		{"prosjekt=*;bydel=Sør*", false},
		{"virksomhet=*", false}, // a line without the attribute has ""
		{" funksjon = 232 ; ansvar = 3120 ", true},
		{"funksjon=232;del=investering", true}, // a line of the investeringsdel
		{"funksjon=232;del=drift", false},
		{"", false},
	}
	for _, c := range cases {
		s, err := budget.ParseSelector(c.sel)
		if err != nil {
			t.Errorf("%q: %v", c.sel, err)
			continue
		}
		if got := s.Match(l); got != c.want {
			t.Errorf("%q matches = %v, want %v", c.sel, got, c.want)
		}
	}
}

func TestParseSelector_Errors(t *testing.T) {
	for _, s := range []string{"funksjon", "=232", "funksjon=", "funksjon=2*3", "funksjon=299-200", "funksjon=20-299",
		"funksjon=232;", "funksjon=232||art=010", "funksjon=a=b"} {
		if _, err := budget.ParseSelector(s); budget.ErrorCode(err) != budget.EINVALID {
			t.Errorf("%q: err %v, want EINVALID", s, err)
		}
	}
}

func TestCounted(t *testing.T) {
	cases := []struct {
		ore   int64
		share string
		want  int64
	}{
		{1, "50", 1}, {-1, "50", -1}, {3, "50", 2}, {-3, "50", -2}, {100, "33.33", 33},
		{12345, "100", 12345}, {150, "1", 2}, {-150, "1", -2}, {149, "1", 1}, {1000, "0.5", 5},
	}
	for _, c := range cases {
		if got := budget.Counted(c.ore, decimal.RequireFromString(c.share)); got != c.want {
			t.Errorf("Counted(%d, %s) = %d, want %d", c.ore, c.share, got, c.want)
		}
	}
}

func TestLinks_DoubleCount(t *testing.T) {
	key := budget.Key{Year: 2027, Version: budget.Vedtatt}
	lines := []budget.Line{
		{Row: 5, Ansvar: "3100", Funksjon: "232", Art: "010", Amounts: []budget.Amount{{Key: key, Ore: 1000}}},
		{Row: 6, Ansvar: "3200", Funksjon: "233", Art: "010", Amounts: []budget.Amount{{Key: key, Ore: 999}}},
	}
	mk := func(nr, sel, share string, start int) budget.Measure {
		s, _ := budget.ParseSelector(sel)
		return budget.Measure{Nr: nr, Selector: s, Share: decimal.RequireFromString(share), Start: start}
	}
	ms := []budget.Measure{mk("1", "funksjon=232", "60", 0), mk("2", "ansvar=3*", "50", 0), mk("3", "funksjon=233", "50", 2028)}
	links, over := budget.Links(key, lines, ms)
	if len(over) != 1 || over[0].Line.Row != 5 || strings.Join(over[0].Measures, ",") != "1,2" || over[0].Share.String() != "110" {
		t.Fatalf("overcounts %+v", over)
	}
	if msg := over[0].Error(); !strings.Contains(msg, "row 5") || !strings.Contains(msg, "measures 1, 2") {
		t.Errorf("message: %s", msg)
	}
	tot, err := budget.MeasureTotals(links)
	if err != nil || tot["1"] != 600 || tot["2"] != 500+500 || tot["3"] != 0 { // 999 × 50 % = 499.5 → 500; measure 3 starts in 2028
		t.Errorf("totals %v", tot)
	}
	huge := []budget.Link{{Measure: "1", CountedOre: math.MaxInt64}, {Measure: "1", CountedOre: 1}}
	if _, err := budget.MeasureTotals(huge); budget.ErrorCode(err) != budget.EINVALID {
		t.Errorf("a sum past int64 øre: %v, want EINVALID", err)
	}
}

func TestParseEffect(t *testing.T) {
	for in, want := range map[string]string{"lav": "lav", "Høy": "høy", "hoy": "høy", "-1,5@2030": "-1.5@2030",
		"frafall-vgs=−2@2029": "frafall-vgs=-2@2029", "": ""} {
		e, err := budget.ParseEffect(in)
		if err != nil || e.String() != want {
			t.Errorf("%q: %q %v, want %q", in, e.String(), err, want)
		}
	}
	for _, in := range []string{"stort", "1,5", "1,5@", "x@2030"} {
		if _, err := budget.ParseEffect(in); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

func TestParseResponsible(t *testing.T) {
	us, rep, err := budget.ParseResponsible("nav, bydel-nordbyen*")
	if err != nil || rep != "bydel-nordbyen" || len(us) != 2 {
		t.Errorf("%v %q %v", us, rep, err)
	}
	for _, in := range []string{"", "nav, kultur", "nav*, kultur*", "nav, nav*"} {
		if _, _, err := budget.ParseResponsible(in); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

func TestCompareNr(t *testing.T) {
	nrs := []string{"10", "2", "1.10", "1.2", "A1", "1"}
	ms := make([]budget.Measure, len(nrs))
	for i, n := range nrs {
		ms[i].Nr = n
	}
	budget.SortMeasures(ms)
	var got []string
	for _, m := range ms {
		got = append(got, m.Nr)
	}
	if strings.Join(got, " ") != "1 1.2 1.10 2 10 A1" {
		t.Errorf("order %v", got)
	}
}

func TestRater(t *testing.T) {
	p := func(s string) *budget.Pattern { x, _ := budget.ParsePattern(s); return &x }
	rs := []budget.Rating{
		{Funksjon: "201", Grade: budget.Positiv, Reason: "a"},
		{Funksjon: "201", Ansvar: p("2040"), Grade: budget.Noytral, Reason: "b"},
		{Funksjon: "201", Art: p("010-099"), Grade: budget.Blandet, Reason: "c"},
	}
	rt := budget.NewRater(rs)
	for _, c := range []struct {
		l    budget.Line
		want budget.Grade
	}{
		{budget.Line{Funksjon: "201", Ansvar: "2040", Art: "010"}, budget.Noytral},
		{budget.Line{Funksjon: "201", Ansvar: "5100", Art: "010"}, budget.Blandet},
		{budget.Line{Funksjon: "201", Ansvar: "5100", Art: "700"}, budget.Positiv},
		{budget.Line{Funksjon: "202", Ansvar: "2040", Art: "010"}, budget.Unrated},
	} {
		got := budget.Unrated
		if r := rt.Rate(&c.l); r != nil {
			got = r.Grade
		}
		if got != c.want {
			t.Errorf("%+v rated %s, want %s", c.l, got, c.want)
		}
	}
}

// TestRatingTally totals lines per funksjon and rating and per grade: the
// most specific rating wins, unrated money is never nøytral, the groups
// come in funksjon order with the ratings in the order given and unrated
// last, and every total is the sum of its lines to the øre.
func TestRatingTally(t *testing.T) {
	ans, err := budget.ParsePattern("5100")
	if err != nil {
		t.Fatal(err)
	}
	rs := []budget.Rating{
		{Funksjon: "201", Grade: budget.Noytral},
		{Funksjon: "201", Ansvar: &ans, Grade: budget.Blandet},
	}
	tally := budget.NewRatingTally(rs)
	lines := []struct {
		l        budget.Line
		net, exp int64
	}{
		{budget.Line{Funksjon: "202", Ansvar: "2040", Art: "010"}, 700, 700},
		{budget.Line{Funksjon: "201", Ansvar: "5100", Art: "010"}, 1001, 1001},
		{budget.Line{Funksjon: "201", Ansvar: "2040", Art: "010"}, 250, 250},
		{budget.Line{Funksjon: "201", Ansvar: "5100", Art: "700"}, -300, 0},
		{budget.Line{Funksjon: "201", Ansvar: "2040", Art: "010"}, 49, 49},
	}
	for i := range lines {
		tally.Add(&lines[i].l, lines[i].net, lines[i].exp)
	}
	var got []string
	var net int64
	for _, g := range tally.Groups() {
		grade := budget.Unrated
		if g.Rating != nil {
			grade = g.Rating.Grade
		}
		got = append(got, fmt.Sprintf("%s %s %d %d %d", g.Funksjon, grade, g.Lines, g.Net, g.Expenses))
		net += g.Net
	}
	want := []string{"201 nøytral 2 299 299", "201 blandet 2 701 1001", "202 " + string(budget.Unrated) + " 1 700 700"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("groups %q, want %q", got, want)
	}
	grades := map[budget.Grade]int64{}
	var gnet int64
	for _, g := range tally.Grades() {
		grades[g.Grade] = g.Net
		gnet += g.Net
	}
	if len(tally.Grades()) != len(budget.Grades)+1 || grades[budget.Noytral] != 299 || grades[budget.Blandet] != 701 || grades[budget.Unrated] != 700 || grades[budget.Positiv] != 0 {
		t.Errorf("grades %v", tally.Grades())
	}
	if net != 1700 || gnet != net {
		t.Errorf("the groups sum to %d and the grades to %d, the lines to 1700", net, gnet)
	}
}
