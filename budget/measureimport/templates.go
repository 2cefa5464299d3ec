package measureimport

import (
	"context"
	"sort"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/measurefile"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// TemplateReader is what the templates read of the workspace
// (*sqlite.DB has it).
type TemplateReader interface {
	Units(ctx context.Context) ([]budget.Unit, error)
	Measures(ctx context.Context) ([]budget.Measure, error)
	Ratings(ctx context.Context) ([]budget.Rating, error)
	Areas(ctx context.Context) ([]indicators.Geo, error)
	Summary(ctx context.Context, key budget.Key, by string) ([]budget.SummaryRow, error)
	Lines(ctx context.Context, key budget.Key, fn func(*budget.Line) error) error
}

// MeasuresTemplate gathers the lists of the measures workbook
// (measurefile.WriteMeasuresTemplate) from the workspace: the units, the
// indicators of cat in catalogue order, the areas that are not reference
// areas (land, fylke) or, when the workspace has no areas, the units'
// bydeler by code, and the determinants. With fill it also holds the
// stored measures, for a round trip. Errors are the workspace's.
func MeasuresTemplate(ctx context.Context, db TemplateReader, cat *indicators.Catalogue, fill bool) (measurefile.MeasuresTemplate, error) {
	t := measurefile.MeasuresTemplate{Determinants: indicators.Determinants}
	us, err := db.Units(ctx)
	if err != nil {
		return t, err
	}
	bydeler := map[string]bool{}
	for _, u := range us {
		t.Units = append(t.Units, measurefile.Item{Code: u.Code, Name: u.Name})
		if u.Bydel != "" && !bydeler[u.Bydel] {
			bydeler[u.Bydel] = true
		}
	}
	for _, ind := range cat.All() {
		t.Indicators = append(t.Indicators, measurefile.Item{Code: ind.ID, Name: ind.Name})
	}
	areas, err := db.Areas(ctx)
	if err != nil {
		return t, err
	}
	for _, a := range areas {
		if !a.Level.Reference() {
			t.Areas = append(t.Areas, measurefile.Item{Code: a.Code, Name: a.Name})
		}
	}
	if len(areas) == 0 {
		for _, c := range sortedSetKeys(bydeler) {
			t.Areas = append(t.Areas, measurefile.Item{Code: c})
		}
	}
	if fill {
		if t.Measures, err = db.Measures(ctx); err != nil {
			return t, err
		}
	}
	return t, nil
}

func sortedSetKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// RatingsTemplate gathers the rows of the ratings workbook
// (measurefile.WriteRatingsTemplate) for the budget key: every funksjon of
// the budget, in the order of the store's Summary, with its lines, its
// amount and, where stored, its rating; the ratings narrowed by ansvar or
// art follow their funksjon's row with the lines and money they cover. A
// key without a current dataset is ENOTFOUND; other errors are the
// workspace's.
func RatingsTemplate(ctx context.Context, db TemplateReader, key budget.Key) (measurefile.RatingsTemplate, error) {
	t := measurefile.RatingsTemplate{Key: key}
	sums, err := db.Summary(ctx, key, "funksjon")
	if err != nil {
		return t, err
	}
	rs, err := db.Ratings(ctx)
	if err != nil {
		return t, err
	}
	tally := budget.NewRatingTally(rs)
	if err := db.Lines(ctx, key, func(l *budget.Line) error { tally.Add(l, l.OreFor(key), 0); return nil }); err != nil {
		return t, err
	}
	groups := tally.Groups()
	narrowed := map[string][]budget.Rating{}
	plain := map[string]budget.Rating{}
	for _, r := range rs {
		if r.Ansvar == nil && r.Art == nil {
			plain[r.Funksjon] = r
		} else {
			narrowed[r.Funksjon] = append(narrowed[r.Funksjon], r)
		}
	}
	covered := func(r budget.Rating) (lines int, ore int64) {
		for _, g := range groups {
			if g.Rating != nil && g.Funksjon == r.Funksjon && g.Rating.AnsvarText() == r.AnsvarText() && g.Rating.ArtText() == r.ArtText() {
				return g.Lines, g.Net
			}
		}
		return 0, 0
	}
	for _, s := range sums {
		row := measurefile.RatingRow{Funksjon: s.Value, Lines: s.Lines, Ore: s.Ore}
		if r, ok := plain[s.Value]; ok {
			row.Grade, row.Reason = r.Grade, r.Reason
		}
		t.Rows = append(t.Rows, row)
		for _, r := range narrowed[s.Value] {
			n, ore := covered(r)
			t.Rows = append(t.Rows, measurefile.RatingRow{Funksjon: r.Funksjon, Ansvar: r.AnsvarText(), Art: r.ArtText(),
				Lines: n, Ore: ore, Grade: r.Grade, Reason: r.Reason})
		}
	}
	return t, nil
}
