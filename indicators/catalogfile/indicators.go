package catalogfile

import (
	"context"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// indicatorFields are the headers of a catalogue sheet: the YAML field
// names, with the trend rule's and groups' fields prefixed "trend." and
// "groups." (or "trend_", "groups_").
var indicatorFields = []string{"id", "name", "name_nn", "determinant", "definition", "definition_nn", "unit", "better", "source",
	"levels", "min_count", "trend.periods", "trend.threshold", "trend.text", "trend.text_nn", "groups.dim", "groups.a", "groups.b"}

func indicatorAliases() map[string]string {
	m := map[string]string{}
	for _, f := range indicatorFields {
		m[f] = f
		m[strings.ReplaceAll(f, ".", "_")] = f
	}
	return m
}

// ReadIndicators reads indicator definitions from path: YAML (.yaml, .yml)
// in the layout of indicators.LoadCatalogue, otherwise a sheet (xlsx, csv)
// read with opts, one row per indicator, headed by the field names (see
// indicatorFields). In a sheet, levels are separated by commas or spaces,
// numbers may have a decimal comma, and an empty cell leaves the field
// zero, so an override row need only fill the fields it changes (see
// indicators.Catalogue.Merge). Completeness is not checked here. Errors are
// EINVALID *budget.Error values naming the row and field; every row is
// checked before returning.
func ReadIndicators(ctx context.Context, path string, opts tabular.Options) ([]indicators.Indicator, error) {
	if isYAML(path) {
		b, err := readYAML(ctx, path)
		if err != nil {
			return nil, err
		}
		return indicators.ParseIndicators(b)
	}
	s, err := readSheet(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	col, err := s.columns(indicatorAliases(), indicatorFields)
	if err != nil {
		return nil, err
	}
	if _, ok := col["id"]; !ok {
		return nil, budget.Errorf(budget.EINVALID, "%s has no column id: the header row needs the field names (%s)",
			s.name, strings.Join(indicatorFields, ", "))
	}
	errs := &rowErrors{name: s.name}
	var out []indicators.Indicator
	for _, r := range s.rows {
		out = append(out, indicatorRow(r, col, errs))
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, budget.Errorf(budget.EINVALID, "%s has no indicators below its header", s.name)
	}
	return out, nil
}

func indicatorRow(r tabular.Row, col map[string]int, errs *rowErrors) indicators.Indicator {
	c := func(f string) string { return cell(r, col, f) }
	ind := indicators.Indicator{
		ID: c("id"), Name: c("name"), NameNN: c("name_nn"), Determinant: c("determinant"),
		Definition: c("definition"), DefinitionNN: c("definition_nn"), Unit: indicators.Unit(c("unit")), Better: indicators.Direction(c("better")),
		Source: c("source"),
		Groups: indicators.GroupPair{Dim: c("groups.dim"), A: c("groups.a"), B: c("groups.b")},
	}
	ind.Trend.Text, ind.Trend.TextNN = c("trend.text"), c("trend.text_nn")
	if ind.ID == "" {
		errs.add(r.Number, "id", "missing")
	}
	for _, l := range strings.FieldsFunc(c("levels"), func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		ind.Levels = append(ind.Levels, indicators.Level(strings.ToLower(l)))
	}
	ind.MinCount = intCell(r, c("min_count"), "min_count", errs)
	ind.Trend.Periods = intCell(r, c("trend.periods"), "trend.periods", errs)
	if v := c("trend.threshold"); v != "" {
		d, err := parseDecimal(v)
		if err != nil {
			errs.add(r.Number, "trend.threshold", "%q is not a number", v)
		}
		ind.Trend.Threshold = d
	}
	return ind
}

func intCell(r tabular.Row, v, field string, errs *rowErrors) int {
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSuffix(v, ".0")) // xlsx may store 5 as "5.0"
	if err != nil {
		errs.add(r.Number, field, "%q is not a whole number", v)
	}
	return n
}
