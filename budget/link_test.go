package budget_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// linesOf gives ls as a store's Lines would, counting the lines read.
func linesOf(ls []budget.Line, read *int) func(func(*budget.Line) error) error {
	return func(fn func(*budget.Line) error) error {
		for i := range ls {
			*read++
			if err := fn(&ls[i]); err != nil {
				return err
			}
		}
		return nil
	}
}

// TestEachLink checks the matching loop the store's EachLink runs over a
// dataset: links in line order and, within a line, in measure order; a
// line counted over 100 % an ECONFLICT naming the line and the measures;
// measures not running in the year skipped; fn's error and the lines'
// error returned as they are.
func TestEachLink(t *testing.T) {
	key := budget.Key{Year: 2027, Version: budget.Vedtatt}
	sel := func(s string) budget.Selector {
		t.Helper()
		x, err := budget.ParseSelector(s)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	pct := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	line := func(row int, ansvar, fn string, ore int64) budget.Line {
		return budget.Line{Row: row, Ansvar: ansvar, Funksjon: fn, Art: "010", Amounts: []budget.Amount{{Key: key, Ore: ore}}}
	}
	ls := []budget.Line{
		line(2, "3100", "232", 1000_00),
		line(3, "3200", "233", 333),
		line(4, "3100", "233", -50_01),
		line(5, "9000", "120", 7_00),
	}
	type link struct {
		row     int
		measure string
		counted int64
	}
	cases := []struct {
		name      string
		ms        []budget.Measure
		fnErrAt   int // fn fails at this link (1-based); 0 never
		linesErr  error
		want      []link
		wantRead  int
		wantCode  string
		wantInErr []string
	}{
		{
			name: "matching, in line then measure order",
			ms: []budget.Measure{
				{Nr: "B", Selector: sel("ansvar=3100"), Share: pct("40")},
				{Nr: "A", Selector: sel("funksjon=233"), Share: pct("50")},
			},
			want:     []link{{2, "B", 400_00}, {3, "A", 167}, {4, "B", -20_00}, {4, "A", -25_01}},
			wantRead: 4,
		},
		{
			name: "inactive measures skipped",
			ms: []budget.Measure{
				{Nr: "old", Selector: sel("funksjon=232"), Share: budget.FullShare, End: 2026},
				{Nr: "later", Selector: sel("funksjon=232"), Share: budget.FullShare, Start: 2028},
				{Nr: "now", Selector: sel("funksjon=120"), Share: budget.FullShare, Start: 2027, End: 2027},
			},
			want:     []link{{5, "now", 7_00}},
			wantRead: 4,
		},
		{
			name:     "no measure running: no line read",
			ms:       []budget.Measure{{Nr: "old", Selector: sel("funksjon=232"), Share: budget.FullShare, End: 2026}},
			wantRead: 0,
		},
		{
			name: "a line counted over 100 % is ECONFLICT naming line and measures",
			ms: []budget.Measure{
				{Nr: "7", Selector: sel("funksjon=233"), Share: pct("60")},
				{Nr: "8", Selector: sel("ansvar=3100"), Share: pct("50")},
			},
			want:      []link{{2, "8", 500_00}, {3, "7", 200}},
			wantRead:  3,
			wantCode:  budget.ECONFLICT,
			wantInErr: []string{"ansvar 3100, funksjon 233", "row 4", "110 %", "measures 7, 8", "import the measures again"},
		},
		{
			name:     "fn's error is returned and stops the reading",
			ms:       []budget.Measure{{Nr: "all", Selector: sel("art=010"), Share: budget.FullShare}},
			fnErrAt:  2,
			want:     []link{{2, "all", 1000_00}, {3, "all", 333}},
			wantRead: 2,
		},
		{
			name:     "the lines' error is returned",
			ms:       []budget.Measure{{Nr: "all", Selector: sel("art=010"), Share: budget.FullShare}},
			linesErr: budget.Errorf(budget.ENOTFOUND, "no current budget for 2027 vedtatt"),
			wantCode: budget.ENOTFOUND,
		},
	}
	stop := errors.New("stop")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			read := 0
			lines := linesOf(ls, &read)
			if c.linesErr != nil {
				lines = func(func(*budget.Line) error) error { return c.linesErr }
			}
			var got []link
			err := budget.EachLink(key, c.ms, lines, func(l budget.Link) error {
				if l.Key != key || l.LineOre != l.Line.OreFor(key) || l.CountedOre != budget.Counted(l.LineOre, l.Share) {
					t.Errorf("link %+v: key, line amount or counted amount do not follow from its line and share", l)
				}
				got = append(got, link{l.Line.Row, l.Measure, l.CountedOre})
				if len(got) == c.fnErrAt {
					return stop
				}
				return nil
			})
			switch {
			case c.fnErrAt > 0 && err != stop:
				t.Errorf("error %v, want fn's own", err)
			case c.wantCode != "" && budget.ErrorCode(err) != c.wantCode:
				t.Errorf("error %v, want %s", err, c.wantCode)
			case c.fnErrAt == 0 && c.wantCode == "" && err != nil:
				t.Errorf("error %v", err)
			}
			for _, s := range c.wantInErr {
				if err == nil || !strings.Contains(err.Error(), s) {
					t.Errorf("error %v does not say %q", err, s)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("links %v, want %v", got, c.want)
			}
			if read != c.wantRead {
				t.Errorf("%d lines read, want %d", read, c.wantRead)
			}
		})
	}
}

// TestEachLink_sameAsLinks: over lines in memory, EachLink gives the links
// budget.Links computes, one by one.
func TestEachLink_sameAsLinks(t *testing.T) {
	key := budget.Key{Year: 2028, Version: budget.Forslag}
	sel, _ := budget.ParseSelector("funksjon=2*")
	ms := []budget.Measure{{Nr: "1", Selector: sel, Share: decimal.RequireFromString("33.3")}, {Nr: "2", Selector: sel, Share: decimal.RequireFromString("12.5"), Start: 2028}}
	var ls []budget.Line
	for i := 0; i < 50; i++ {
		ls = append(ls, budget.Line{Row: i + 2, Ansvar: fmt.Sprint(1000 + i%7), Funksjon: fmt.Sprint(200 + i*3%150), Art: "010",
			Amounts: []budget.Amount{{Key: key, Ore: int64(i*i*101 - 777)}}})
	}
	want, over := budget.Links(key, ls, ms)
	if len(over) != 0 || len(want) == 0 {
		t.Fatalf("Links gave %d links, %d overcounts: the data set does not test anything", len(want), len(over))
	}
	var got []budget.Link
	read := 0
	if err := budget.EachLink(key, ms, linesOf(ls, &read), func(l budget.Link) error { got = append(got, l); return nil }); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("EachLink gave\n%v\nLinks gives\n%v", got, want)
	}
}
