package indicatorimport_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
)

func TestSetHome(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ name, areas, byCode, byName, code string }{
		{"sample", filepath.Join("..", "..", "templates", "sample", "omrader.csv"), "4699", "", "4699"},
		{"small", writeFile(t, "omrader.csv", "kode;navn;nivå;overordnet\n0;Hele landet;land;\n1234;Småby;kommune;0\n5678;Storby;kommune;0\n"), "1234", "Storby", "5678"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := openDB(t)
			importAreas(t, db, c.areas)
			g, err := indicatorimport.SetHome(ctx, db, c.byCode)
			if err != nil || g.Code != c.byCode {
				t.Fatalf("by code: %+v %v", g, err)
			}
			if c.byName != "" {
				if g, err = indicatorimport.SetHome(ctx, db, c.byName); err != nil || g.Code != c.code {
					t.Fatalf("by name: %+v %v", g, err)
				}
			}
			home, _, err := db.Home(ctx)
			if err != nil || home.Code != c.code {
				t.Errorf("stored home %+v, want %s: %v", home, c.code, err)
			}
			if _, err := indicatorimport.SetHome(ctx, db, "Atlantis"); budget.ErrorCode(err) != budget.EINVALID {
				t.Errorf("unknown area: %v, want EINVALID", err)
			}
			if home, _, _ := db.Home(ctx); home.Code != c.code {
				t.Errorf("a refused set-home changed the home to %s", home.Code)
			}
		})
	}
}
