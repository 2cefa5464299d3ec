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

// TestImportWheel: a wheel replaces the one in force; with Extend its
// tasks join those in force; a wheel with an error stores nothing.
func TestImportWheel(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, filepath.Join(t.TempDir(), "ws.db"))
	at := oslo(2027, 1, 10, 12, 0)
	if _, _, err := runner.ImportWheel(ctx, db, "natt.yaml", []byte(nightly), runner.ImportOptions{ActiveFrom: at, Now: at}); err != nil {
		t.Fatal(err)
	}
	w, _, _ := runner.InForce(ctx, db)
	if ids := runner.TaskIDs(w); len(ids) != 1 || ids[0] != "natt" {
		t.Fatalf("after the import: %v, want [natt]", ids)
	}
	if _, _, err := runner.ImportWheel(ctx, db, "maaned.yaml", []byte(monthly), runner.ImportOptions{Extend: true, ActiveFrom: at, Now: at}); err != nil {
		t.Fatal(err)
	}
	w, sw, _ := runner.InForce(ctx, db)
	if ids := runner.TaskIDs(w); len(ids) != 2 || sw.Source != "maaned.yaml" {
		t.Fatalf("after extending: %v from %s, want natt and maaned", ids, sw.Source)
	}
	bad := `tasks: [{id: feil, title: {nb: Feil}, schedule: "0 9 31 2 *", action: ingen}]`
	if _, problems, err := runner.ImportWheel(ctx, db, "feil.yaml", []byte(bad), runner.ImportOptions{ActiveFrom: at, Now: at}); err == nil {
		t.Errorf("a wheel with an unknown action was stored (problems %v)", problems)
	}
	if w, _, _ := runner.InForce(ctx, db); len(w.Tasks) != 2 {
		t.Errorf("the refused wheel changed the one in force: %v", runner.TaskIDs(w))
	}
}
