package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/storetest"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// TestConformance runs the store conformance suite against the SQLite
// workspace, as a second store would run it.
func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.Harness{
		Open: func(t *testing.T) storetest.Store {
			db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "ws.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		},
		BeginImport: func(ctx context.Context, s storetest.Store, d budget.Dataset) (storetest.Import, error) {
			return s.(*sqlite.DB).BeginImport(ctx, d)
		},
		ImportVintage: func(ctx context.Context, s storetest.Store, ind, sha string, at time.Time, vals []indicators.Value) error {
			im, err := s.(*sqlite.DB).BeginIndicatorImport(ctx)
			if err != nil {
				return err
			}
			defer im.Rollback()
			if _, err := im.BeginVintage(sqlite.Vintage{Indicator: ind, Source: sha + ".csv", SHA256: sha, ImportedAt: at}); err != nil {
				return err
			}
			for _, v := range vals {
				if err := im.Add(v); err != nil {
					return err
				}
			}
			_, err = im.Commit()
			return err
		},
	})
}
