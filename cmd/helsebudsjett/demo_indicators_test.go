package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
)

func TestDemoIndicators(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out bytes.Buffer
	if err := demoIndicators(ctx, db, t.TempDir(), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, id := range []string{"barn-lavinntekt", "lavinntekt", "trangboddhet", "frafall-vgs", "grunnskolepoeng", "sysselsetting",
		"unge-uforetrygdede", "sosialhjelp", "levealder-utdanning", "barnehage-minoritetsspraklige", "trivsel-skole", "rekreasjonsareal"} {
		vs, err := db.IndicatorValues(ctx, id, time.Time{})
		if err != nil || len(vs) == 0 {
			t.Errorf("%s: %d values, %v", id, len(vs), err)
		}
	}
	if !strings.Contains(out.String(), "sysselsetting.xlsx") {
		t.Errorf("output does not name the xlsx:\n%s", out.String())
	}
}
