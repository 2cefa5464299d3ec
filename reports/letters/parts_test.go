package letters_test

import (
	"context"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/letters"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

// TestSource_Letter_parts: a measure with money in both parts of the
// budget gets a row per part, and the total is still the measure's whole.
func TestSource_Letter_parts(t *testing.T) {
	f := newFixture(t, 3, 4, nil)
	cat, err := indicators.LoadCatalogue(templates.Indicators)
	if err != nil {
		t.Fatal(err)
	}
	w, err := wheel.Parse("arshjul.yaml", templates.Arshjul)
	if err != nil {
		t.Fatal(err)
	}
	financing := func(ctx context.Context, keys []budget.Key) ([]letters.Funded, error) {
		ore, inv := make([]int64, len(keys)), make([]int64, len(keys))
		ore[0], inv[0] = 500_000_00, 200_000_50
		return []letters.Funded{
			{Unit: "u002", Nr: "2.1", Ore: ore, Investering: inv},
			{Unit: "u002", Nr: "2.2", Ore: []int64{inv[0], 0}[:len(keys)], Investering: []int64{inv[0], 0}[:len(keys)]},
		}, nil
	}
	s, err := letters.Load(context.Background(), f.db, cat, w, 2027, financing)
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.Letter("u002", letters.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range l.Budget.Rows {
		names = append(names, r.Nr+" "+r.Name)
	}
	rows := l.Budget.Rows
	if len(rows) != 3 || rows[0].Ore[0] != 299_999_50 || rows[1].Ore[0] != 200_000_50 || rows[2].Ore[0] != 200_000_50 {
		t.Fatalf("rows %q %+v; want 2.1 drift, 2.1 investering, 2.2 investering", names, rows)
	}
	for i, want := range []string{"(drift)", "(investering)", "(investering)"} {
		if !strings.HasSuffix(rows[i].Name, want) {
			t.Errorf("row %d is %q, want it to end %q", i, rows[i].Name, want)
		}
	}
	if l.Budget.Total[0] != 700_000_50 {
		t.Errorf("total %d, want the measures' whole 700 000,50 kr", l.Budget.Total[0])
	}
}
