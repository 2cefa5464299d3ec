package runner_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
)

const monthly = `tasks: [{id: maaned, title: {nb: Måned}, schedule: "0 9 1 * *", action: none}]`

// TestRunner_Run_catchUpWindow: a wheel active since 2020 and first run in
// June 2026 ran every occurrence since 2020. Only the current and the
// previous year are caught up; the rest is skipped and reported once.
func TestRunner_Run_catchUpWindow(t *testing.T) {
	r, db, c := setup(t, monthly, oslo(2020, 1, 1, 0, 0))
	c.Set(oslo(2026, 6, 15, 12, 0))
	out, err := r.Run(context.Background(), c.Now(), runner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Runs) != 12+6 || !out.Runs[0].Occurrence.Equal(oslo(2025, 1, 1, 9, 0)) {
		t.Fatalf("ran %d from %v, want 18 from 2025-01-01", len(out.Runs), out.Runs[0].Occurrence)
	}
	if len(out.Skipped) != 1 || out.Skipped[0].Count != 5*12 || !out.Skipped[0].First.Equal(oslo(2020, 1, 1, 9, 0)) ||
		!out.Skipped[0].Last.Equal(oslo(2024, 12, 1, 9, 0)) || !strings.Contains(out.Skipped[0].String(), "skipped 60 occurrence(s)") {
		t.Errorf("skipped %+v", out.Skipped)
	}
	c.Set(oslo(2026, 7, 15, 12, 0))
	out, err = r.Run(context.Background(), c.Now(), runner.Options{})
	if err != nil || len(out.Runs) != 1 || len(out.Skipped) != 0 {
		t.Errorf("second run: %d runs, skipped %+v, %v; the skip is reported once", len(out.Runs), out.Skipped, err)
	}
	if n := len(allRuns(t, db)); n != 19 {
		t.Errorf("%d runs stored", n)
	}

	t.Run("a wider window", func(t *testing.T) {
		r, _, c := setup(t, monthly, oslo(2020, 1, 1, 0, 0))
		r.CatchUp = 3
		c.Set(oslo(2026, 6, 15, 12, 0))
		out, _ := r.Run(context.Background(), c.Now(), runner.Options{})
		if len(out.Runs) != 3*12+6 || out.Skipped[0].Count != 3*12 {
			t.Errorf("%d runs, skipped %+v", len(out.Runs), out.Skipped)
		}
	})
}

// TestRunner_Run_boundedNow: a time outside 1900-2200 is refused before
// anything is stored.
func TestRunner_Run_boundedNow(t *testing.T) {
	r, db, _ := setup(t, monthly, oslo(2026, 1, 1, 0, 0))
	for _, now := range []time.Time{time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)} {
		if _, err := r.Run(context.Background(), now, runner.Options{}); budget.ErrorCode(err) != budget.EINVALID {
			t.Errorf("now %v: %v", now, err)
		}
	}
	if n := len(allRuns(t, db)); n != 0 {
		t.Errorf("%d runs stored", n)
	}
}

// TestRunner_Run_stale: a run left "started" by a crash was never reported
// nor repeated. It is reported once older than StaleAfter, and run again
// with RetryStale.
func TestRunner_Run_stale(t *testing.T) {
	r, db, c := setup(t, monthly, oslo(2026, 1, 1, 0, 0))
	ctx := context.Background()
	crashed := wheel.Run{TaskID: "maaned", Occurrence: oslo(2026, 3, 1, 9, 0), Started: oslo(2026, 3, 1, 9, 0), Status: wheel.RunStarted}
	if _, ok, err := db.ClaimRun(ctx, crashed); err != nil || !ok {
		t.Fatal(err)
	}
	c.Set(oslo(2026, 3, 1, 9, 30)) // half an hour: maybe still running
	out, err := r.Run(ctx, c.Now(), runner.Options{RetryStale: true})
	if err != nil || len(out.Stale) != 0 || len(out.Runs) != 2 { // January and February
		t.Fatalf("runs %d, stale %+v, %v", len(out.Runs), out.Stale, err)
	}
	c.Set(oslo(2026, 3, 1, 11, 0))
	out, err = r.Run(ctx, c.Now(), runner.Options{})
	if err != nil || len(out.Stale) != 1 || len(out.Runs) != 0 || !r.IsStale(out.Stale[0], c.Now()) {
		t.Fatalf("runs %d, stale %+v, %v", len(out.Runs), out.Stale, err)
	}
	out, err = r.Run(ctx, c.Now(), runner.Options{RetryStale: true})
	if err != nil || len(out.Stale) != 0 || len(out.Runs) != 1 || out.Runs[0].Status != wheel.RunDone {
		t.Fatalf("retry: runs %+v, stale %+v, %v", out.Runs, out.Stale, err)
	}
	for _, run := range allRuns(t, db) {
		if run.Status != wheel.RunDone {
			t.Errorf("run %s at %s is %s", run.TaskID, run.Occurrence, run.Status)
		}
	}
	// Retrying twice, or from two processes, runs it once: the claim
	// compares the start recorded.
	if ok, err := db.RetryRun(ctx, out.Runs[0], c.Now()); ok || err != nil {
		t.Errorf("a finished run was claimed again: %v %v", ok, err)
	}
}
