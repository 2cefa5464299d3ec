package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/templates"
	"go.yaml.in/yaml/v3"
)

// WheelStore is what the wheel in force reads and writes of the workspace.
type WheelStore interface {
	Wheel(ctx context.Context) (*wheel.Stored, error)
	SaveWheel(ctx context.Context, source string, yaml []byte, taskIDs []string, activeFrom, now time.Time) error
}

// DefaultWheel is the embedded default wheel (templates/arshjul.yaml).
func DefaultWheel() *wheel.Wheel {
	w, err := wheel.Parse("templates/arshjul.yaml", templates.Arshjul)
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return w
}

// InForce returns the workspace's wheel, or the default (without storing
// it) when none was imported, with what is stored of it (nil for the
// default).
func InForce(ctx context.Context, db WheelStore) (*wheel.Wheel, *wheel.Stored, error) {
	sw, err := db.Wheel(ctx)
	if err != nil || sw == nil {
		return DefaultWheel(), nil, err
	}
	w, err := wheel.Parse(sw.Source, sw.YAML)
	if err != nil {
		return nil, nil, fmt.Errorf("the stored wheel from %s no longer reads: %w; import it again", sw.Source, err)
	}
	return w, sw, nil
}

// EnsureWheel stores the default wheel, active from now, when the
// workspace has none: running needs a start, so that the first run-due in
// May does not send January's letters.
func EnsureWheel(ctx context.Context, db WheelStore, now time.Time) error {
	sw, err := db.Wheel(ctx)
	if err != nil || sw != nil {
		return err
	}
	return db.SaveWheel(ctx, "default", templates.Arshjul, TaskIDs(DefaultWheel()), now, now)
}

// TaskIDs lists w's task ids in order.
func TaskIDs(w *wheel.Wheel) []string {
	ids := make([]string, len(w.Tasks))
	for i, t := range w.Tasks {
		ids[i] = t.ID
	}
	return ids
}

// PlanLoader gives a Runner the wheel in force on every run (Runner.Load),
// so a wheel imported while the daemon runs takes effect at the next
// trigger.
func PlanLoader(db WheelStore) func(context.Context) (*Plan, error) {
	return func(ctx context.Context) (*Plan, error) {
		w, sw, err := InForce(ctx, db)
		if err != nil {
			return nil, err
		}
		p := &Plan{Wheel: w, ActiveFrom: map[string]time.Time{}}
		if sw != nil {
			p.ActiveFrom = sw.ActiveFrom
		}
		return p, nil
	}
}

// ImportOptions control ImportWheel.
type ImportOptions struct {
	// Extend keeps the tasks in force and adds or replaces the file's by
	// id, instead of replacing the wheel.
	Extend bool
	// ActiveFrom is when the new tasks start: nothing of theirs that fell
	// before it is run. Its year is the one the wheel is checked for.
	ActiveFrom time.Time
	Now        time.Time // the time of the import
}

// ImportWheel reads a wheel file's bytes (name for messages), merges it
// into the wheel in force when opts.Extend, checks it for ActiveFrom's
// year and, when no problem is an error, stores it. It returns the wheel
// stored and every problem found (warnings as well as the errors that
// refused it); nothing is stored on an error.
func ImportWheel(ctx context.Context, db WheelStore, name string, data []byte, opts ImportOptions) (*wheel.Wheel, []wheel.Problem, error) {
	w, err := wheel.Parse(name, data)
	if err != nil {
		return nil, nil, err
	}
	if opts.Extend {
		base, _, err := InForce(ctx, db)
		if err != nil {
			return nil, nil, err
		}
		w = base.Extend(w)
		if data, err = yaml.Marshal(w); err != nil {
			return nil, nil, err
		}
	}
	problems := w.Validate(opts.ActiveFrom.Year())
	if err := wheel.Check(problems); err != nil {
		return nil, problems, err
	}
	return w, problems, db.SaveWheel(ctx, name, data, TaskIDs(w), opts.ActiveFrom, opts.Now)
}
