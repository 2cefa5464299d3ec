package indicatorimport_test

import (
	"context"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
)

type overrides []indicators.Indicator

func (o overrides) IndicatorOverrides(context.Context) ([]indicators.Indicator, error) { return o, nil }

func TestCatalogue(t *testing.T) {
	ctx := context.Background()
	def, err := indicatorimport.Catalogue(ctx, overrides(nil))
	if err != nil || len(def.IDs()) == 0 {
		t.Fatalf("default catalogue: %v", err)
	}
	id := def.IDs()[0]
	base, _ := def.Get(id)
	t.Run("override", func(t *testing.T) {
		o := base
		o.Name = "Lokalt namn"
		c, err := indicatorimport.Catalogue(ctx, overrides{o})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := c.Get(id)
		if got.Name != "Lokalt namn" || len(c.IDs()) != len(def.IDs()) {
			t.Errorf("got %q with %d indicators, want the override among %d", got.Name, len(c.IDs()), len(def.IDs()))
		}
	})
	t.Run("does not fit", func(t *testing.T) {
		_, err := indicatorimport.Catalogue(ctx, overrides{base, base})
		if err == nil || !strings.Contains(err.Error(), "import catalogue FILE") {
			t.Errorf("got %v, want an error saying how to fix it", err)
		}
	})
}
