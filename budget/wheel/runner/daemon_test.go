package runner_test

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
)

// syncBuffer is a log the daemon's goroutines may write to.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func TestDaemon_catchUpAfterDowntime(t *testing.T) {
	r, db, c := setup(t, `tasks: [{id: daglig, title: {nb: Daglig}, schedule: "0 9 * * *", action: none}]`, oslo(2026, 3, 1, 8, 0))
	var log syncBuffer
	start := func(now time.Time) {
		t.Helper()
		c.Set(now)
		d := &runner.Daemon{Runner: r, Log: &log, Grace: time.Second}
		if err := d.Open(context.Background()); err != nil {
			t.Fatal(err)
		}
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
	}
	start(oslo(2026, 3, 1, 10, 0))
	if n := len(allRuns(t, db)); n != 1 {
		t.Fatalf("after the first start: %d runs, want 1", n)
	}
	// Down from 1 March 10:00 to 4 March 10:00: three occurrences missed.
	start(oslo(2026, 3, 4, 10, 0))
	runs := allRuns(t, db)
	if len(runs) != 4 {
		t.Fatalf("after the restart: %d runs, want 4: %+v", len(runs), runs)
	}
	for i, run := range runs {
		if want := oslo(2026, 3, 1+i, 9, 0); !run.Occurrence.Equal(want) {
			t.Errorf("run %d is for %s, want %s", i, run.Occurrence, want)
		}
		if i > 0 && run.Warning == "" {
			t.Errorf("run %d ran a day late without a warning", i)
		}
	}
	if again := runDue(t, r, c.Now()); len(again) != 0 {
		t.Errorf("run-due after the restart ran %d, want 0", len(again))
	}
	// Stopped and started again at once: nothing new.
	start(oslo(2026, 3, 4, 10, 5))
	if n := len(allRuns(t, db)); n != 4 {
		t.Errorf("after a second restart: %d runs, want 4", n)
	}
}

func TestDaemon_Close(t *testing.T) {
	for _, tc := range []struct {
		name       string
		grace      time.Duration
		block      bool // the task ignores the release and waits for its context
		wantStatus string
	}{
		{"task finishes within the grace period", 5 * time.Second, false, wheel.RunDone},
		{"task cancelled after the grace period", 50 * time.Millisecond, true, wheel.RunFailed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, db, c := setup(t, `tasks: [{id: brev, title: {nb: Brev}, schedule: "0 8 * * *", action: letters}]`, oslo(2026, 1, 1, 0, 0))
			started, release := make(chan struct{}), make(chan struct{})
			r.Actions = map[wheel.Action]runner.Action{wheel.Letters: func(ctx context.Context, o wheel.Occurrence) ([]string, error) {
				close(started)
				if tc.block {
					<-ctx.Done()
					return nil, ctx.Err()
				}
				<-release
				return nil, ctx.Err()
			}}
			d := &runner.Daemon{Runner: r, Grace: tc.grace}
			c.Set(oslo(2026, 1, 1, 7, 0))
			if err := d.Open(context.Background()); err != nil {
				t.Fatal(err)
			}
			c.Set(oslo(2026, 1, 1, 8, 0))
			go func() { _ = d.Trigger("test") }()
			<-started
			closed := make(chan struct{})
			go func() { d.Close(); close(closed) }()
			time.Sleep(20 * time.Millisecond)
			close(release)
			<-closed
			runs := allRuns(t, db)
			if len(runs) != 1 || runs[0].Status != tc.wantStatus {
				t.Errorf("after Close: %+v, want one run %s", runs, tc.wantStatus)
			}
		})
	}
}
