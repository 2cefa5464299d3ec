package catalogfile

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

var targetFields = []string{"indicator", "area", "baseline_year", "baseline_value", "target_year", "target_value"}

// targetAliases adds the Norwegian headers a coordinator is likely to write.
func targetAliases() map[string]string {
	m := map[string]string{
		"indikator": "indicator", "område": "area", "omrade": "area", "områdekode": "area",
		"basisår": "baseline_year", "basisar": "baseline_year", "basisverdi": "baseline_value",
		"målår": "target_year", "malar": "target_year", "målverdi": "target_value", "malverdi": "target_value",
		"måltall": "target_value",
	}
	for _, f := range targetFields {
		m[f] = f
	}
	return m
}

// ReadTargets reads targets from path: YAML (.yaml, .yml) as
//
//	targets:
//	  - {indicator: barn-lavinntekt, area: "4699", baseline_year: 2024,
//	     baseline_value: 12.1, target_year: 2030, target_value: 9}
//
// or a sheet (xlsx, csv) with the columns indicator, area, baseline_year,
// baseline_value, target_year, target_value (or indikator, område,
// basisår, basisverdi, målår, målverdi). Values may have a decimal comma.
// Every field is required; the values are not checked against the
// indicators here (see indicators.Target.Validate). Errors are EINVALID
// *budget.Error values naming the row and field.
func ReadTargets(ctx context.Context, path string, opts tabular.Options) ([]indicators.Target, error) {
	if isYAML(path) {
		b, err := readYAML(ctx, path)
		if err != nil {
			return nil, err
		}
		return parseTargetsYAML(b, path)
	}
	s, err := readSheet(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	col, err := s.columns(targetAliases(), targetFields)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, f := range targetFields {
		if _, ok := col[f]; !ok {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		return nil, budget.Errorf(budget.EINVALID, "%s lacks the column(s) %s: the header needs %s",
			s.name, strings.Join(missing, ", "), strings.Join(targetFields, ", "))
	}
	errs := &rowErrors{name: s.name}
	var out []indicators.Target
	for _, r := range s.rows {
		c := func(f string) string { return cell(r, col, f) }
		t := indicators.Target{Indicator: c("indicator"), Area: c("area")}
		for _, f := range []string{"indicator", "area"} {
			if c(f) == "" {
				errs.add(r.Number, f, "missing")
			}
		}
		t.BaselineYear = yearCell(r.Number, c("baseline_year"), "baseline_year", errs)
		t.TargetYear = yearCell(r.Number, c("target_year"), "target_year", errs)
		t.BaselineValue = decimalCell(r.Number, c("baseline_value"), "baseline_value", errs)
		t.TargetValue = decimalCell(r.Number, c("target_value"), "target_value", errs)
		out = append(out, t)
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, budget.Errorf(budget.EINVALID, "%s has no targets below its header", s.name)
	}
	return out, nil
}

func parseTargetsYAML(b []byte, path string) ([]indicators.Target, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var f struct {
		Targets []indicators.Target `yaml:"targets"`
	}
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, budget.Errorf(budget.EINVALID, "%s: %v", path, err)
	}
	if len(f.Targets) == 0 {
		return nil, budget.Errorf(budget.EINVALID, "%s has no targets: it needs a list 'targets:'", path)
	}
	for i, t := range f.Targets {
		if t.Indicator == "" || t.Area == "" || t.BaselineYear == 0 || t.TargetYear == 0 {
			return nil, budget.Errorf(budget.EINVALID, "%s: target %d needs indicator, area, baseline_year and target_year", path, i+1)
		}
	}
	return f.Targets, nil
}

func yearCell(row int, v, field string, errs *rowErrors) int {
	n, err := strconv.Atoi(strings.TrimSuffix(v, ".0"))
	if err != nil {
		errs.add(row, field, "%q is not a year", v)
	}
	return n
}

func decimalCell(row int, v, field string, errs *rowErrors) decimal.Decimal {
	d, err := parseDecimal(v)
	if err != nil {
		errs.add(row, field, "%q is not a number", v)
	}
	return d
}

// parseDecimal reads a number as a sheet holds it: "12.5", "12,5",
// " 12,5 " or xlsx's raw "1.2E-1". Thousands separators are not expected
// in indicator values and are refused ("1 234,5" and "1.234,5").
func parseDecimal(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	s = strings.Replace(s, "−", "-", 1)
	if s == "" || strings.ContainsAny(s, " ,") {
		return decimal.Decimal{}, errors.New("not a number")
	}
	return decimal.NewFromString(s)
}
