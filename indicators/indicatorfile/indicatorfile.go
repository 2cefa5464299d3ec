// Package indicatorfile reads the indicator files a public-health
// coordinator downloads (FHI statistikkbank and Kommunehelsa, SSB
// statbank, Udir, NAV, an analyst's own workbook) into indicator values by
// area, period and group.
//
// It reads, through package tabular (any encoding and separator, xlsx):
//
//   - long tables: a geography column (code and/or name), a period column,
//     any dimension columns (kjønn, alder, utdanningsnivå, …) and a value
//     column (Andel, Måltall, Verdi, Value, Prosent, Antall, …). A count
//     column ("Antall" or "Teller" beside "Andel") is stored as the value's
//     Count;
//   - wide tables: periods across ("2013-2015", "Andel 2024",
//     "Andel (2021-2023)"), with one row of headers or two (periods on the
//     first, Andel/Antall under each on the second, merged cells spread
//     across their columns);
//   - SSB's JSON-stat 2.0 datasets (the statbank API's format).
//
// Rules:
//
//   - Labels are trimmed of white space of every kind (non-breaking and
//     trailing spaces). Empty label cells under a label (merged cells, as
//     xlsx leaves them) are filled down from the row above.
//   - Rows whose geography is an aggregate ("Gjennomsnitt", "Sum", "I alt")
//     or which have no geography and an aggregate word in another label
//     cell (an analyst's average row) are skipped as "aggregate", never
//     taken for an area. Blank rows and single-cell notes ("Kilde: FHI")
//     are skipped and counted.
//   - Geography: matched by code, else by name in any spelling
//     indicators.NormName folds together, against the workspace areas
//     (Options.Areas). Not found is a row error that lists the closest
//     names.
//   - Periods: indicators.ParsePeriod. Values: see cell.ParseValue; the
//     missing markers -, :, .., ., * and an empty cell are stored as
//     missing with the marker kept, never 0.
//   - Shares are scaled by Options.Scale (fraction: ×100 for percent, ×1000
//     for per 1000) and checked against the unit's range: a share above
//     100 % or a negative figure is a row error.
//   - Dimension values that mean the whole population ("alle aldre",
//     "kjønn samlet", "totalt", "begge kjønn", "i alt") are not stored as
//     dimensions: the whole-population figure is the indicator's headline
//     value, with no dims, whichever layout it came in. Other dimension
//     names are the header in lower case.
//   - A column of indicator names (Indikator, Statistikkvariabel, SSB's
//     ContentsCode) holding more than one name is an error unless
//     --where picks one or a mapping maps them to indicator ids.
//   - The same (area, period, dims) twice for one indicator is a row
//     error.
package indicatorfile

import (
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// Scale says what a file's shares are: fractions 0-1 or percentages 0-100.
type Scale string

// The scales.
const (
	ScaleDefault  Scale = ""         // as the mapping says, else percent
	ScaleFraction Scale = "fraction" // 0.103 means 10.3 %
	ScalePercent  Scale = "percent"  // 10.3 means 10.3 %
)

// Where picks the rows whose Column holds Value (compared ignoring case,
// spaces and æøå spelling).
type Where struct {
	Column, Value string
}

// Options tell Read how to read a file.
type Options struct {
	Name string // file name for messages (default: base name of the path)
	// Indicator is the indicator the whole file holds (--indicator). It may
	// be empty when the mapping names it or maps an indicator column.
	Indicator string
	// Lookup finds an indicator of the catalogue by id; unknown ids are
	// errors. Required.
	Lookup func(id string) (indicators.Indicator, bool)
	// Closest, when set, gives the ids nearest to an unknown one, for the
	// error's "did you mean" (Catalogue.Closest).
	Closest func(id string, n int) []string
	// Areas are the workspace areas, standing on the built-in reference
	// geography (indicators.NewGazetteerWithReference); required.
	Areas *indicators.Gazetteer
	Scale Scale
	Where []Where
	// Exclude drops the rows whose column holds the value (--exclude).
	Exclude []Where
	// AreaAliases maps a geography as the file writes it ("I alt") to an
	// area code or name ("0") (--area-alias).
	AreaAliases map[string]string
	Sheet       string
	// PeriodFormat settles "2011-12" (--period-format); it wins over the
	// mapping's period_format.
	PeriodFormat indicators.PeriodFormat
	Mapping      *Mapping // explicit mapping; nil = detect
	MaxSize      int64    // refuse larger files; 0 = tabular's default
}

// Result is what Read found. Values holds the good values of each
// indicator, in file order; when ErrorCount > 0 they must not be stored.
type Result struct {
	File     string `json:"file"`
	SHA256   string `json:"sha256"`
	Size     int64  `json:"size"`
	Format   string `json:"format"` // csv, xlsx or json-stat
	Sheet    string `json:"sheet,omitempty"`
	Encoding string `json:"encoding,omitempty"`
	Layout   string `json:"layout"` // long, wide or json-stat

	// NewAreas are the areas of the built-in reference geography the
	// values land on that the workspace does not hold yet: the import
	// stores them with the values.
	NewAreas []indicators.Geo `json:"new_areas,omitempty"`

	RowsRead int                           `json:"rows_read"`
	Values   map[string][]indicators.Value `json:"-"`
	Skipped  map[string]int                `json:"skipped"`

	Warnings   []string              `json:"warnings"`
	Notes      []string              `json:"notes"` // what the reader decided about columns, and why
	Errors     []budgetfile.RowError `json:"errors"`
	ErrorCount int                   `json:"error_count"`
	Mapping    Mapping               `json:"mapping"`
	// OptionsKey identifies every option that shaped the values: a hash
	// of the final Mapping (indicator, scale, sheet, columns, periods,
	// where, …). The same file read with the same key gives the same values.
	OptionsKey   string `json:"options_key"`
	indicatorIDs []string
}

// Indicators returns the ids of the indicators the file gave values for,
// in the order first met.
func (r *Result) Indicators() []string { return r.indicatorIDs }

// Count returns the number of values read, over all indicators.
func (r *Result) Count() int {
	n := 0
	for _, vs := range r.Values {
		n += len(vs)
	}
	return n
}

// maxKept bounds the warnings and errors a Result keeps in full.
const maxKept = 1000

func (r *Result) fail(e budgetfile.RowError) {
	r.ErrorCount++
	if len(r.Errors) < maxKept {
		r.Errors = append(r.Errors, e)
	}
}

func (r *Result) warn(s string) {
	if len(r.Warnings) < maxKept {
		r.Warnings = append(r.Warnings, s)
	}
}
