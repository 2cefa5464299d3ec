package runner

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/robfig/cron/v3"
)

// Daemon triggers the runner with robfig/cron in Europe/Oslo: one entry per
// task of the wheel as it is at Open, and a sweep every minute. Every
// trigger runs RunDue, so what a trigger finds due is whatever has not run:
// robfig/cron neither catches up runs missed while the process was down
// nor fires in the hour skipped in March, and it fires twice in the hour
// repeated in October; the sweep and the store's claim make that harmless.
type Daemon struct {
	Runner *Runner
	Mailer *Mailer // nil when no SMTP server is configured
	// Log receives one line per trigger that did something or failed.
	Log io.Writer
	// Grace is how long Close lets a running task finish before cancelling
	// its context (30 s when zero).
	Grace time.Duration
	// Sweep is the cron spec of the catch-up sweep ("* * * * *" when empty).
	Sweep string

	cron   *cron.Cron
	ctx    context.Context // the runs' context: cancelled by Close after Grace
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	lastErr error
	last    time.Time // the end of the last trigger
}

// Open runs everything due (catching up after downtime), then starts the
// triggers. The runs' context is detached from ctx: a signal that cancels
// ctx must go through Close, which lets a running task finish.
func (d *Daemon) Open(ctx context.Context) error {
	d.ctx, d.cancel = context.WithCancel(context.WithoutCancel(ctx))
	if err := d.trigger("start"); err != nil {
		d.cancel()
		return err
	}
	plan, err := d.Runner.Load(ctx)
	if err != nil {
		d.cancel()
		return err
	}
	logger := cron.PrintfLogger(printfTo{d})
	d.cron = cron.New(cron.WithLocation(wheel.Oslo()),
		cron.WithChain(cron.SkipIfStillRunning(logger), cron.Recover(logger)))
	for _, t := range plan.Wheel.Tasks {
		id := t.ID
		if _, err := d.cron.AddFunc(t.Schedule, func() { _ = d.trigger("task " + id) }); err != nil {
			d.cancel()
			return fmt.Errorf("task %s: %w", id, err)
		}
	}
	sweep := d.Sweep
	if sweep == "" {
		sweep = "* * * * *"
	}
	if _, err := d.cron.AddFunc(sweep, func() { _ = d.trigger("sweep") }); err != nil {
		d.cancel()
		return fmt.Errorf("sweep schedule %q: %w", sweep, err)
	}
	d.cron.Start()
	return nil
}

// Trigger runs what is due and flushes the outbox, as a cron trigger does;
// why names the trigger in the log. It must not be called after Close.
func (d *Daemon) Trigger(why string) error { return d.trigger(why) }

// trigger runs what is due and flushes the outbox.
func (d *Daemon) trigger(why string) error {
	d.wg.Add(1)
	defer d.wg.Done()
	out, err := d.Runner.Run(d.ctx, d.Runner.now(), Options{})
	for _, s := range out.Skipped {
		d.logf("%s: warning: %s", why, s)
	}
	for _, s := range out.Stale {
		d.logf("%s: warning: task %s at %s: its run started %s and never finished (a crash or a kill): check what it left, then run it again with 'helsebudsjett wheel run-due --retry-stale'",
			why, s.TaskID, wheel.FormatTime(s.Occurrence), wheel.FormatTime(s.Started))
	}
	for _, r := range out.Runs {
		d.logf("%s: ran %s at %s: %s %s", why, r.TaskID, wheel.FormatTime(r.Occurrence), r.Status, r.Result)
		if r.Warning != "" {
			d.logf("  warning: %s", r.Warning)
		}
	}
	if err == nil && d.Mailer != nil {
		var n int
		if n, err = d.Mailer.Flush(d.ctx); n > 0 {
			d.logf("%s: sent %d reminder(s)", why, n)
		}
	}
	if err != nil {
		d.logf("%s: %v", why, err)
	}
	d.mu.Lock()
	d.lastErr, d.last = err, d.Runner.now()
	d.mu.Unlock()
	return err
}

// Status returns the end of the last trigger and its error.
func (d *Daemon) Status() (time.Time, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.last, d.lastErr
}

// Close stops the triggers, waits up to Grace for a running task to finish,
// then cancels it and waits for it to record its end.
func (d *Daemon) Close() error {
	if d.cron == nil {
		return nil
	}
	stopped := d.cron.Stop()
	done := make(chan struct{})
	go func() {
		<-stopped.Done()
		d.wg.Wait()
		close(done)
	}()
	grace := d.Grace
	if grace == 0 {
		grace = 30 * time.Second
	}
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-done:
	case <-timer.C:
		d.cancel()
		<-done
	}
	d.cancel()
	return nil
}

func (d *Daemon) logf(format string, args ...any) {
	if d.Log != nil {
		fmt.Fprintf(d.Log, time.Now().In(wheel.Oslo()).Format("2006-01-02 15:04:05 ")+format+"\n", args...)
	}
}

// printfTo adapts the daemon's log to robfig/cron's Printf logger.
type printfTo struct{ d *Daemon }

func (p printfTo) Printf(format string, args ...any) { p.d.logf(format, args...) }
