package runner_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
)

const listWheel = `name: {nb: Testhjul, nn: Testhjul nn}
tasks:
  - {id: dato, title: {nb: Dato, nn: Dato nn}, schedule: "0 8 10 * *", action: none}
  - {id: eksport, title: {nb: Eksport}, schedule: "0 8 20 3 *", action: export-budget}
`

func TestRunDue(t *testing.T) {
	ctx := context.Background()
	r, db, c := setup(t, listWheel, oslo(2027, 1, 1, 0, 0))
	now := oslo(2027, 3, 25, 12, 0)
	c.Set(now)
	exported := 0
	r.Actions = map[wheel.Action]runner.Action{wheel.ExportBudget: func(context.Context, wheel.Occurrence) ([]string, error) {
		exported++
		return nil, errors.New("no budget")
	}}
	res, err := runner.RunDue(ctx, db, runner.RunDueOptions{Runner: r, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	// dato on 10 January, February and March; eksport on 20 March, failing.
	if len(res.Runs) != 4 || res.Failed != 1 || exported != 1 {
		t.Fatalf("first: %d runs, %d failed, %d exports; want 4, 1, 1", len(res.Runs), res.Failed, exported)
	}
	again, err := runner.RunDue(ctx, db, runner.RunDueOptions{Runner: r, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if again.Runs == nil || len(again.Runs) != 0 || again.Failed != 0 || exported != 1 {
		t.Errorf("second: %v, %d failed, %d exports; want no runs (not nil) and no second export", again.Runs, again.Failed, exported)
	}
	if got := len(allRuns(t, db)); got != 4 {
		t.Errorf("stored runs: got %d, want 4 (each occurrence once)", got)
	}
}

func TestRunDue_storesTheDefault(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, filepath.Join(t.TempDir(), "ws.db"))
	now := oslo(2027, 5, 1, 12, 0)
	r := &runner.Runner{Store: db, Load: runner.PlanLoader(db), OutDir: t.TempDir(), Now: func() time.Time { return now }}
	res, err := runner.RunDue(ctx, db, runner.RunDueOptions{Runner: r, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Runs) != 0 {
		t.Errorf("runs: %v; want none: the default wheel starts now, January's letters are not sent in May", res.Runs)
	}
	if sw, _ := db.Wheel(ctx); sw == nil || sw.Source != "default" {
		t.Errorf("stored wheel: %v, want the default", sw)
	}
}

func TestNotes(t *testing.T) {
	o := &runner.Outcome{Stale: []wheel.Run{{TaskID: "brev", Occurrence: oslo(2027, 1, 4, 8, 0), Started: oslo(2027, 1, 4, 8, 1)}}}
	notes := runner.Notes(o, 2*time.Hour)
	if len(notes) != 1 || !strings.Contains(notes[0], "task brev at 2027-01-04 08:00: its run started 2027-01-04 08:01") ||
		!strings.Contains(notes[0], "stale after 2h0m0s") || !strings.Contains(notes[0], "--retry-stale") {
		t.Errorf("notes: %q", notes)
	}
	if got := runner.CountFailed([]wheel.Run{{Status: wheel.RunDone}, {Status: wheel.RunFailed}, {Status: wheel.RunPanicked}, {Status: wheel.RunNotAvailable}}); got != 2 {
		t.Errorf("CountFailed: got %d, want 2 (failed and panicked)", got)
	}
}

func TestYearList(t *testing.T) {
	ctx := context.Background()
	_, db, _ := setup(t, listWheel, oslo(2026, 1, 1, 0, 0))
	// One run done, one left started by a crash long before now.
	id, ok, err := db.ClaimRun(ctx, wheel.Run{TaskID: "dato", Occurrence: oslo(2027, 1, 10, 8, 0), Started: oslo(2027, 1, 10, 8, 0), Status: wheel.RunStarted})
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if err := db.FinishRun(ctx, id, wheel.RunDone, "ok", oslo(2027, 1, 10, 8, 0), nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.ClaimRun(ctx, wheel.Run{TaskID: "dato", Occurrence: oslo(2027, 2, 10, 8, 0), Started: oslo(2027, 2, 10, 8, 0), Status: wheel.RunStarted}); err != nil {
		t.Fatal(err)
	}
	l, err := runner.YearList(ctx, db, 2027, "nn", oslo(2027, 6, 1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "Testhjul nn" || len(l.Items) != 13 || len(l.Entries) != 13 { // 12 × dato, 1 × eksport
		t.Fatalf("got %q with %d items, want Testhjul nn with 13", l.Name, len(l.Items))
	}
	runs := map[string]string{}
	for _, it := range l.Items {
		runs[it.Task+" "+it.At] = it.Run
	}
	for key, want := range map[string]string{
		"dato " + wheel.FormatTime(oslo(2027, 1, 10, 8, 0)):    wheel.RunDone,
		"dato " + wheel.FormatTime(oslo(2027, 2, 10, 8, 0)):    runner.RunStale,
		"dato " + wheel.FormatTime(oslo(2027, 3, 10, 8, 0)):    "not run",
		"eksport " + wheel.FormatTime(oslo(2027, 3, 20, 8, 0)): "not run",
	} {
		if runs[key] != want {
			t.Errorf("%s: got %q, want %q", key, runs[key], want)
		}
	}
	if l.Stale != 1 || l.Items[0].Title != "Dato nn" {
		t.Errorf("stale %d (want 1), first title %q (want Dato nn)", l.Stale, l.Items[0].Title)
	}
}

func TestWriteCalendar(t *testing.T) {
	ctx := context.Background()
	_, db, _ := setup(t, listWheel, oslo(2026, 1, 1, 0, 0))
	p := filepath.Join(t.TempDir(), "a.ics")
	if err := runner.WriteCalendar(ctx, db, p, 2027, 1, "nb", false); err != nil {
		t.Fatal(err)
	}
	if err := runner.WriteCalendar(ctx, db, p, 2027, 1, "nb", false); budget.ErrorCode(err) != budget.EINVALID {
		t.Errorf("over the calendar without overwrite: %v, want EINVALID", err)
	}
	if err := runner.WriteCalendar(ctx, db, db.Path(), 2027, 1, "nb", true); budget.ErrorCode(err) != budget.EINVALID {
		t.Errorf("over the workspace: %v, want EINVALID", err)
	}
}
