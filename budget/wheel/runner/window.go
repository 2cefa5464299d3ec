package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

// DefaultStaleAfter is how long a run may stay "started" before run-due and
// wheel list call it stale when Runner.StaleAfter is zero: far longer than
// an action's timeout, so a run still going is never taken for one a crash
// left behind.
const DefaultStaleAfter = time.Hour

// Outcome is what one Run did and found.
type Outcome struct {
	Runs []wheel.Run // the runs made, in time order (retried stale runs last)
	// Skipped lists, per task, the occurrences before the catch-up window
	// that never ran: they are not run, and reported once.
	Skipped []Skip
	// Stale lists the runs left "started" longer than StaleAfter, which
	// were not retried.
	Stale []wheel.Run
}

// Skip is the occurrences of one task that a run skipped because they lie
// before the catch-up window.
type Skip struct {
	TaskID      string    `json:"task"`
	Count       int       `json:"count"`
	First, Last time.Time `json:"-"`
	Before      time.Time `json:"before"` // the window's start
}

// String says what was skipped, for the operator.
func (s Skip) String() string {
	return fmt.Sprintf("task %s: skipped %d occurrence(s) from %s to %s that never ran: they are older than the catch-up window, which starts %s",
		s.TaskID, s.Count, s.First.In(wheel.Oslo()).Format("2006-01-02 15:04"), s.Last.In(wheel.Oslo()).Format("2006-01-02 15:04"),
		s.Before.In(wheel.Oslo()).Format("2006-01-02"))
}

// Options change what Run does.
type Options struct {
	// RetryStale runs again each occurrence whose run was left "started"
	// longer than StaleAfter (a crash mid-run), instead of only reporting it.
	RetryStale bool
}

// windowStart is the start of the catch-up window: 1 January of the year
// CatchUp years before now's.
func (r *Runner) windowStart(now time.Time) time.Time {
	years := r.CatchUp
	switch {
	case years == 0:
		years = 1
	case years < 0:
		years = 0
	}
	return time.Date(now.In(wheel.Oslo()).Year()-years, 1, 1, 0, 0, 0, 0, wheel.Oslo())
}

func (r *Runner) staleAfter() time.Duration {
	if r.StaleAfter > 0 {
		return r.StaleAfter
	}
	return DefaultStaleAfter
}

// IsStale reports whether run was left "started" longer than the runner's
// StaleAfter before now.
func (r *Runner) IsStale(run wheel.Run, now time.Time) bool {
	return run.Status == wheel.RunStarted && now.Sub(run.Started) > r.staleAfter()
}

// skipOld moves every task active from before the window to the window's
// start, and returns per task the occurrences so skipped that never ran.
func (r *Runner) skipOld(ctx context.Context, plan *Plan, window time.Time) ([]Skip, error) {
	earliest := window
	var ids []string
	for _, t := range plan.Wheel.Tasks {
		if from, ok := plan.ActiveFrom[t.ID]; ok && from.Before(window) {
			ids = append(ids, t.ID)
			if from.Before(earliest) {
				earliest = from
			}
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	runs, err := r.Store.Runs(ctx, earliest, window)
	if err != nil {
		return nil, err
	}
	done := map[string]bool{}
	for _, run := range runs {
		done[run.TaskID+"\x00"+wheel.FormatTime(run.Occurrence)] = true
	}
	var skips []Skip
	for _, id := range ids {
		t := plan.Wheel.Task(id)
		occ, _ := t.Occurrences(plan.ActiveFrom[id], window)
		s := Skip{TaskID: id, Before: window}
		for _, o := range occ {
			if task, at := o.Key(); !done[task+"\x00"+at] {
				if s.Count == 0 {
					s.First = o.At
				}
				s.Count, s.Last = s.Count+1, o.At
			}
		}
		if s.Count > 0 {
			skips = append(skips, s)
		}
	}
	if err := r.Store.SetActiveFrom(ctx, ids, window); err != nil {
		return nil, err
	}
	for _, id := range ids {
		plan.ActiveFrom[id] = window
	}
	return skips, nil
}

// stale returns the runs in [window, now] left "started" too long.
func (r *Runner) stale(ctx context.Context, window, now time.Time) ([]wheel.Run, error) {
	runs, err := r.Store.Runs(ctx, window, now.Add(time.Nanosecond))
	if err != nil {
		return nil, err
	}
	var out []wheel.Run
	for _, run := range runs {
		if r.IsStale(run, now) {
			out = append(out, run)
		}
	}
	return out, nil
}

// retry claims a stale run again and runs its occurrence; false when the
// task is gone from the wheel or another process retried it first.
func (r *Runner) retry(ctx context.Context, plan *Plan, run wheel.Run) (wheel.Run, bool, error) {
	t := plan.Wheel.Task(run.TaskID)
	if t == nil {
		return run, false, nil
	}
	occ, _ := t.Occurrences(run.Occurrence, run.Occurrence.Add(time.Nanosecond))
	if len(occ) != 1 {
		return run, false, nil
	}
	started := r.now()
	ok, err := r.Store.RetryRun(ctx, run, started)
	if err != nil || !ok {
		return run, false, err
	}
	run.Started = started
	return r.finish(ctx, plan, occ[0], run)
}
