package runner_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
)

// clock is a settable clock safe for concurrent use.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func oslo(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, wheel.Oslo())
}

func openDB(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// setup stores the wheel given as YAML in a new workspace, active from
// activeFrom, and returns a runner on it with the clock.
func setup(t *testing.T, yaml string, activeFrom time.Time) (*runner.Runner, *sqlite.DB, *clock) {
	t.Helper()
	dir := t.TempDir()
	db := openDB(t, filepath.Join(dir, "ws.db"))
	w, err := wheel.Parse("test.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	if err := wheel.Check(w.Validate(activeFrom.Year())); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, task := range w.Tasks {
		ids = append(ids, task.ID)
	}
	if err := db.SaveWheel(context.Background(), "test.yaml", []byte(yaml), ids, activeFrom, activeFrom); err != nil {
		t.Fatal(err)
	}
	c := &clock{t: activeFrom}
	return newRunner(db, filepath.Join(dir, "ut"), c), db, c
}

// newRunner returns a runner that loads the plan from db, as the CLI does.
func newRunner(db *sqlite.DB, out string, c *clock) *runner.Runner {
	return &runner.Runner{
		Store: db,
		Load: func(ctx context.Context) (*runner.Plan, error) {
			sw, err := db.Wheel(ctx)
			if err != nil {
				return nil, err
			}
			w, err := wheel.Parse(sw.Source, sw.YAML)
			if err != nil {
				return nil, err
			}
			return &runner.Plan{Wheel: w, ActiveFrom: sw.ActiveFrom}, nil
		},
		OutDir: out,
		Now:    c.Now,
	}
}

func runDue(t *testing.T, r *runner.Runner, now time.Time) []wheel.Run {
	t.Helper()
	runs, err := r.RunDue(context.Background(), now)
	if err != nil {
		t.Fatalf("RunDue(%s): %v", now, err)
	}
	return runs
}

func allRuns(t *testing.T, db *sqlite.DB) []wheel.Run {
	t.Helper()
	runs, err := db.Runs(context.Background(), oslo(2000, 1, 1, 0, 0), oslo(2100, 1, 1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return runs
}
