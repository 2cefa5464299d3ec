package runner_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
)

// TestInForce: a workspace without a wheel runs the default, stored by
// EnsureWheel with every task active from that moment (so a first run in
// May sends no January letters); once stored, EnsureWheel leaves it and the
// plan's tasks start where it said.
func TestInForce(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, filepath.Join(t.TempDir(), "ws.db"))
	w, sw, err := runner.InForce(ctx, db)
	if err != nil || sw != nil || len(w.Tasks) != len(runner.DefaultWheel().Tasks) {
		t.Fatalf("no wheel stored: %v tasks, stored %v, %v; want the default, not stored", len(w.Tasks), sw, err)
	}
	may := oslo(2027, 5, 10, 12, 0)
	if err := runner.EnsureWheel(ctx, db, may); err != nil {
		t.Fatal(err)
	}
	if err := runner.EnsureWheel(ctx, db, oslo(2027, 9, 1, 12, 0)); err != nil { // stored already: unchanged
		t.Fatal(err)
	}
	plan, err := runner.PlanLoader(db)(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := runner.TaskIDs(plan.Wheel)
	if len(ids) == 0 || len(plan.ActiveFrom) != len(ids) {
		t.Fatalf("plan: %d tasks, %d active times", len(ids), len(plan.ActiveFrom))
	}
	for _, id := range ids {
		if !plan.ActiveFrom[id].Equal(may) {
			t.Errorf("task %s active from %s, want the first EnsureWheel's %s", id, plan.ActiveFrom[id], may)
		}
	}
}
