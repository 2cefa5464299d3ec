package indicatorfile

import (
	"context"
	"fmt"

	"github.com/helsebudsjett/helsebudsjett/budget/yamlfile"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// Mapping says what a file holds and where. Read detects one when none is
// given and returns it in Result.Mapping; saved with --save-mapping and
// given back with --mapping, it reproduces the import, and next year's file
// of the same shape imports with it unchanged.
//
// Columns are named by their header text (for two-row headers, the two
// cells joined by a space: "2024 Andel"), compared ignoring case, spaces
// and æøå spelling.
//
//	indicator: trangboddhet
//	scale: fraction
//	layout: long
//	columns:
//	  geo_code: Kommunenummer
//	  geo_name: Geografi
//	  period: År
//	  value: Andel
//	  dims: [Alder, Innvandringsbakgrunn]
//	where: {Innvandringsbakgrunn: totalt}
//
// A file of several indicators names the column and maps its labels:
//
//	indicator_column: Indikator
//	indicators: {Trangboddhet: trangboddhet, "Vedvarende lavinntekt": lavinntekt}
type Mapping struct {
	// Format is csv, xlsx or json-stat; empty means decide from the file.
	Format string `yaml:"format,omitempty" json:"format,omitempty"`
	Sheet  string `yaml:"sheet,omitempty" json:"sheet,omitempty"`
	// Indicator is the id of the indicator the whole file holds.
	Indicator string `yaml:"indicator,omitempty" json:"indicator,omitempty"`
	// IndicatorColumn names a column giving each row's indicator, and
	// Indicators maps its labels to ids. Rows whose label is not mapped
	// are skipped as "other_indicator".
	IndicatorColumn string            `yaml:"indicator_column,omitempty" json:"indicator_column,omitempty"`
	Indicators      map[string]string `yaml:"indicators,omitempty" json:"indicators,omitempty"`
	// Scale is fraction or percent (see Scale); Options.Scale wins.
	Scale Scale `yaml:"scale,omitempty" json:"scale,omitempty"`
	// Layout is long or wide (json-stat files need none).
	Layout string `yaml:"layout,omitempty" json:"layout,omitempty"`
	// HeaderRow is the row number (as Excel shows it) of the first header
	// row; HeaderRows is 1 or 2. Zero means detect.
	HeaderRow  int `yaml:"header_row,omitempty" json:"header_row,omitempty"`
	HeaderRows int `yaml:"header_rows,omitempty" json:"header_rows,omitempty"`
	// Period is the period of every value of a file that has neither a
	// period column nor periods across.
	Period string `yaml:"period,omitempty" json:"period,omitempty"`
	// PeriodFormat settles "2011-12": month (December 2011) or
	// school-year (2011-2012). Empty: a school year when the second number
	// follows the first, unless the file's other periods are months.
	PeriodFormat indicators.PeriodFormat `yaml:"period_format,omitempty" json:"period_format,omitempty"`
	Columns      Columns                 `yaml:"columns,omitempty" json:"columns,omitempty"`
	Periods      []PeriodColumn          `yaml:"periods,omitempty" json:"periods,omitempty"`
	// GroupDim names the dimension of the periods' groups (kjønn).
	GroupDim string `yaml:"group_dim,omitempty" json:"group_dim,omitempty"`
	// Ignore lists columns that are neither dims nor anything else.
	Ignore []string `yaml:"ignore,omitempty" json:"ignore,omitempty"`
	// Where picks rows, as --where does; --where adds to it.
	Where map[string]string `yaml:"where,omitempty" json:"where,omitempty"`
	// Exclude drops the rows whose column holds one of the values, as
	// --exclude COLUMN=VALUE does; --exclude adds to it.
	Exclude map[string][]string `yaml:"exclude,omitempty" json:"exclude,omitempty"`
	// AreaAliases maps a geography as the file writes it to an area code
	// or name, as --area-alias does: {"I alt": "0"} takes NAV's national
	// total for Hele landet instead of skipping it as an aggregate.
	AreaAliases map[string]string `yaml:"area_aliases,omitempty" json:"area_aliases,omitempty"`
}

// Columns names the columns of a long table (and the label columns of a
// wide one).
type Columns struct {
	GeoCode string `yaml:"geo_code,omitempty" json:"geo_code,omitempty"`
	GeoName string `yaml:"geo_name,omitempty" json:"geo_name,omitempty"`
	Period  string `yaml:"period,omitempty" json:"period,omitempty"`
	Value   string `yaml:"value,omitempty" json:"value,omitempty"`
	Count   string `yaml:"count,omitempty" json:"count,omitempty"`
	// Level is a column giving each row's geographic level (Udir's
	// EnhetNivaa): rows of a level that is not an area (Skole) are skipped.
	Level string   `yaml:"level,omitempty" json:"level,omitempty"`
	Dims  []string `yaml:"dims,omitempty" json:"dims,omitempty"`
}

// PeriodColumn is a column of a wide table: the period it holds, and
// whether it is the value or the count.
type PeriodColumn struct {
	Column  string `yaml:"column" json:"column"`
	Period  string `yaml:"period" json:"period"`
	Measure string `yaml:"measure,omitempty" json:"measure,omitempty"` // value (default) or count
	// Group is the group of the column when the periods are split into
	// groups (Gutter, Jenter under each period); group_dim names the
	// dimension.
	Group string `yaml:"group,omitempty" json:"group,omitempty"`
}

// The measures of a wide column.
const (
	measureValue = "value"
	measureCount = "count"
)

// The layouts.
const (
	LayoutLong     = "long"
	LayoutWide     = "wide"
	LayoutJSONStat = "json-stat"
)

// LoadMapping reads and checks a mapping file (yamlfile.LoadMapping).
func LoadMapping(ctx context.Context, path string) (*Mapping, error) {
	var m Mapping
	if err := yamlfile.LoadMapping(ctx, path, &m, m.check); err != nil {
		return nil, err
	}
	return &m, nil
}

// YAML returns the mapping as YAML, as LoadMapping reads it.
func (m Mapping) YAML() ([]byte, error) { return yamlfile.Encode(m) }

func (m *Mapping) check() error {
	switch m.Format {
	case "", "csv", "xlsx", "json-stat":
	default:
		return fmt.Errorf("format %q: use csv, xlsx or json-stat", m.Format)
	}
	switch m.Scale {
	case ScaleDefault, ScaleFraction, ScalePercent:
	default:
		return fmt.Errorf("scale %q: use fraction or percent", m.Scale)
	}
	switch m.PeriodFormat {
	case indicators.PeriodAuto, indicators.PeriodMonth, indicators.PeriodSchoolYear:
	default:
		return fmt.Errorf("period_format %q: use month or school-year", m.PeriodFormat)
	}
	switch m.Layout {
	case "", LayoutLong, LayoutWide:
	default:
		return fmt.Errorf("layout %q: use long or wide", m.Layout)
	}
	if m.HeaderRows < 0 || m.HeaderRows > 2 {
		return fmt.Errorf("header_rows %d: use 1 or 2", m.HeaderRows)
	}
	if m.HeaderRow < 0 {
		return fmt.Errorf("header_row %d: must be a row number", m.HeaderRow)
	}
	if len(m.Indicators) > 0 && m.IndicatorColumn == "" {
		return fmt.Errorf("indicators maps labels but indicator_column names no column")
	}
	for _, p := range m.Periods {
		switch p.Measure {
		case "", measureValue, measureCount:
		default:
			return fmt.Errorf("periods: column %q has measure %q: use value or count", p.Column, p.Measure)
		}
		if p.Column == "" || p.Period == "" {
			return fmt.Errorf("periods: every entry needs a column and a period")
		}
	}
	return nil
}
