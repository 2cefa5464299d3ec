package indicatorimport

import (
	"context"
	"fmt"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

// OverrideStore is what Catalogue reads: the workspace's own indicator
// definitions (import catalogue).
type OverrideStore interface {
	IndicatorOverrides(ctx context.Context) ([]indicators.Indicator, error)
}

// Catalogue returns the catalogue in force: the embedded default catalogue
// with the workspace's own definitions merged over it. It fails when the
// stored definitions no longer fit the built-in catalogue, saying how to
// fix that.
func Catalogue(ctx context.Context, db OverrideStore) (*indicators.Catalogue, error) {
	c, _, _, err := inForce(ctx, db)
	return c, err
}

// inForce returns the catalogue in force, the built-in one it rests on and
// the workspace's own definitions merged over it.
func inForce(ctx context.Context, db OverrideStore) (c, def *indicators.Catalogue, over []indicators.Indicator, err error) {
	def, err = indicators.LoadCatalogue(templates.Indicators)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("the built-in catalogue is damaged: %w", err) // a bug: tests load it
	}
	over, err = db.IndicatorOverrides(ctx)
	if err != nil || len(over) == 0 {
		return def, def, over, err
	}
	c, err = def.Merge(over)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("the workspace's own indicator definitions no longer fit the built-in catalogue: %w; "+
			"import a corrected file with 'helsebudsjett import catalogue FILE'", err)
	}
	return c, def, over, nil
}

// CatalogueStore is what storing a catalogue file reads and writes.
type CatalogueStore interface {
	OverrideStore
	SaveIndicatorOverrides(ctx context.Context, source string, inds []indicators.Indicator) error
}

// CatalogueResult is what StoreCatalogue did: the ids of the indicators
// new to the built-in catalogue and of those overriding one of it, in the
// file's order.
type CatalogueResult struct {
	Added, Overridden []string
}

// StoreCatalogue checks the municipality's own indicator definitions inds
// (read from the file named source) against the catalogue in force and,
// unless dryRun, stores them in place of the earlier ones. Definitions that
// do not fit the catalogue are an EINVALID error naming source, and
// nothing is stored.
func StoreCatalogue(ctx context.Context, db CatalogueStore, source string, inds []indicators.Indicator, dryRun bool) (*CatalogueResult, error) {
	c, err := Catalogue(ctx, db)
	if err != nil {
		return nil, err
	}
	if _, err := c.Merge(inds); err != nil {
		return nil, budget.Errorf(budget.EINVALID, "%s: %v; nothing was stored", source, err)
	}
	def, _ := indicators.LoadCatalogue(templates.Indicators)
	res := &CatalogueResult{}
	for _, ind := range inds {
		if _, ok := def.Get(ind.ID); ok {
			res.Overridden = append(res.Overridden, ind.ID)
		} else {
			res.Added = append(res.Added, ind.ID)
		}
	}
	if dryRun {
		return res, nil
	}
	return res, db.SaveIndicatorOverrides(ctx, source, inds)
}

// TargetStore is what storing a targets file reads and writes.
type TargetStore interface {
	OverrideStore
	Gazetteer(ctx context.Context) (*indicators.Gazetteer, error)
	SaveTargets(ctx context.Context, ts []indicators.Target) error
}

// StoreTargets checks the targets ts (read from the file named source)
// and, unless dryRun, stores them. Each target's indicator must be in the
// catalogue in force and its area among the workspace's areas (by code,
// name or alias; it is stored under the code), and its values must fit the
// indicator's unit. Every problem is listed in one EINVALID error naming
// source; any one rejects the whole file. It returns how many targets
// passed the checks (all of them, or 0).
func StoreTargets(ctx context.Context, db TargetStore, source string, ts []indicators.Target, dryRun bool) (int, error) {
	c, err := Catalogue(ctx, db)
	if err != nil {
		return 0, err
	}
	gaz, err := db.Gazetteer(ctx)
	if err != nil {
		return 0, err
	}
	if gaz.Len() == 0 {
		return 0, budget.Errorf(budget.EINVALID, "%s: the workspace has no areas yet: import them first with 'helsebudsjett import areas FILE'", source)
	}
	var bad []string
	for i := range ts {
		t := &ts[i]
		ind, ok := c.Get(t.Indicator)
		if !ok {
			bad = append(bad, fmt.Sprintf("target %d: unknown indicator %q (helsebudsjett indicators list shows them)", i+1, t.Indicator))
			continue
		}
		g, ok := gaz.Lookup(t.Area)
		if !ok {
			bad = append(bad, fmt.Sprintf("target %d: area %q not found; the closest are: %s", i+1, t.Area, strings.Join(gaz.Closest(t.Area, 3), ", ")))
			continue
		}
		t.Area = g.Code
		if err := t.Validate(ind); err != nil {
			bad = append(bad, fmt.Sprintf("target %d: %v", i+1, err))
		}
	}
	if len(bad) > 0 {
		return 0, budget.Errorf(budget.EINVALID, "%s: %s; nothing was stored", source, strings.Join(bad, "; "))
	}
	if dryRun {
		return len(ts), nil
	}
	return len(ts), db.SaveTargets(ctx, ts)
}
