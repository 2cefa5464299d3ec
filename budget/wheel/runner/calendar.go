package runner

import (
	"context"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/ics"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// CalendarStore is what the wheel's calendar reads: the wheel in force and
// the municipality's areas (for the calendar's identity).
type CalendarStore interface {
	WheelStore
	Home(ctx context.Context) (indicators.Geo, bool, error)
	Areas(ctx context.Context) ([]indicators.Geo, error)
}

// Calendar is the wheel in force as an iCalendar file for years years from
// year, in lang: what wheel ics writes and the web serves to subscribers.
// Each event's sequence and modification time are its task's revisions.
func Calendar(ctx context.Context, db CalendarStore, year, years int, lang string) ([]byte, error) {
	w, sw, err := InForce(ctx, db)
	if err != nil {
		return nil, err
	}
	opt := ics.Options{Lang: lang, Identity: w.Identity()}
	if sw != nil {
		opt.Stamp = sw.ImportedAt
		opt.Revisions = map[string]ics.Revision{}
		for id, r := range sw.Revisions {
			opt.Revisions[id] = ics.Revision{Sequence: r.Sequence, Modified: r.Modified}
		}
	}
	if opt.Identity == "" {
		if opt.Identity, err = kommuneIdentity(ctx, db); err != nil {
			return nil, err
		}
	}
	occ := w.Occurrences(time.Date(year, 1, 1, 0, 0, 0, 0, wheel.Oslo()), time.Date(year+years, 1, 1, 0, 0, 0, 0, wheel.Oslo()))
	var b strings.Builder
	if err := ics.Write(&b, w.Name, occ, opt); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// kommuneIdentity names the municipality in calendar UIDs when its wheel
// names neither domain nor organisation number: the code of its own area
// ("kommune-4699", unique in Norway; "omrade-030101" for a bydel that runs
// its own helsebudsjett), else of the first kommune, else "".
func kommuneIdentity(ctx context.Context, db CalendarStore) (string, error) {
	if home, ok, err := db.Home(ctx); err != nil {
		return "", err
	} else if ok {
		if home.Level == indicators.Kommune {
			return "kommune-" + home.Code, nil
		}
		return "omrade-" + home.Code, nil
	}
	geos, err := db.Areas(ctx)
	if err != nil {
		return "", err
	}
	for _, g := range geos {
		if g.Level == indicators.Kommune {
			return "kommune-" + g.Code, nil
		}
	}
	return "", nil
}

// RunStale is the status YearStatus gives a run left "started" longer than
// DefaultStaleAfter: a crash interrupted it.
const RunStale = "stale"

// YearStatus is the status of each run of year's occurrences at now, by
// task id and occurrence ("ID 2027-04-30T09:00:00+02:00", wheel.FormatTime),
// with RunStale for a run a crash left started.
func YearStatus(ctx context.Context, db interface {
	Runs(ctx context.Context, from, to time.Time) ([]wheel.Run, error)
}, year int, now time.Time) (map[string]string, error) {
	runs, err := db.Runs(ctx, time.Date(year, 1, 1, 0, 0, 0, 0, wheel.Oslo()), time.Date(year+1, 1, 1, 0, 0, 0, 0, wheel.Oslo()))
	if err != nil {
		return nil, err
	}
	status := map[string]string{}
	stale := &Runner{} // DefaultStaleAfter
	for _, r := range runs {
		s := r.Status
		if stale.IsStale(r, now) {
			s = RunStale
		}
		status[r.TaskID+" "+wheel.FormatTime(r.Occurrence)] = s
	}
	return status, nil
}
