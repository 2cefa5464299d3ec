// Package indicators holds the equity indicators (levekårsindikatorer) the
// health-equity budget steers by, as the klimabudsjett steers by tonnes of
// CO2: the catalogue, the areas they are measured in, their values by area,
// period and group, targets and target paths, trend ratings, inequality
// measures (gap, ratio, SII, RII) and the small-number rules (prikking).
//
// The package knows nothing of files, SQL or the command line.
package indicators

import (
	"github.com/shopspring/decimal"
)

// Unit is what an indicator's values measure.
type Unit string

// The units an indicator may have.
const (
	Percent Unit = "percent" // 0-100
	Per1000 Unit = "per1000" // 0-1000
	Years   Unit = "years"   // e.g. life expectancy
	Points  Unit = "points"  // e.g. grunnskolepoeng
	Count   Unit = "count"   // people, cases
	Kroner  Unit = "kr"      // money per person, e.g. median income
)

// Direction says which way an indicator improves.
type Direction string

// Directions.
const (
	LowerIsBetter  Direction = "lower"
	HigherIsBetter Direction = "higher"
)

// Level is a kind of geography, from the country down.
type Level string

// Levels, largest first. Land and Fylke are reference geographies: kept for
// comparison, never taken for a kommune or bydel.
const (
	Land     Level = "land"
	Fylke    Level = "fylke"
	Kommune  Level = "kommune"
	Bydel    Level = "bydel"
	Delbydel Level = "delbydel"
	Sone     Level = "sone" // levekårssone, a local zone
)

// Reference reports whether the level is a reference geography.
func (l Level) Reference() bool { return l == Land || l == Fylke }

// TrendRule rates an indicator's trend: the change over the last Periods
// periods (last value minus the value Periods-1 periods earlier), compared
// with Threshold in the indicator's unit. A change smaller than Threshold in
// either direction is "maintaining"; otherwise the Direction decides
// improving or worsening. Text is the rule in words, printed beside every
// rating.
type TrendRule struct {
	Periods   int             `yaml:"periods" json:"periods"`
	Threshold decimal.Decimal `yaml:"threshold" json:"threshold"`
	Text      string          `yaml:"text" json:"text"`
	TextNN    string          `yaml:"text_nn" json:"text_nn"`
}

// Indicator is one equity indicator of the catalogue.
type Indicator struct {
	ID          string `yaml:"id" json:"id"` // stable: files, mappings and the CLI name it
	Name        string `yaml:"name" json:"name"`
	NameNN      string `yaml:"name_nn" json:"name_nn"`
	Determinant string `yaml:"determinant" json:"determinant"` // påvirkningsfaktor: inntekt, arbeid, utdanning, oppvekst, bolig, nærmiljø, sosial deltakelse, helse
	Definition  string `yaml:"definition" json:"definition"`
	// DefinitionNN is the definition in nynorsk; the nynorsk documents fall
	// back to Definition where a municipality's own indicator has none.
	DefinitionNN string    `yaml:"definition_nn,omitempty" json:"definition_nn,omitempty"`
	Unit         Unit      `yaml:"unit" json:"unit"`
	Better       Direction `yaml:"better" json:"better"`
	Source       string    `yaml:"source" json:"source"` // FHI, SSB, Udir, NAV, local
	Levels       []Level   `yaml:"levels" json:"levels"`
	MinCount     int       `yaml:"min_count" json:"min_count"` // smallest count that may be published; 0 means the default 5
	Trend        TrendRule `yaml:"trend" json:"trend"`
	Groups       GroupPair `yaml:"groups,omitempty" json:"groups,omitzero"` // optional: the groups compared by default
}

// GroupPair names two groups of one dimension to compare, such as
// utdanningsnivå grunnskole (A) against universitet/høyskole (B). The gap
// between them is B minus A.
type GroupPair struct {
	Dim string `yaml:"dim" json:"dim"`
	A   string `yaml:"a" json:"a"`
	B   string `yaml:"b" json:"b"`
}

// DefaultMinCount is the small-number threshold when an indicator names none.
const DefaultMinCount = 5

// Threshold returns the smallest count that may be published.
func (ind Indicator) Threshold() int {
	if ind.MinCount > 0 {
		return ind.MinCount
	}
	return DefaultMinCount
}

// Geo is an area: a kommune, bydel, delbydel or levekårssone, or a reference
// geography (the county, the whole country). Codes are text: kommunenummer
// keep their leading zero ("0301"), SSB bydel codes are 6 digits ("030101").
type Geo struct {
	Code       string      `json:"code"`
	Name       string      `json:"name"`
	Level      Level       `json:"level"`
	Parent     string      `json:"parent,omitempty"`
	Population map[int]int `json:"population,omitempty"` // per year, for weighting
}

// Period is what a value covers: a year (Start == End), a span of years
// such as "2018-2024", or a date. Label keeps the text as published; a span
// is placed at its End year on a time axis.
type Period struct {
	Label string `json:"label"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Dim is one dimension of a value: kjønn, alder, utdanningsnivå,
// innvandringskategori and so on. A value's dims are kept sorted by Name.
type Dim struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Value is one published figure. Value is nil when the figure is missing;
// Marker then keeps the sign the source used ("-", ":", "..", ".", "*" or
// ""), since a missing value is never zero. Count, when known, is the number
// of people behind the figure, for the small-number rule.
type Value struct {
	Indicator string           `json:"indicator"`
	Area      string           `json:"area"`
	Period    Period           `json:"period"`
	Dims      []Dim            `json:"dims,omitempty"`
	Value     *decimal.Decimal `json:"value"`
	Marker    string           `json:"marker,omitempty"`
	Count     *int             `json:"count,omitempty"`
}

// Target is the path an indicator should follow in one area: from a
// baseline to a target value in a target year, in a straight line.
type Target struct {
	Indicator      string          `yaml:"indicator" json:"indicator"`
	Area           string          `yaml:"area" json:"area"`
	BaselinePeriod Period          `yaml:"-" json:"baseline_period"`
	BaselineYear   int             `yaml:"baseline_year" json:"baseline_year"`
	BaselineValue  decimal.Decimal `yaml:"baseline_value" json:"baseline_value"`
	TargetYear     int             `yaml:"target_year" json:"target_year"`
	TargetValue    decimal.Decimal `yaml:"target_value" json:"target_value"`
}
