package runner

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

// RunReader is what the year's list reads of the runs: those of
// occurrences in [from, to).
type RunReader interface {
	Runs(ctx context.Context, from, to time.Time) ([]wheel.Run, error)
}

// YearEntries returns w's occurrences in year, in time order, each with
// the status of its run at now (YearStatus: "" when it has not run,
// RunStale for a run a crash left started): what wheel list shows and the
// web's wheel page and API answer.
func YearEntries(ctx context.Context, db RunReader, w *wheel.Wheel, year int, now time.Time) ([]wheel.Entry, error) {
	status, err := YearStatus(ctx, db, year, now)
	if err != nil {
		return nil, err
	}
	occ := w.Year(year)
	out := make([]wheel.Entry, len(occ))
	for i, o := range occ {
		task, at := o.Key()
		out[i] = wheel.Entry{Occ: o, Status: status[task+" "+at]}
	}
	return out, nil
}

// List is the year of the wheel in force as wheel list prints it.
type List struct {
	Name    string           // the wheel's title in the language asked for
	Entries []wheel.Entry    // the occurrences with their runs
	Items   []wheel.ListItem // the same as printed, and as --json answers
	Stale   int              // how many runs are RunStale
}

// ListStore is what YearList reads.
type ListStore interface {
	WheelStore
	RunReader
}

// YearList lists year of the wheel in force, titles in lang ("nb" or
// "nn"), with the runs' status at now.
func YearList(ctx context.Context, db ListStore, year int, lang string, now time.Time) (*List, error) {
	w, _, err := InForce(ctx, db)
	if err != nil {
		return nil, err
	}
	entries, err := YearEntries(ctx, db, w, year, now)
	if err != nil {
		return nil, err
	}
	l := &List{Name: w.Name.In(lang), Entries: entries, Items: make([]wheel.ListItem, 0, len(entries))}
	for _, en := range entries {
		l.Items = append(l.Items, wheel.NewListItem(en.Occ, en.Status, lang))
		if en.Status == RunStale {
			l.Stale++
		}
	}
	return l, nil
}

// CalendarFileStore is what writing the calendar to a file needs: the
// calendar's reads, and the workspace's file and inputs, never written
// over.
type CalendarFileStore interface {
	CalendarStore
	outguard.Workspace
}

// WriteCalendar writes Calendar's bytes to path atomically. It refuses to
// write over an input or the workspace, or over an existing file unless
// overwrite (outguard.Check).
func WriteCalendar(ctx context.Context, db CalendarFileStore, path string, year, years int, lang string, overwrite bool) error {
	if err := outguard.Check(ctx, db, path, overwrite); err != nil {
		return err
	}
	data, err := Calendar(ctx, db, year, years, lang)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(path, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
