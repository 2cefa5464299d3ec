package indicatorimport_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/catalogfile"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
)

func TestStoreTargets(t *testing.T) {
	ctx := context.Background()
	t.Run("sample", func(t *testing.T) {
		db := openDB(t)
		importAreas(t, db, filepath.Join("..", "..", "templates", "sample", "omrader.csv"))
		ts, err := catalogfile.ReadTargets(ctx, filepath.Join("..", "..", "templates", "sample", "targets.csv"), tabular.Options{})
		if err != nil || len(ts) == 0 {
			t.Fatalf("sample targets: %v", err)
		}
		perIndicator := map[string]int{}
		for _, tg := range ts {
			perIndicator[tg.Indicator]++
		}
		if n, err := indicatorimport.StoreTargets(ctx, db, "targets.csv", ts, true); err != nil || n != len(ts) {
			t.Fatalf("dry run: %d, %v", n, err)
		}
		if got, _ := db.Targets(ctx, ts[0].Indicator); len(got) != 0 {
			t.Fatalf("a dry run stored %d targets", len(got))
		}
		if n, err := indicatorimport.StoreTargets(ctx, db, "targets.csv", ts, false); err != nil || n != len(ts) {
			t.Fatalf("store: %d, %v", n, err)
		}
		for id, want := range perIndicator {
			if got, err := db.Targets(ctx, id); err != nil || len(got) != want {
				t.Errorf("%s: %d targets stored, want %d: %v", id, len(got), want, err)
			}
		}
	})
	t.Run("small", func(t *testing.T) {
		db := openDB(t)
		writeAreas(t, db, "kode;navn;nivå;overordnet\n0;Hele landet;land;\n1234;Småby;kommune;0\n")
		path := writeFile(t, "mal.csv", "indicator,area,baseline_year,baseline_value,target_year,target_value\n"+
			"barn-lavinntekt,Småby,2023,14.1,2030,11.0\n")
		ts, err := catalogfile.ReadTargets(ctx, path, tabular.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if n, err := indicatorimport.StoreTargets(ctx, db, "mal.csv", ts, false); err != nil || n != 1 {
			t.Fatalf("store: %d, %v", n, err)
		}
		got, err := db.Targets(ctx, "barn-lavinntekt")
		if err != nil || len(got) != 1 || got[0].Area != "1234" {
			t.Errorf("stored %+v, want one target for area 1234 (given by name): %v", got, err)
		}
		bad := writeFile(t, "feil.csv", "indicator,area,baseline_year,baseline_value,target_year,target_value\n"+
			"barn-lavinntek,1234,2023,14.1,2030,11.0\nbarn-lavinntekt,Storby,2023,14.1,2030,11.0\n")
		ts, err = catalogfile.ReadTargets(ctx, bad, tabular.Options{})
		if err != nil {
			t.Fatal(err)
		}
		n, err := indicatorimport.StoreTargets(ctx, db, "feil.csv", ts, false)
		if n != 0 || budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), `target 1: unknown indicator "barn-lavinntek"`) ||
			!strings.Contains(err.Error(), `target 2: area "Storby" not found`) {
			t.Errorf("got %d, %v; want both problems, nothing stored", n, err)
		}
		if got, _ := db.Targets(ctx, "barn-lavinntekt"); len(got) != 1 {
			t.Errorf("a rejected file changed the targets: %+v", got)
		}
	})
}

func TestStoreCatalogue(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	def := catalogue(t)
	base, _ := def.Get(def.IDs()[0])
	o := base
	o.Name = "Eige namn"
	res, err := indicatorimport.StoreCatalogue(ctx, db, "katalog.yaml", []indicators.Indicator{o}, true)
	if err != nil || len(res.Overridden) != 1 || res.Overridden[0] != o.ID || len(res.Added) != 0 {
		t.Fatalf("dry run: %+v %v", res, err)
	}
	if got, _ := db.IndicatorOverrides(ctx); len(got) != 0 {
		t.Fatalf("a dry run stored %d overrides", len(got))
	}
	if _, err := indicatorimport.StoreCatalogue(ctx, db, "katalog.yaml", []indicators.Indicator{o}, false); err != nil {
		t.Fatal(err)
	}
	c, err := indicatorimport.Catalogue(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := c.Get(o.ID); got.Name != "Eige namn" {
		t.Errorf("the catalogue in force names %s %q, want the override", o.ID, got.Name)
	}
	_, err = indicatorimport.StoreCatalogue(ctx, db, "dobbel.yaml", []indicators.Indicator{o, o}, false)
	if budget.ErrorCode(err) != budget.EINVALID || !strings.HasPrefix(err.Error(), "dobbel.yaml: ") {
		t.Errorf("a duplicate: %v, want EINVALID naming the file", err)
	}
}
