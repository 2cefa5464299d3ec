package model_test

import (
	"context"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// imports is an ImportReader given by value.
type imports struct {
	datasets []budget.Dataset
	reports  map[int][]budget.ReportSnapshot
	values   map[string]time.Time
}

func (i imports) Datasets(context.Context) ([]budget.Dataset, error) { return i.datasets, nil }
func (i imports) ReportSnapshots(_ context.Context, year int) ([]budget.ReportSnapshot, error) {
	return i.reports[year], nil
}
func (i imports) IndicatorsImportedAt(context.Context) (map[string]time.Time, error) {
	return i.values, nil
}

func TestLastImport(t *testing.T) {
	ctx := context.Background()
	at := func(day int) time.Time { return time.Date(2027, 1, day, 12, 0, 0, 0, time.FixedZone("CET", 3600)) }
	key := func(y int) []budget.Key { return []budget.Key{{Year: y, Version: budget.Vedtatt}} }
	base := func() imports {
		return imports{
			datasets: []budget.Dataset{{Current: key(2026), ImportedAt: at(2)}, {Current: key(2025), ImportedAt: at(3)},
				{Current: key(2027), ImportedAt: at(20)}, {Current: key(2024), ImportedAt: at(21)}},
			reports: map[int][]budget.ReportSnapshot{2026: {{ImportedAt: at(4)}}, 2027: {{ImportedAt: at(22)}}},
			values:  map[string]time.Time{"shown": at(5), "hidden": at(23)},
		}
	}
	for _, c := range []struct {
		name  string
		edit  func(*imports)
		shown []string
		want  time.Time
	}{
		{"the shown indicator is the latest of what the year rests on", func(*imports) {}, []string{"shown"}, at(5)},
		{"without it, the year's reports", func(*imports) {}, nil, at(4)},
		{"without reports, the year before's budget", func(i *imports) { i.reports = nil }, nil, at(3)},
		{"an indicator not imported counts for nothing", func(i *imports) { i.reports = nil }, []string{"none"}, at(3)},
		{"nothing imported: the zero time", func(i *imports) { *i = imports{} }, []string{"shown"}, time.Time{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			i := base()
			c.edit(&i)
			got, err := model.LastImport(ctx, i, 2026, c.shown)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(c.want) || got.Location() != time.UTC {
				t.Errorf("got %v, want %v in UTC", got, c.want.UTC())
			}
		})
	}
}
