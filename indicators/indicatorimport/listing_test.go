package indicatorimport_test

import (
	"context"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

// TestList: every indicator of the catalogue in force once, in its order,
// marked default, override (the municipality's own definition of a
// built-in one) or local (one it added).
func TestList(t *testing.T) {
	def, err := indicators.LoadCatalogue(templates.Indicators)
	if err != nil {
		t.Fatal(err)
	}
	changed, err := def.Lookup("lavinntekt")
	if err != nil {
		t.Fatal(err)
	}
	changed.Name = "Lavinntekt (kommunens egen definisjon)"
	added := changed
	added.ID, added.Name = "lavinntekt-kommunal", "Lavinntekt etter kommunens register"
	for _, tc := range []struct {
		name string
		over overrides
		want map[string]string
	}{
		{"none", nil, map[string]string{"lavinntekt": "default", "mobbing": "default"}},
		{"override and local", overrides{changed, added}, map[string]string{"lavinntekt": "override", "lavinntekt-kommunal": "local", "mobbing": "default"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := indicatorimport.List(context.Background(), tc.over)
			if err != nil {
				t.Fatal(err)
			}
			c, err := indicatorimport.Catalogue(context.Background(), tc.over)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.All()) {
				t.Fatalf("%d listed, the catalogue in force has %d", len(got), len(c.All()))
			}
			origin := map[string]string{}
			for i, l := range got {
				if l.ID != c.All()[i].ID {
					t.Errorf("listed %d is %s, the catalogue's is %s", i, l.ID, c.All()[i].ID)
				}
				origin[l.ID] = l.Origin
			}
			for id, want := range tc.want {
				if origin[id] != want {
					t.Errorf("%s: origin %q, want %q", id, origin[id], want)
				}
			}
			if tc.over != nil && got[0].Name == "" {
				t.Error("names missing")
			}
		})
	}
}
