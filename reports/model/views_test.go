package model_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

// viewStore is a store of two areas and their targets, in memory.
type viewStore struct {
	geos    []indicators.Geo
	origins map[string]string
	home    indicators.Geo
	targets []indicators.Target
}

func (s viewStore) Areas(context.Context) ([]indicators.Geo, error) { return s.geos, nil }
func (s viewStore) AreaOrigins(context.Context) (map[string]string, error) {
	return s.origins, nil
}
func (s viewStore) Home(context.Context) (indicators.Geo, bool, error) {
	return s.home, s.home.Code != "", nil
}
func (s viewStore) Area(_ context.Context, c string) (indicators.Geo, error) {
	for _, g := range s.geos {
		if g.Code == c || g.Name == c {
			return g, nil
		}
	}
	return indicators.Geo{}, budget.Errorf(budget.ENOTFOUND, "area %q not found", c)
}
func (s viewStore) IndicatorValues(context.Context, string, time.Time) ([]indicators.Value, error) {
	return nil, nil
}
func (s viewStore) Targets(_ context.Context, id string) ([]indicators.Target, error) {
	var out []indicators.Target
	for _, t := range s.targets {
		if id == "" || t.Indicator == id {
			out = append(out, t)
		}
	}
	return out, nil
}
func (s viewStore) Measures(context.Context) ([]budget.Measure, error) { return nil, nil }

func twoAreas() viewStore {
	kommune := indicators.Geo{Code: "4699", Name: "Fjordvik", Level: indicators.Kommune}
	return viewStore{
		geos:    []indicators.Geo{kommune, {Code: "469901", Name: "Sentrum", Level: indicators.Bydel, Parent: "4699"}},
		origins: map[string]string{"4699": "reference", "469901": "file"},
		home:    kommune,
	}
}

// TestAreaList: the stored areas first with their origin, then the
// reference's areas not stored, land before fylke before kommune, and
// --level keeps one level of both.
func TestAreaList(t *testing.T) {
	ref := []indicators.Geo{
		{Code: "4601", Name: "Bergen", Level: indicators.Kommune},
		{Code: "4699", Name: "Fjordvik", Level: indicators.Kommune}, // stored: not repeated
		{Code: "46", Name: "Vestland", Level: indicators.Fylke},
		{Code: "0", Name: "Norge", Level: indicators.Land},
	}
	codes := func(rows []model.AreaRow) string {
		var s []string
		for _, r := range rows {
			s = append(s, r.Code+":"+r.Origin)
		}
		return strings.Join(s, " ")
	}
	for _, tc := range []struct {
		o    model.AreaListOptions
		want string
	}{
		{model.AreaListOptions{}, "4699:reference 469901:file"},
		{model.AreaListOptions{Reference: ref}, "4699:reference 469901:file 0:built-in 46:built-in 4601:built-in"},
		{model.AreaListOptions{Reference: ref, Level: indicators.Kommune}, "4699:reference 4601:built-in"},
		{model.AreaListOptions{Level: indicators.Delbydel}, ""},
	} {
		rows, home, err := model.AreaList(context.Background(), twoAreas(), tc.o)
		if err != nil {
			t.Fatal(err)
		}
		if got := codes(rows); got != tc.want || home.Code != "4699" || rows == nil {
			t.Errorf("%+v: %q home %q; want %q home 4699", tc.o, got, home.Code, tc.want)
		}
	}
}

// TestTrajectoryOf: every target of the indicator, or one area's; names in
// the language asked for; a note and an empty list without a target; an
// unknown indicator or area is not found.
func TestTrajectoryOf(t *testing.T) {
	cat, err := indicators.LoadCatalogue(templates.Indicators)
	if err != nil {
		t.Fatal(err)
	}
	ind, err := cat.Lookup("lavinntekt")
	if err != nil {
		t.Fatal(err)
	}
	s := twoAreas()
	for _, a := range []string{"4699", "469901"} {
		s.targets = append(s.targets, indicators.Target{Indicator: "lavinntekt", Area: a, BaselineYear: 2024,
			BaselineValue: decimal.NewFromInt(12), TargetYear: 2030, TargetValue: decimal.NewFromInt(9)})
	}
	ctx := context.Background()
	v, err := model.TrajectoryOf(ctx, s, cat, "lavinntekt", "", indicators.Nynorsk)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Trajectories) != 2 || v.Name != ind.NameIn(indicators.Nynorsk) || v.Trajectories[1].Name != v.Name || len(v.Notes) != 0 {
		t.Errorf("all areas: %d trajectories, name %q / %q, notes %q", len(v.Trajectories), v.Name, v.Trajectories[1].Name, v.Notes)
	}
	v, err = model.TrajectoryOf(ctx, s, cat, "lavinntekt", "Sentrum", indicators.Bokmal)
	if err != nil || len(v.Trajectories) != 1 || v.Trajectories[0].Area != "469901" || v.Trajectories[0].AreaName != "Sentrum" {
		t.Errorf("--area Sentrum: %+v, %v; want Sentrum's trajectory only", v, err)
	}
	v, err = model.TrajectoryOf(ctx, s, cat, "frafall-vgs", "", indicators.Bokmal)
	if err != nil || v.Trajectories == nil || len(v.Trajectories) != 0 || len(v.Notes) != 1 || !strings.Contains(v.Notes[0], "import targets") {
		t.Errorf("no target: %+v, %v; want an empty list and a note", v, err)
	}
	if _, err := model.TrajectoryOf(ctx, s, cat, "finnes-ikke", "", indicators.Bokmal); budget.ErrorCode(err) != budget.ENOTFOUND {
		t.Errorf("unknown indicator: %v; want ENOTFOUND", err)
	}
	if _, err := model.TrajectoryOf(ctx, s, cat, "lavinntekt", "9999", indicators.Bokmal); budget.ErrorCode(err) != budget.ENOTFOUND || !strings.HasPrefix(err.Error(), "--area: ") {
		t.Errorf("unknown area: %v; want ENOTFOUND after --area", err)
	}
}
