package indicatorimport

import (
	"fmt"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorfile"
)

// The option parsers below read the options as a person writes them, the
// same for `import indicators`'s flags and the web's form fields; their
// errors name the value, the caller names the flag or field.

// ParseFilter reads a row filter COLUMN=VALUE (--where, --exclude).
func ParseFilter(s string) (indicatorfile.Where, error) {
	col, val, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(col) == "" {
		return indicatorfile.Where{}, fmt.Errorf("want COLUMN=VALUE, got %q", s)
	}
	return indicatorfile.Where{Column: strings.TrimSpace(col), Value: strings.TrimSpace(val)}, nil
}

// ParseAlias reads an area alias TEXT=AREA (--area-alias) into aliases.
func ParseAlias(aliases map[string]string, s string) error {
	text, area, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(text) == "" || strings.TrimSpace(area) == "" {
		return fmt.Errorf("want TEXT=AREA (\"I alt=0\"), got %q", s)
	}
	aliases[strings.TrimSpace(text)] = strings.TrimSpace(area)
	return nil
}

// ParseScale checks a scale: "" (the default), fraction or percent.
func ParseScale(s string) (indicatorfile.Scale, error) {
	switch sc := indicatorfile.Scale(s); sc {
	case indicatorfile.ScaleDefault, indicatorfile.ScaleFraction, indicatorfile.ScalePercent:
		return sc, nil
	}
	return "", fmt.Errorf("%q: use fraction or percent", s)
}

// ParsePeriodFormat checks a period format: "" (detect), month or
// school-year.
func ParsePeriodFormat(s string) (indicators.PeriodFormat, error) {
	switch f := indicators.PeriodFormat(s); f {
	case indicators.PeriodAuto, indicators.PeriodMonth, indicators.PeriodSchoolYear:
		return f, nil
	}
	return "", fmt.Errorf("%q: use month or school-year", s)
}

// ParseOptions reads the options of one import as a form gives them (the
// web's upload, the API): the indicator, scale and period format, and the
// repeatable row filters and area aliases, each checked as the CLI checks
// its flags. The error names the option and the value.
func ParseOptions(indicator, scale, periodFormat string, where, exclude, aliases []string) (Options, error) {
	var o Options
	var err error
	o.Indicator = indicator
	if o.Scale, err = ParseScale(scale); err != nil {
		return o, fmt.Errorf("scale %v", err)
	}
	if o.PeriodFormat, err = ParsePeriodFormat(periodFormat); err != nil {
		return o, fmt.Errorf("period format %v", err)
	}
	for _, s := range where {
		f, err := ParseFilter(s)
		if err != nil {
			return o, fmt.Errorf("where: %v", err)
		}
		o.Where = append(o.Where, f)
	}
	for _, s := range exclude {
		f, err := ParseFilter(s)
		if err != nil {
			return o, fmt.Errorf("exclude: %v", err)
		}
		o.Exclude = append(o.Exclude, f)
	}
	o.AreaAliases = map[string]string{}
	for _, s := range aliases {
		if err := ParseAlias(o.AreaAliases, s); err != nil {
			return o, fmt.Errorf("area alias: %v", err)
		}
	}
	return o, nil
}
