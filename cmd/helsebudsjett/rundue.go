package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
	"github.com/helsebudsjett/helsebudsjett/reports/text"
)

// runFlags are the flags run-due and serve share.
type runFlags struct {
	out, mail *string
}

func (f runFlags) outDir(db *sqlite.DB) string {
	if *f.out != "" {
		return *f.out
	}
	return filepath.Join(filepath.Dir(db.Path()), "helsebudsjett-ut")
}

// newRunner wires the runner to the workspace. export-budget writes the
// helsebudsjett workbook, letters the oppdragsbrev and report the annual
// report (or, after April, the tertial status report).
func newRunner(db *sqlite.DB, out string, now func() time.Time) *runner.Runner {
	return &runner.Runner{Store: db, Load: runner.PlanLoader(db), Actions: documents.WheelActions(db, documents.OpenFunc(db), out), OutDir: out, Now: now, Guard: func(ctx context.Context, p string) error {
		return outguard.Check(ctx, db, p, true) // the run's own output folder
	}}
}

// newMailer reads the mail configuration; nil when none is given.
func newMailer(path string, db *sqlite.DB, e *env) (*runner.Mailer, error) {
	if path == "" {
		return nil, nil
	}
	data, err := readLimited(context.Background(), path, 64<<10)
	if err != nil {
		return nil, err
	}
	return runner.NewMailer(db, path, data, e.getenv)
}

func cmdWheelRunDue(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("wheel run-due", e)
	nowS := fs.String("now", "", "run as if it were this time (RFC 3339 or local 2026-03-29T12:00)")
	rf := runFlags{out: fs.String("out", "", "output folder (default helsebudsjett-ut beside the workspace)"),
		mail: fs.String("mail", "", "SMTP configuration (YAML: host, port, starttls, from, username, password_env)")}
	asJSON := fs.Bool("json", false, "print the runs as JSON")
	retryStale := fs.Bool("retry-stale", false, "run again the occurrences whose run was left started by a crash (older than --stale-after)")
	staleAfter := fs.Duration("stale-after", runner.DefaultStaleAfter, "how long a run may stay started before it counts as left by a crash")
	catchUp := fs.Int("catch-up-years", 1, "catch up occurrences this many years before the current one (older ones that never ran are skipped and reported)")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("wheel run-due takes no arguments")
	}
	now, err := nowFlag(*nowS)
	if err != nil {
		return err
	}
	if *catchUp < 0 || *catchUp > 10 {
		return usagef("--catch-up-years must be 0-10")
	}
	if *staleAfter < time.Minute {
		return usagef("--stale-after must be at least a minute, such as 1h")
	}
	db, err := openWorkspace(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	mailer, err := newMailer(*rf.mail, db, e)
	if err != nil {
		return err
	}
	clock := func() time.Time { return now }
	if *nowS == "" {
		clock = time.Now
	}
	r := newRunner(db, rf.outDir(db), clock)
	r.CatchUp, r.StaleAfter = *catchUp, *staleAfter
	if *catchUp == 0 {
		r.CatchUp = -1 // the current year only; 0 means the default
	}
	res, err := runner.RunDue(ctx, db, runner.RunDueOptions{Runner: r, Mailer: mailer, Now: now, RetryStale: *retryStale})
	if err != nil {
		if res != nil {
			text.Notes(e.stderr, res.Notes)
		}
		return err
	}
	if *asJSON {
		writeJSON(e.stdout, res.Runs)
		text.Notes(e.stderr, res.Notes)
	} else {
		text.Runs(e.stdout, res.Runs, res.Sent)
		text.Notes(e.stdout, res.Notes)
	}
	if res.Failed > 0 {
		return fmt.Errorf("%d run(s) failed; see the list above and 'helsebudsjett wheel list'", res.Failed)
	}
	return nil
}
