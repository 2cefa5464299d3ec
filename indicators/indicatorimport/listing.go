package indicatorimport

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// Listed is an indicator of the catalogue in force and where its
// definition comes from, as indicators list gives it.
type Listed struct {
	indicators.Indicator
	// Origin is "default" (the built-in definition), "override" (the
	// municipality's own definition of a built-in indicator) or "local"
	// (an indicator the municipality added).
	Origin string `json:"origin"`
}

// List returns the catalogue in force (Catalogue), in its order, each
// indicator with its origin.
func List(ctx context.Context, db OverrideStore) ([]Listed, error) {
	c, def, over, err := inForce(ctx, db)
	if err != nil {
		return nil, err
	}
	overridden := map[string]bool{}
	for _, o := range over {
		overridden[o.ID] = true
	}
	out := []Listed{}
	for _, ind := range c.All() {
		origin := "default"
		if _, ok := def.Get(ind.ID); !ok {
			origin = "local"
		} else if overridden[ind.ID] {
			origin = "override"
		}
		out = append(out, Listed{ind, origin})
	}
	return out, nil
}
