package documents_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

func TestWriteLetters(t *testing.T) {
	ctx := context.Background()
	db, _ := newWorkspace(t, shapes[0])
	var units []budget.Unit
	var ms []budget.Measure
	for i, ansvar := range []string{"110", "210"} {
		u := budget.Unit{Code: "u" + ansvar, Name: "Enhet " + ansvar, Kind: budget.Virksomhet, Leader: "Kari Nordmann",
			Ansvar: []budget.CodeRange{{From: ansvar, To: ansvar}}}
		sel, err := budget.ParseSelector("ansvar=" + ansvar)
		if err != nil {
			t.Fatal(err)
		}
		units = append(units, u)
		ms = append(ms, budget.Measure{Nr: string(rune('1' + i)), Name: "Tiltak for " + u.Name, Responsible: []string{u.Code},
			Reporting: u.Code, Effort: budget.Malrettet, Selector: sel, Share: budget.FullShare, Status: budget.StatusVedtatt})
	}
	if err := db.ImportUnits(ctx, "enheter.csv", units); err != nil {
		t.Fatal(err)
	}
	if err := db.ReplaceMeasures(ctx, "tiltak.csv", ms); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), documents.LettersDirName(2027))
	o := documents.LettersOptions{Year: 2027, Lang: "nb", Dir: dir, Draft: true}
	res, err := documents.WriteLetters(ctx, db, o)
	if err != nil {
		t.Fatal(err)
	}
	// One letter per unit the financing gives money, each file as the
	// result and its manifest say.
	funded, err := model.Financing(ctx, db, []budget.Key{{Year: 2027, Version: budget.Vedtatt}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Letters) != len(funded) || len(funded) != len(units) {
		t.Fatalf("%d letters for %d units with money", len(res.Letters), len(funded))
	}
	manifest, err := os.ReadFile(res.Manifest)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Letters {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); got != f.SHA256 || !strings.Contains(string(manifest), got) || f.Status != "written" {
			t.Errorf("%s: sha256 %s, the result says %s (%s)", f.Path, got, f.SHA256, f.Status)
		}
	}
	t.Run("never over an imported file", func(t *testing.T) {
		first := res.Letters[0].Path
		before, _ := os.ReadFile(first)
		if err := outguard.Record(ctx, db, first); err != nil {
			t.Fatal(err)
		}
		o.Force = true
		_, err := documents.WriteLetters(ctx, db, o)
		if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), "imported") {
			t.Fatalf("got %v, want EINVALID naming the imported file", err)
		}
		if after, _ := os.ReadFile(first); string(after) != string(before) {
			t.Errorf("%s changed", first)
		}
	})
}
