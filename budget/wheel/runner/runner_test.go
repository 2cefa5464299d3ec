package runner_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
)

const nightly = `tasks: [{id: natt, title: {nb: Natt}, schedule: "30 2 * * *", action: none}]`

func TestRunner_RunDue_springForward(t *testing.T) {
	r, db, c := setup(t, nightly, oslo(2026, 3, 28, 12, 0))
	// 02:30 does not exist on 29 March 2026; the occurrence is at 03:30
	// summer time. A trigger at 03:29 finds nothing, one at 03:30 runs it.
	c.Set(oslo(2026, 3, 29, 3, 29))
	if runs := runDue(t, r, c.Now()); len(runs) != 0 {
		t.Fatalf("at 03:29 ran %d, want 0", len(runs))
	}
	c.Set(oslo(2026, 3, 29, 3, 45))
	runs := runDue(t, r, c.Now())
	if len(runs) != 1 {
		t.Fatalf("ran %d, want 1", len(runs))
	}
	if got, want := wheel.FormatTime(runs[0].Occurrence), "2026-03-29T03:30:00+02:00"; got != want {
		t.Errorf("occurrence %s, want %s", got, want)
	}
	if !strings.Contains(runs[0].Warning, "does not exist on 29 March 2026") {
		t.Errorf("warning %q does not explain the clock change", runs[0].Warning)
	}
	c.Set(oslo(2026, 3, 29, 23, 0))
	if runs := runDue(t, r, c.Now()); len(runs) != 0 {
		t.Errorf("later the same day ran %d more", len(runs))
	}
	stored := allRuns(t, db)
	if len(stored) != 1 || stored[0].Warning == "" || stored[0].Status != wheel.RunDone {
		t.Errorf("stored runs %+v, want one done with the warning recorded", stored)
	}
}

func TestRunner_RunDue_fallBack(t *testing.T) {
	r, db, c := setup(t, nightly, oslo(2026, 10, 24, 12, 0))
	first := time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)  // 02:30 CEST
	second := time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC) // 02:30 CET, the same wall time again
	for _, now := range []time.Time{first, first.Add(time.Minute), second, second.Add(time.Minute), oslo(2026, 10, 25, 12, 0)} {
		c.Set(now)
		runDue(t, r, now)
	}
	stored := allRuns(t, db)
	if len(stored) != 1 {
		t.Fatalf("ran %d times on 25 October 2026, want once: %+v", len(stored), stored)
	}
	if got, want := wheel.FormatTime(stored[0].Occurrence), "2026-10-25T02:30:00+02:00"; got != want {
		t.Errorf("occurrence %s, want the first 02:30, %s", got, want)
	}
	if !strings.Contains(stored[0].Warning, "occurs twice") {
		t.Errorf("warning %q", stored[0].Warning)
	}
}

func TestRunner_RunDue_concurrentClaims(t *testing.T) {
	// Two runners on two connections to one workspace, as two processes
	// would be, racing over the same ten occurrences.
	_, db0, c := setup(t, `tasks: [{id: d, title: {nb: D}, schedule: "0 9 * * *", action: none}]`, oslo(2026, 1, 1, 0, 0))
	// Close first: sqlite.Open refuses a second handle on a new
	// workspace whose schema is still only in the -wal file.
	db0.Close()
	db, db2 := openDB(t, db0.Path()), openDB(t, db0.Path())
	r1, r2 := newRunner(db, t.TempDir(), c), newRunner(db2, t.TempDir(), c)
	now := oslo(2026, 1, 10, 12, 0)
	c.Set(now)
	var wg sync.WaitGroup
	counts := make([]int, 4)
	for i := range counts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := r1
			if i%2 == 1 {
				r = r2
			}
			runs, err := r.RunDue(context.Background(), now)
			if err != nil {
				t.Error(err)
			}
			counts[i] = len(runs)
		}()
	}
	wg.Wait()
	total := 0
	for _, n := range counts {
		total += n
	}
	if total != 10 || len(allRuns(t, db)) != 10 {
		t.Errorf("runs made %v (total %d), stored %d; want 10 and 10", counts, total, len(allRuns(t, db)))
	}
}

func TestRunner_RunDue_actions(t *testing.T) {
	const yaml = `tasks:
  - {id: brev, title: {nb: Brev}, schedule: "0 8 4 1 *", action: letters}
  - {id: rapport, title: {nb: Rapport}, schedule: "0 8 5 1 *", action: report}
  - {id: eksport, title: {nb: Eksport}, schedule: "0 8 6 1 *", action: export-budget}
  - {id: feil, title: {nb: Feil}, schedule: "0 8 7 1 *", action: letters}
`
	r, db, c := setup(t, yaml, oslo(2026, 1, 1, 0, 0))
	out := filepath.Join(t.TempDir(), "x.txt")
	r.Actions = map[wheel.Action]runner.Action{
		wheel.Report: func(ctx context.Context, o wheel.Occurrence) ([]string, error) {
			if o.Task.ID == "feil" {
				return nil, errors.New("boom")
			}
			return []string{out}, atomicfile.WriteBytes(out, []byte("rapport\n"))
		},
		wheel.Letters: func(ctx context.Context, o wheel.Occurrence) ([]string, error) {
			if o.Task.ID == "feil" {
				panic("letters exploded")
			}
			return nil, errors.New("no measures yet")
		},
	}
	c.Set(oslo(2026, 1, 8, 0, 0))
	runs := runDue(t, r, c.Now())
	want := map[string]string{"brev": wheel.RunFailed, "rapport": wheel.RunDone, "eksport": wheel.RunNotAvailable, "feil": wheel.RunPanicked}
	if len(runs) != 4 {
		t.Fatalf("ran %d, want 4", len(runs))
	}
	for _, run := range runs {
		if run.Status != want[run.TaskID] {
			t.Errorf("%s: status %s (%s), want %s", run.TaskID, run.Status, run.Result, want[run.TaskID])
		}
	}
	stored := allRuns(t, db)
	for _, run := range stored {
		switch run.TaskID {
		case "rapport":
			sum := sha256.Sum256([]byte("rapport\n"))
			if len(run.Files) != 1 || run.Files[0].SHA256 != hex.EncodeToString(sum[:]) || run.Files[0].Path != out {
				t.Errorf("rapport files %+v", run.Files)
			}
		case "eksport":
			if !strings.Contains(run.Result, "not available yet") {
				t.Errorf("eksport result %q", run.Result)
			}
		case "feil":
			if !strings.Contains(run.Result, "letters exploded") {
				t.Errorf("panic not recorded: %q", run.Result)
			}
		case "brev":
			if !strings.Contains(run.Result, "task brev") || !strings.Contains(run.Result, "2026-01-04") {
				t.Errorf("failure %q does not name the task and date", run.Result)
			}
		}
	}
	// Failed, panicked and unavailable runs are on record and not retried.
	c.Set(oslo(2026, 1, 9, 0, 0))
	if runs := runDue(t, r, c.Now()); len(runs) != 0 {
		t.Errorf("second RunDue ran %d", len(runs))
	}
}

func TestRunner_RunDue_interruptedRunIsNotRepeated(t *testing.T) {
	r, db, c := setup(t, `tasks: [{id: brev, title: {nb: Brev}, schedule: "0 8 4 1 *", action: none}]`, oslo(2026, 1, 1, 0, 0))
	// A process claimed the run and died before finishing it.
	_, ok, err := db.ClaimRun(context.Background(), wheel.Run{TaskID: "brev", Occurrence: oslo(2026, 1, 4, 8, 0), Started: oslo(2026, 1, 4, 8, 0)})
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	c.Set(oslo(2026, 1, 5, 0, 0))
	if runs := runDue(t, r, c.Now()); len(runs) != 0 {
		t.Errorf("re-ran an interrupted run: %+v", runs)
	}
	if s := allRuns(t, db); len(s) != 1 || s[0].Status != wheel.RunStarted {
		t.Errorf("stored %+v", s)
	}
}

func TestRunner_RunDue_remind(t *testing.T) {
	const yaml = `contacts: {økonomiavdelingen: okonomi@fjordvik.example}
tasks:
  - id: tertial1
    title: {nb: 1. tertial, nn: 1. tertial}
    schedule: "0 8 30 4 *"
    deadline: {date: "05-17"}
    responsible: [økonomiavdelingen, "3100"]
    action: remind
`
	r, db, c := setup(t, yaml, oslo(2026, 1, 1, 0, 0))
	c.Set(oslo(2026, 5, 1, 0, 0))
	runs := runDue(t, r, c.Now())
	if len(runs) != 1 || runs[0].Status != wheel.RunDone || len(runs[0].Files) != 2 {
		t.Fatalf("runs %+v", runs)
	}
	body, err := os.ReadFile(runs[0].Files[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(body), "flyttet fra søndag 17. mai 2026: 17. mai") || !strings.Contains(runs[0].Files[0].Path, filepath.Join("2026", "paminnelser")) {
		t.Errorf("reminder %s:\n%s", runs[0].Files[0].Path, body)
	}
	msgs, err := db.Messages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 || msgs[0].State != wheel.MsgPending || msgs[0].Address != "okonomi@fjordvik.example" || msgs[1].State != wheel.MsgUnaddressed {
		t.Errorf("outbox %+v", msgs)
	}
}
