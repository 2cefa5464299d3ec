package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

func TestDB_Compare(t *testing.T) {
	ctx := context.Background()
	db := openWS(t, filepath.Join(t.TempDir(), "ws.hbj"))
	f2027 := budget.Key{Year: 2027, Version: budget.Forslag}
	forslag := []budget.Line{
		line(2, "3100", "232", "010", nil, amt(f2027, 1_000_000_00)),
		line(3, "3100", "120", "270", nil, amt(f2027, 50_000_00)),
		line(4, "9000", "800", "800", nil, amt(f2027, -1_050_000_00)),
	}
	vedtatt := []budget.Line{
		line(2, "3100", "232", "010", map[string]string{"Bydel": "Nord"}, amt(v2027, 1_100_000_00)),
		line(3, "3100", "233", "010", nil, amt(v2027, 25_000_50)),
		line(4, "9000", "800", "800", nil, amt(v2027, -1_050_000_00)),
	}
	importPart(t, db, "f", budget.Drift, forslag...)
	importPart(t, db, "v", budget.Drift, vedtatt...)
	importPart(t, db, "vi", budget.Investering, line(2, "3100", "232", "020", nil, amt(v2027, 400_000_00)))
	for _, tc := range []struct {
		by    string
		group string
		row   budget.CompareRow
	}{
		{"funksjon", "232", budget.CompareRow{Group: "232", From: 1_000_000_00, To: 1_500_000_00, Change: 500_000_00, Added: 1, Changed: 1}},
		{"art-group", budget.GroupKjop, budget.CompareRow{Group: budget.GroupKjop, From: 50_000_00, To: 0, Change: -50_000_00, Removed: 1}},
		{"part", "investering", budget.CompareRow{Group: "investering", To: 400_000_00, Change: 400_000_00, Added: 1}},
		{"bydel", "Nord", budget.CompareRow{Group: "Nord", To: 1_100_000_00, Change: 1_100_000_00, Added: 1}}, // moved from "" to Nord
	} {
		t.Run(tc.by, func(t *testing.T) {
			c, err := db.Compare(ctx, f2027, v2027, tc.by)
			if err != nil {
				t.Fatal(err)
			}
			var found bool
			var sum budget.CompareRow
			for _, r := range c.Rows {
				sum.From += r.From
				sum.To += r.To
				if r.Group == tc.group {
					found = true
					if r != tc.row {
						t.Errorf("%s = %+v, want %+v", tc.group, r, tc.row)
					}
				}
			}
			if !found {
				t.Errorf("no group %q in %+v", tc.group, c.Rows)
			}
			if sum.From != c.Total.From || sum.To != c.Total.To || c.Total.From != 0 || c.Total.To != 475_000_50 {
				t.Errorf("total %+v, rows sum to %+v", c.Total, sum)
			}
		})
	}
	if _, err := db.Compare(ctx, f2027, v2027, "kommune"); budget.ErrorCode(err) != budget.EINVALID {
		t.Errorf("an unknown field: %v", err)
	}
	if _, err := db.Compare(ctx, budget.Key{Year: 2027, Version: budget.Revidert}, v2027, "art"); budget.ErrorCode(err) != budget.ENOTFOUND {
		t.Errorf("a missing version: %v", err)
	}
}
