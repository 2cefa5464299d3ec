package indicatorimport_test

import (
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// The catalogue has indicators in kroner (median income) and counts, and
// their values import as such.
func TestRun_KronerAndCounts(t *testing.T) {
	cat := catalogue(t)
	for id, unit := range map[string]indicators.Unit{"medianinntekt": indicators.Kroner, "helt-ledige": indicators.Count} {
		if ind, ok := cat.Get(id); !ok || ind.Unit != unit {
			t.Errorf("catalogue %s: %+v, want unit %s", id, ind, unit)
		}
	}
	_, vs, err := importCSV(t, "medianinntekt", "Geografi;År;Verdi\nSentrum;2023;412 300\nNordbyen;2023;\"398 950,5\"\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(show(vs), "\n"); got != "469901 2023  = 412300\n469902 2023  = 398950.5" {
		t.Errorf("median income stored\n%s", got)
	}
	rep, _, err := importCSV(t, "helt-ledige", "Geografi;Periode;Antall\nSentrum;januar 2022;12,5\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Result.ErrorCount != 1 || !strings.Contains(rep.Result.Errors[0].Message, "whole number") {
		t.Errorf("a count of 12,5: %+v, want a whole-number error", rep.Result.Errors)
	}
}
