package runner_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
	"github.com/helsebudsjett/helsebudsjett/indicators"
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

// TestCalendar: the calendar of the wheel in force names the municipality
// by its home area in every event's UID, in CRLF lines.
func TestCalendar(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, filepath.Join(t.TempDir(), "ws.db"))
	at := oslo(2027, 1, 10, 12, 0)
	if _, _, err := runner.ImportWheel(ctx, db, "maaned.yaml", []byte(monthly), runner.ImportOptions{ActiveFrom: at, Now: at}); err != nil {
		t.Fatal(err)
	}
	home := indicators.Geo{Code: "4699", Name: "Fjordvik", Level: indicators.Kommune}
	if err := db.ImportAreasHome(ctx, "omrader.csv", []indicators.Geo{home}, nil, "4699"); err != nil {
		t.Fatal(err)
	}
	cal, err := runner.Calendar(ctx, db, 2027, 1, "nb")
	if err != nil {
		t.Fatal(err)
	}
	s := string(cal)
	if n := strings.Count(s, "BEGIN:VEVENT"); n != 12 || strings.Count(s, "kommune-4699") < 12 || strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n") {
		t.Errorf("%d events; want 12 monthly ones, each UID naming kommune-4699, CRLF lines:\n%.600s", n, s)
	}
}

// TestYearStatus: a finished run has its status; one left started past
// DefaultStaleAfter is stale.
func TestYearStatus(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, filepath.Join(t.TempDir(), "ws.db"))
	jan, feb := oslo(2027, 1, 1, 9, 0), oslo(2027, 2, 1, 9, 0)
	id, _, err := db.ClaimRun(ctx, wheel.Run{TaskID: "maaned", Occurrence: jan, Started: jan})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.FinishRun(ctx, id, wheel.RunDone, "ok", jan, nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.ClaimRun(ctx, wheel.Run{TaskID: "maaned", Occurrence: feb, Started: feb}); err != nil {
		t.Fatal(err)
	}
	st, err := runner.YearStatus(ctx, db, 2027, feb.Add(runner.DefaultStaleAfter+time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if st["maaned "+wheel.FormatTime(jan)] != wheel.RunDone || st["maaned "+wheel.FormatTime(feb)] != runner.RunStale || len(st) != 2 {
		t.Errorf("status %v", st)
	}
}
