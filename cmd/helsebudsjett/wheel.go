package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
	"github.com/helsebudsjett/helsebudsjett/reports/text"
)

// maxWheelFile bounds a wheel file; a real one is a few kilobytes.
const maxWheelFile = 1 << 20

func cmdWheel(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 {
		return usagef("wheel what? use: import, list, ics or run-due")
	}
	switch args[0] {
	case "import":
		return cmdWheelImport(ctx, args[1:], e)
	case "list":
		return cmdWheelList(ctx, args[1:], e)
	case "ics":
		return cmdWheelICS(ctx, args[1:], e)
	case "run-due":
		return cmdWheelRunDue(ctx, args[1:], e)
	}
	return usagef("unknown wheel command %q: use import, list, ics or run-due", args[0])
}

// parseNow reads --now and similar: RFC 3339, or a local time in Oslo as
// 2026-03-29T02:30, 2026-03-29 02:30 or 2026-03-29.
// The years are bounded (budget.CheckTime).
func parseNow(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(wheel.Oslo()), boundTime(s, t)
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, wheel.Oslo()); err == nil {
			return t, boundTime(s, t)
		}
	}
	return time.Time{}, usagef("time %q: give RFC 3339 (2026-03-29T12:00:00+02:00) or local time in Oslo (2026-03-29T12:00)", s)
}

// boundTime refuses a time outside budget.MinYear-MaxYear as a usage error.
func boundTime(s string, t time.Time) error {
	if err := budget.CheckTime(fmt.Sprintf("time %q", s), t); err != nil {
		return usagef("%s", err.Error())
	}
	return nil
}

// checkYearFlag refuses a --year outside budget.MinYear-MaxYear.
func checkYearFlag(y int) error {
	if y < budget.MinYear || y > budget.MaxYear {
		return usagef("--year %d: give a year from %d to %d", y, budget.MinYear, budget.MaxYear)
	}
	return nil
}

func nowFlag(s string) (time.Time, error) {
	if s == "" {
		return time.Now().In(wheel.Oslo()), nil
	}
	return parseNow(s)
}

func cmdWheelImport(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("wheel import", e)
	extend := fs.Bool("extend", false, "keep the current tasks and add or replace by id, instead of replacing the wheel")
	from := fs.String("active-from", "", "run nothing of new tasks that fell before this time (default now)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give one wheel file: helsebudsjett wheel import FILE.yaml")
	}
	now, err := nowFlag(*from)
	if err != nil {
		return err
	}
	data, err := readLimited(ctx, pos[0], maxWheelFile)
	if err != nil {
		return err
	}
	db, err := openWorkspace(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	w, problems, err := runner.ImportWheel(ctx, db, filepath.Base(pos[0]), data, runner.ImportOptions{Extend: *extend, ActiveFrom: now, Now: time.Now()})
	for _, p := range problems {
		fmt.Fprintf(e.stderr, "%s: %s\n", pos[0], p)
	}
	if err != nil {
		return err
	}
	if err := outguard.Record(ctx, db, pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Imported the wheel from %s: %d tasks. Show it with 'helsebudsjett wheel list'.\n", pos[0], len(w.Tasks))
	return nil
}

// readLimited reads a small input file (the wheel, the mail configuration)
// through inputfile: regular files only, at most limit bytes, stopped by ctx.
func readLimited(ctx context.Context, path string, limit int64) ([]byte, error) {
	return inputfile.ReadAll(ctx, path, path, limit)
}

func cmdWheelList(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("wheel list", e)
	year := fs.Int("year", time.Now().In(wheel.Oslo()).Year(), "the year")
	asJSON := fs.Bool("json", false, "print JSON")
	lang := fs.String("lang", "nb", "titles in nb (bokmål) or nn (nynorsk)")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("wheel list takes no arguments; use --year Y")
	}
	if err := checkYearFlag(*year); err != nil {
		return err
	}
	db, err := openReading(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	return printWheelList(ctx, db, *year, *lang, *asJSON, e.stdout)
}

func printWheelList(ctx context.Context, db *sqlite.DB, year int, lang string, asJSON bool, w io.Writer) error {
	l, err := runner.YearList(ctx, db, year, lang, time.Now())
	if err != nil {
		return err
	}
	if asJSON {
		writeJSON(w, l.Items)
		return nil
	}
	return text.YearList(w, l, year)
}

func cmdWheelICS(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("wheel ics", e)
	out := fs.String("o", "", "the .ics file to write (required)")
	force := fs.Bool("force", false, "overwrite the file if it exists")
	year := fs.Int("year", time.Now().In(wheel.Oslo()).Year(), "the first year")
	years := fs.Int("years", 2, "how many years")
	lang := fs.String("lang", "nb", "titles in nb (bokmål) or nn (nynorsk)")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *out == "" {
		return usagef("use: helsebudsjett wheel ics -o FILE.ics [--year Y] [--years N]")
	}
	if *years < 1 || *years > 10 {
		return usagef("--years must be 1-10")
	}
	if err := checkYearFlag(*year); err != nil {
		return err
	}
	db, err := openWorkspace(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := runner.WriteCalendar(ctx, db, *out, *year, *years, *lang, *force); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Wrote %s (%d-%d).\n", *out, *year, *year+*years-1)
	return nil
}
