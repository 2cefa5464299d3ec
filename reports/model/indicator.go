package model

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// IndicatorView is one indicator as indicators show gives it: its
// definition, its values (the series), its targets with their status, the
// trend of each area, the inequality between areas and between two groups,
// and notes on what could not be shown. It is the --json form of the
// command. Slices are empty, never nil, except Where and Groups.
type IndicatorView struct {
	ID          string               `json:"id"`
	Name        string               `json:"name"`
	Unit        indicators.Unit      `json:"unit"`
	Better      indicators.Direction `json:"better"`
	Determinant string               `json:"determinant"`
	Definition  string               `json:"definition"`
	Source      string               `json:"source"`
	MinCount    int                  `json:"min_count"`
	Lang        indicators.Lang      `json:"lang"`
	AsOf        string               `json:"as_of,omitempty"`
	Public      bool                 `json:"public"`
	Where       []indicators.Dim     `json:"where,omitempty"`
	Area        string               `json:"area,omitempty"`
	Series      []SeriesPoint        `json:"series"`
	Targets     []TargetView         `json:"targets"`
	Status      []indicators.Status  `json:"status"` // one per target, in the same order
	Trend       TrendView            `json:"trend"`
	Inequality  []InequalityView     `json:"inequality"`
	Groups      []GroupView          `json:"groups,omitempty"`
	Notes       []string             `json:"notes"`
}

// SeriesPoint is one value of the series: one area, period and group.
type SeriesPoint struct {
	Area         string           `json:"area"`
	AreaName     string           `json:"area_name"`
	Period       string           `json:"period"`
	Dims         []indicators.Dim `json:"dims"`
	Value        *decimal.Decimal `json:"value"` // null when missing or suppressed
	Marker       string           `json:"marker"`
	Count        *int             `json:"count,omitempty"`
	Suppressed   bool             `json:"suppressed,omitempty"`
	Secondary    bool             `json:"secondary,omitempty"`
	Confidential bool             `json:"confidential,omitempty"`
	Note         string           `json:"note,omitempty"`
}

// TargetView is a stored target with its area's name and its target path.
type TargetView struct {
	indicators.Target
	AreaName string                 `json:"area_name"`
	Path     []indicators.PathPoint `json:"path"`
}

// TrendView is the indicator's trend rule and the rating of each area.
type TrendView struct {
	Rule      string             `json:"rule"`
	Periods   int                `json:"periods"`
	Threshold decimal.Decimal    `json:"threshold"`
	Ratings   []indicators.Trend `json:"ratings"`
}

// InequalityView is the inequality between the areas of one level in one
// period; the statistics are rounded to six decimals.
type InequalityView struct {
	Period       string               `json:"period"`
	Level        indicators.Level     `json:"level"`
	By           string               `json:"by"`
	Areas        int                  `json:"areas"`
	Gap          *float64             `json:"gap"`
	Ratio        *float64             `json:"ratio"`
	Mean         *float64             `json:"mean"`
	SII          *float64             `json:"sii"`
	RII          *float64             `json:"rii"`
	Best         string               `json:"best,omitempty"`
	Worst        string               `json:"worst,omitempty"`
	Confidential bool                 `json:"confidential,omitempty"`
	LeftOut      []indicators.LeftOut `json:"left_out"`
	Notes        []string             `json:"notes,omitempty"`
}

// GroupView compares group B with group A in one area and period; the
// figures are rounded to six decimals.
type GroupView struct {
	Dim      string `json:"dim"`
	GroupA   string `json:"group_a"`
	GroupB   string `json:"group_b"`
	AreaName string `json:"area_name"`
	indicators.GroupGap
}

// OptionError is a ShowOptions field the workspace cannot answer or that
// cannot be read: an unknown indicator (ID, By), a Where dimension
// no value has, a Groups not written DIM=A,B. Its message names the
// command-line flag (--by, --where, --groups) and says what to
// write instead, so a command line can print it as its usage error.
type OptionError struct{ Msg string }

func (e *OptionError) Error() string { return e.Msg }

// Unwrap makes an OptionError an EINVALID budget.Error for callers that go
// by budget.ErrorCode.
func (e *OptionError) Unwrap() error { return budget.Errorf(budget.EINVALID, "%s", e.Msg) }

func optionErrorf(format string, args ...any) error {
	return &OptionError{Msg: fmt.Sprintf(format, args...)}
}
