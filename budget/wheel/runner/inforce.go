package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/templates"
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
