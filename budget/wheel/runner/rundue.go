package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

// RunDueOptions are the choices of one run-due.
type RunDueOptions struct {
	Runner     *Runner
	Mailer     *Mailer   // nil: reminders stay in the outbox
	Now        time.Time // the time run as
	RetryStale bool
}

// RunDueResult is what a run-due did.
type RunDueResult struct {
	Runs   []wheel.Run // the runs made, in order; empty, not nil, when none
	Sent   int         // the reminders the SMTP server accepted
	Notes  []string    // what was skipped before the catch-up window, and the stale runs
	Failed int         // the runs that failed or panicked
}

// RunDue is `wheel run-due`: it stores the default wheel, active from
// o.Now, when the workspace has none (EnsureWheel), runs what is due at
// o.Now exactly once (Runner.Run), and then sends the outbox with the
// runner's clock. A failed run is no error here: Failed counts it. When
// the run stops on an error of the store, the result holds the notes so
// far; on an earlier error or one of the outbox, it is nil.
func RunDue(ctx context.Context, db WheelStore, o RunDueOptions) (*RunDueResult, error) {
	if err := EnsureWheel(ctx, db, o.Now); err != nil {
		return nil, err
	}
	outcome, err := o.Runner.Run(ctx, o.Now, Options{RetryStale: o.RetryStale})
	res := &RunDueResult{Runs: outcome.Runs, Notes: Notes(outcome, o.Runner.staleAfter()), Failed: CountFailed(outcome.Runs)}
	if err != nil {
		return res, err
	}
	if res.Runs == nil {
		res.Runs = []wheel.Run{}
	}
	if o.Mailer != nil {
		o.Mailer.Now = o.Runner.Now
		if res.Sent, err = o.Mailer.Flush(ctx); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// Notes says what a run skipped before its catch-up window and which runs
// it found left started by a crash (stale after staleAfter).
func Notes(o *Outcome, staleAfter time.Duration) []string {
	var notes []string
	for _, s := range o.Skipped {
		notes = append(notes, s.String())
	}
	for _, s := range o.Stale {
		notes = append(notes, fmt.Sprintf("task %s at %s: its run started %s and never finished (a crash or a kill; stale after %s): check what it left, then run it again with --retry-stale",
			s.TaskID, s.Occurrence.In(wheel.Oslo()).Format("2006-01-02 15:04"), s.Started.In(wheel.Oslo()).Format("2006-01-02 15:04"), staleAfter))
	}
	return notes
}

// CountFailed counts the runs that failed or panicked.
func CountFailed(runs []wheel.Run) int {
	n := 0
	for _, r := range runs {
		if r.Status == wheel.RunFailed || r.Status == wheel.RunPanicked {
			n++
		}
	}
	return n
}
