// Package runner runs the yearly wheel: every occurrence that is due and has
// not run, exactly once, in time order, each recorded in the store as
// started before its action acts. The same path serves `wheel run-due` and
// the daemon (Daemon), which adds robfig/cron triggers in Europe/Oslo on top.
//
// Exactly once rests on the store, not on timing: ClaimRun inserts the run
// under a UNIQUE (task, occurrence) key before anything is done, so a
// second trigger, a second process or a restart after a crash finds the
// claim and does nothing. The price is at-most-once for a run interrupted
// by a crash: it stays "started" and is reported as stale once it is older
// than StaleAfter, and repeated only when asked (Options.RetryStale), because
// a half-sent batch of letters sent again is worse than one a person resumes.
//
// Catching up is bounded: occurrences older than the catch-up window
// (CatchUp years before the current one) that never ran are skipped and
// reported once, not run, so a workspace left alone for years, or a clock
// set wrong, does not send years of reminders at once.
package runner

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

// Store is what the runner needs of the workspace.
type Store interface {
	ClaimRun(ctx context.Context, r wheel.Run) (id int64, claimed bool, err error)
	RetryRun(ctx context.Context, r wheel.Run, started time.Time) (claimed bool, err error)
	SetActiveFrom(ctx context.Context, taskIDs []string, from time.Time) error
	FinishRun(ctx context.Context, id int64, status, result string, ended time.Time, files []wheel.File, msgs []wheel.Message) error
	Runs(ctx context.Context, from, to time.Time) ([]wheel.Run, error)
}

// Action does a task's work for one occurrence and returns the paths of the
// files it wrote (written atomically, under the output folder's year).
type Action func(ctx context.Context, o wheel.Occurrence) (files []string, err error)

// Plan is the wheel in force and, per task id, the instant from which its
// occurrences are run. A task with no entry in ActiveFrom is not run.
type Plan struct {
	Wheel      *wheel.Wheel
	ActiveFrom map[string]time.Time
}

// Runner runs due occurrences. Its fields are set before first use and not
// changed after; a Runner is safe for concurrent use (runs are serialised).
type Runner struct {
	Store Store
	// Load returns the plan; it is called on every RunDue, so a wheel
	// imported while the daemon runs takes effect at the next trigger.
	Load func(ctx context.Context) (*Plan, error)
	// Actions are the actions available, by name. remind and none are
	// built in; an action missing here records "not available yet".
	Actions map[wheel.Action]Action
	// OutDir is the output folder; reminders are written under OutDir/YEAR.
	OutDir string
	// Guard, when set, is asked before each reminder file is written and
	// stops the write with its error (the CLI refuses inputs there).
	Guard func(ctx context.Context, path string) error
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// TaskTimeout bounds one action (10 minutes when zero).
	TaskTimeout time.Duration
	// Late is how long after its time an occurrence may start before its
	// run records a warning that it ran late (1 minute when zero).
	Late time.Duration
	// CatchUp is how many calendar years before the current one are caught
	// up: 1 when zero (the current and the previous year), none when
	// negative (the current year only).
	CatchUp int
	// StaleAfter is how long a run may stay "started" before it counts as
	// left behind by a crash (DefaultStaleAfter when zero).
	StaleAfter time.Duration

	mu sync.Mutex
}

func (r *Runner) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

// RunDue is Run without options, returning only the runs made.
func (r *Runner) RunDue(ctx context.Context, now time.Time) ([]wheel.Run, error) {
	out, err := r.Run(ctx, now, Options{})
	return out.Runs, err
}

// Run runs, in time order, every occurrence in the catch-up window with a
// time at or before now that has no run yet, and returns what it made
// (Runs empty when there was nothing to do), what it skipped before the
// window, and the stale runs, which it runs again when opts.RetryStale. It
// stops at the first error of the store; an action's failure or panic is
// recorded as the run's result and does not stop it. now must lie in the
// years budget.MinYear-MaxYear. The Outcome is never nil.
func (r *Runner) Run(ctx context.Context, now time.Time, opts Options) (*Outcome, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := &Outcome{}
	if err := budget.CheckTime("now", now); err != nil {
		return out, err
	}
	plan, err := r.Load(ctx)
	if err != nil {
		return out, err
	}
	window := r.windowStart(now)
	if out.Skipped, err = r.skipOld(ctx, plan, window); err != nil {
		return out, err
	}
	due, err := r.pending(ctx, plan, now)
	if err != nil {
		return out, err
	}
	for _, o := range due {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		run, ok, err := r.runOne(ctx, plan, o)
		if err != nil {
			return out, err
		}
		if ok {
			out.Runs = append(out.Runs, run)
		}
	}
	stale, err := r.stale(ctx, window, now)
	if err != nil {
		return out, err
	}
	for _, s := range stale {
		if !opts.RetryStale {
			out.Stale = append(out.Stale, s)
			continue
		}
		run, ok, err := r.retry(ctx, plan, s)
		if err != nil {
			return out, err
		}
		if ok {
			out.Runs = append(out.Runs, run)
		} else {
			out.Stale = append(out.Stale, s)
		}
	}
	return out, nil
}

// pending returns the occurrences due by now that are active and have no
// run recorded.
func (r *Runner) pending(ctx context.Context, plan *Plan, now time.Time) ([]wheel.Occurrence, error) {
	earliest := now
	for _, t := range plan.Wheel.Tasks {
		if from, ok := plan.ActiveFrom[t.ID]; ok && from.Before(earliest) {
			earliest = from
		}
	}
	end := now.Add(time.Nanosecond) // [earliest, now]
	runs, err := r.Store.Runs(ctx, earliest, end)
	if err != nil {
		return nil, err
	}
	done := map[string]bool{}
	for _, run := range runs {
		done[run.TaskID+"\x00"+wheel.FormatTime(run.Occurrence)] = true
	}
	var out []wheel.Occurrence
	for _, o := range plan.Wheel.Occurrences(earliest, end) {
		from, ok := plan.ActiveFrom[o.Task.ID]
		task, at := o.Key()
		if !ok || o.At.Before(from) || done[task+"\x00"+at] {
			continue
		}
		out = append(out, o)
	}
	return out, nil
}

// runOne claims o and, when the claim is ours, acts and records the end.
func (r *Runner) runOne(ctx context.Context, plan *Plan, o wheel.Occurrence) (wheel.Run, bool, error) {
	started := r.now()
	run := wheel.Run{TaskID: o.Task.ID, Occurrence: o.At, Started: started, Status: wheel.RunStarted,
		Warning: r.warning(o, started)}
	id, claimed, err := r.Store.ClaimRun(ctx, run)
	if err != nil || !claimed {
		return run, false, err
	}
	run.ID = id
	return r.finish(ctx, plan, o, run)
}

// finish acts on a claimed run and records its end.
func (r *Runner) finish(ctx context.Context, plan *Plan, o wheel.Occurrence, run wheel.Run) (wheel.Run, bool, error) {
	status, result, paths, msgs := r.act(ctx, plan, o)
	files, herr := hashFiles(paths)
	if herr != nil && status == wheel.RunDone {
		status, result = wheel.RunFailed, herr.Error()
	}
	run.Ended, run.Status, run.Result, run.Files = r.now(), status, result, files
	// The record of the end must land even when ctx was cancelled while
	// the action ran: a run left "started" is never repeated.
	if err := r.Store.FinishRun(context.WithoutCancel(ctx), run.ID, status, result, run.Ended, files, msgs); err != nil {
		return run, false, err
	}
	return run, true, nil
}

// warning combines the occurrence's clock-change warning with one for a
// run that starts late (after downtime).
func (r *Runner) warning(o wheel.Occurrence, started time.Time) string {
	late := r.Late
	if late == 0 {
		late = time.Minute
	}
	var ws []string
	if o.Warning != "" {
		ws = append(ws, o.Warning)
	}
	if d := started.Sub(o.At); d > late {
		ws = append(ws, fmt.Sprintf("task %s: due %s, ran %s late", o.Task.ID,
			o.At.In(wheel.Oslo()).Format("2006-01-02 15:04 MST"), d.Round(time.Second)))
	}
	return strings.Join(ws, "; ")
}

// act runs the occurrence's action, turning an error or a panic into the
// run's status and result.
func (r *Runner) act(ctx context.Context, plan *Plan, o wheel.Occurrence) (status, result string, files []string, msgs []wheel.Message) {
	defer func() {
		if p := recover(); p != nil {
			status = wheel.RunPanicked
			result = fmt.Sprintf("panic: %v\n%s", p, firstLines(string(debug.Stack()), 12))
		}
	}()
	timeout := r.TaskTimeout
	if timeout == 0 {
		timeout = 10 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var err error
	switch a := o.Task.Action; a {
	case wheel.None:
		return wheel.RunDone, "nothing to run: a date on the wheel", nil, nil
	case wheel.Remind:
		files, msgs, err = r.remind(ctx, plan, o)
		if err != nil {
			return wheel.RunFailed, err.Error(), files, nil
		}
		return wheel.RunDone, fmt.Sprintf("%d reminder(s) in the outbox", len(msgs)), files, msgs
	default:
		fn := r.Actions[a]
		if fn == nil {
			return wheel.RunNotAvailable, fmt.Sprintf("not available yet: the %s action comes with a later version of helsebudsjett", a), nil, nil
		}
		files, err = fn(ctx, o)
		if err != nil {
			return wheel.RunFailed, fmt.Sprintf("task %s at %s: %v", o.Task.ID, wheel.FormatTime(o.At), err), files, nil
		}
		return wheel.RunDone, fmt.Sprintf("%d file(s) written", len(files)), files, nil
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// hashFiles returns each file with its sha256.
func hashFiles(paths []string) ([]wheel.File, error) {
	var out []wheel.File
	for _, p := range paths {
		sum, _, err := inputfile.Hash(context.Background(), p, "", 1<<40) // the action's own output
		if err != nil {
			return out, fmt.Errorf("hash %s: %w", p, err)
		}
		out = append(out, wheel.File{Path: p, SHA256: sum})
	}
	return out, nil
}

// Next returns the first occurrence of the plan after now, or nil when
// there is none in the coming five years.
func Next(plan *Plan, now time.Time) *wheel.Occurrence {
	for y := 0; y < 5; y++ {
		from := now.AddDate(y, 0, 0)
		occ := plan.Wheel.Occurrences(from.Add(time.Nanosecond), now.AddDate(y+1, 0, 0).Add(time.Nanosecond))
		if len(occ) > 0 {
			return &occ[0]
		}
	}
	return nil
}
