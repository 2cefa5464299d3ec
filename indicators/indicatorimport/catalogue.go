package indicatorimport

import (
	"context"
	"fmt"

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
	def, err := indicators.LoadCatalogue(templates.Indicators)
	if err != nil {
		return nil, fmt.Errorf("the built-in catalogue is damaged: %w", err) // a bug: tests load it
	}
	over, err := db.IndicatorOverrides(ctx)
	if err != nil || len(over) == 0 {
		return def, err
	}
	c, err := def.Merge(over)
	if err != nil {
		return nil, fmt.Errorf("the workspace's own indicator definitions no longer fit the built-in catalogue: %w; "+
			"import a corrected file with 'helsebudsjett import catalogue FILE'", err)
	}
	return c, nil
}
