package indicatorimport_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
)

// state is everything an import could change, to show a rejected one
// changed nothing.
func state(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	ctx := context.Background()
	vs, err := db.Vintages(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, v := range vs {
		b.WriteString(v.Indicator + " " + v.SHA256 + "\n")
		vals, err := db.IndicatorValues(ctx, v.Indicator, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(strings.Join(show(vals), "\n"))
	}
	return b.String()
}

func TestRun_BadInput(t *testing.T) {
	good := "Geografi;År;Andel\nSentrum;2024;10,5\nNordbyen;2024;21,0\n"
	for _, c := range []struct {
		name, indicator, data string
		want                  []string // in the error or the row errors
		rowError              bool     // rejected with row errors, not refused whole
	}{
		{"unknown indicator", "barnefattigdom", good, []string{"unknown indicator", "barnefattigdom", "indicators list"}, false},
		{"unknown indicator close to a known one", "barn-lavinntek", good, []string{"unknown indicator", "did you mean barn-lavinntekt"}, false},
		{"period not understood", "barn-lavinntekt", "Geografi;År;Andel\nSentrum;i fjor;10,5\n", []string{"row 2", "column B", "i fjor", "not understood"}, true},
		{"value out of range", "barn-lavinntekt", "Geografi;År;Andel\nSentrum;2024;104,5\n", []string{"row 2", "column C", "104,5", "above 100 %"}, true},
		{"negative value", "barn-lavinntekt", "Geografi;År;Andel\nSentrum;2024;-1\n", []string{"row 2", "negative"}, true},
		{"geography not found", "barn-lavinntekt", "Geografi;År;Andel\nNordbyn;2024;10,5\n", []string{"row 2", "column A", "Nordbyn", "not found", "closest", "Nordbyen"}, true},
		{"two indicators without a mapping", "", "Indikator;Geografi;År;Andel\nBarn i lavinntekt;Sentrum;2024;10,5\nTrangboddhet;Sentrum;2024;20,1\n",
			[]string{"mixes 2 indicators", "Barn i lavinntekt", "Trangboddhet", "--where", "mapping"}, false},
		{"no indicator given", "", good, []string{"--indicator"}, false},
		{"not a number", "barn-lavinntekt", "Geografi;År;Andel\nSentrum;2024;ti\n", []string{"row 2", "column C", `"ti"`, "not a number"}, true},
		{"same value twice", "barn-lavinntekt", "Geografi;År;Andel\nSentrum;2024;10\nSentrum;2024;11\n", []string{"row 3", "second value", "cell C2 and cell C3"}, true},
		{"two columns of one period", "barn-lavinntekt", "Geografi;2024;Andel 2024\nSentrum;10;11\n", []string{"row 2", "second value", "cell B2 and cell C2"}, true},
		{"empty geography in a csv row", "barn-lavinntekt", "Geografi;År;Andel\nSentrum;2023;10\n;2024;11\n", []string{"row 3", "column A", "geography cell is empty"}, true},
		{"empty group in a csv row", "barn-lavinntekt", "Geografi;År;Kjønn;Andel\nSentrum;2024;Gutter;10\nSentrum;2024;;11\n", []string{"row 3", "column C", "Kjønn cell is empty"}, true},
		{"no header", "barn-lavinntekt", "a;b\n1;2\n", []string{"no header", `row 1: A="a" B="b"`, `row 2: A="1" B="2"`, "geo_name:", "period:", "value:", "--mapping"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := openDB(t)
			importAreas(t, db, "../../templates/sample/omrader.csv")
			// Something stored before, which must stay as it was.
			seed := filepath.Join(t.TempDir(), "seed.csv")
			if err := os.WriteFile(seed, []byte(good), 0o644); err != nil {
				t.Fatal(err)
			}
			run(t, db, seed, options(t, "trangboddhet"))
			before := state(t, db)

			path := filepath.Join(t.TempDir(), "bad.csv")
			if err := os.WriteFile(path, []byte(c.data), 0o644); err != nil {
				t.Fatal(err)
			}
			rep, err := indicatorimport.Run(context.Background(), db, path, options(t, c.indicator))
			var msg string
			switch {
			case c.rowError:
				if err != nil || rep.Status != indicatorimport.Rejected {
					t.Fatalf("got %+v, %v; want rejected with row errors", rep, err)
				}
				for _, e := range rep.Result.Errors {
					msg += "bad.csv: row " + strconv.Itoa(e.Row) + ", column " + e.Column + " (" + e.Field + ") \"" + e.Value + "\": " + e.Message + "\n"
				}
			default:
				if err == nil {
					t.Fatalf("got %+v, want an error", rep)
				}
				if budget.ErrorCode(err) != budget.EINVALID {
					t.Errorf("error code %s, want invalid", budget.ErrorCode(err))
				}
				msg = err.Error()
			}
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message does not say %q:\n%s", w, msg)
				}
			}
			if after := state(t, db); after != before {
				t.Errorf("the workspace changed:\n%s\n---\n%s", before, after)
			}
		})
	}
}
