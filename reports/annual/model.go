package annual

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// Options choose the report.
type Options struct {
	Year   int             // the year reported on
	Public bool            // apply the small-number rules; else the report is internal
	Lang   indicators.Lang // bokmål (default) or nynorsk
	// Term limits the units' reports to those up to this term of the
	// year: T1 or T2 make a status report per that tertial (the wheel's
	// tertial reports); "" or budget.TermYear the annual report.
	Term budget.Term
	// By is the socio-economic indicator areas are ranked by for SII, RII
	// and the bar charts ("lavinntekt" when empty).
	By string
	// Wheel is the yearly wheel in force; its report task dates the report
	// when the data were imported before the period ended. nil: none.
	Wheel *wheel.Wheel
	// Date is when the wheel's report task runs (the runner sets it); zero
	// when the report is asked for by hand.
	Date time.Time
	// Gross is the base of gross operating expenditure the share of the
	// budget is computed on; the zero value is KOSTRA's.
	Gross budget.GrossBase
}

// DefaultBy is the ranking indicator when Options.By is empty.
const DefaultBy = "lavinntekt"

// Report is the content of the annual report: every figure and text as
// the PDF shows it, with the exact values beside the texts.
type Report struct {
	Year         int             `json:"year"`
	Public       bool            `json:"public"`
	Lang         indicators.Lang `json:"lang"`
	Municipality string          `json:"municipality"`
	Kommune      string          `json:"kommune"` // the kommune's area code
	// Date is the document's date: the latest import the report rests
	// on, or the wheel's report task when that is later, and never before
	// the period reported on ends.
	Date time.Time `json:"date"`
	// AsOf is the date of the data: the latest import the report rests on.
	AsOf time.Time `json:"as_of"`
	// PeriodEnd is the last day of the period reported on.
	PeriodEnd time.Time `json:"period_end"`
	Title     string    `json:"title"`
	Subtitle  string    `json:"subtitle"`
	// Marking is printed on every page of an internal report; "" when
	// public.
	Marking string `json:"marking,omitempty"`
	// Budget is the year's budget the report compares with: revidert
	// when there is one, else vedtatt; the zero Key when neither.
	Budget budget.Key `json:"budget"`
	// Reported are the periods of the year with reports from the units.
	Reported []budget.Period `json:"reported"`

	Summary    Summary     `json:"summary"`
	Indicators []Indicator `json:"indicators"`
	Measures   Measures    `json:"measures"`
	Money      Money       `json:"money"`
	About      About       `json:"about"`
}

// Summary holds the key figures of Sammendrag.
type Summary struct {
	LinkedOre int64 `json:"linked_ore"` // counted for the measures in Budget, net of income lines
	// LinkedGrossOre is the part of LinkedOre on lines in the gross base:
	// the amount set against ExpensesOre.
	LinkedGrossOre int64            `json:"linked_gross_ore"`
	ExpensesOre    int64            `json:"expenses_ore"` // Budget's gross operating expenditure (Base)
	Share          *decimal.Decimal `json:"share"`        // LinkedGrossOre of ExpensesOre, percent, 1 decimal
	Base           string           `json:"base"`         // what ExpensesOre is: "brutto driftsutgifter etter KOSTRA (art 010–480 og 590 minus 690, 710 og 729)"
	// The year's measures' budget and accounts (budget.MeasureSpending summed).
	BudgetOre   int64 `json:"budget_ore"`
	AccountsOre int64 `json:"accounts_ore"`
	HasAccounts bool  `json:"has_accounts"`

	Measures int           `json:"measures"` // measures that run in the year
	ByStatus []StatusCount `json:"by_status"`

	Targets  int `json:"targets"` // targets judged (indicator × area)
	OnTrack  int `json:"on_track"`
	OffTrack int `json:"off_track"`
	NoData   int `json:"no_data"`

	Gaps     int `json:"gaps"` // indicators whose gap between areas could be compared
	Narrowed int `json:"narrowed"`
	Widened  int `json:"widened"`
	Same     int `json:"same"`

	// Furthest is, per unit of the indicators, the target furthest behind
	// its path.
	Furthest []Furthest `json:"furthest"`

	Text []string `json:"text"` // the generated summary, paragraphs
}

// StatusCount is how many measures stand at a status at the end of the
// latest period reported; Status "" counts those without a report.
type StatusCount struct {
	Status budget.Progress `json:"status"`
	Text   string          `json:"text"`
	Count  int             `json:"count"`
}

// Indicator is one indicator's part of the chapter Indikatorer.
type Indicator struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Determinant string `json:"determinant"`
	Definition  string `json:"definition"`
	// DefinitionTranslated is false when a nynorsk report shows the
	// catalogue's bokmål definition for want of a nynorsk one.
	DefinitionTranslated bool                 `json:"definition_translated"`
	Source               string               `json:"source"`
	Unit                 indicators.Unit      `json:"unit"`
	UnitText             string               `json:"unit_text"`
	Better               indicators.Direction `json:"better"`
	Threshold            int                  `json:"threshold"`
	Periods              string               `json:"periods"` // "2016–2025"
	Level                indicators.Level     `json:"level"`   // the level areas are compared at; "" when none

	Series []Series   `json:"series"` // the kommune first, then the areas, as the chart draws them
	Rows   []AreaRow  `json:"rows"`   // the latest value per area
	Paths  []PathRow  `json:"paths"`  // per target: the path, the path with the measures, the gap
	Trend  *AreaTrend `json:"trend"`  // the kommune's
	// Inequality between the areas in the latest period, with the period
	// before for comparison.
	Inequality *Inequality `json:"inequality"`
	Bars       []Bar       `json:"bars"` // by area, ordered by socio-economic rank, worst first
	// Groups is the gap between two groups of the population over time,
	// for an indicator published by group; nil for others.
	Groups *Groups  `json:"groups,omitempty"`
	Notes  []string `json:"notes"`
	// ChartNotes explain the breaks in the chart's lines, printed right
	// below it.
	ChartNotes []string `json:"chart_notes"`
}

// Series is one area's values, as a chart draws them.
type Series struct {
	Area    string  `json:"area"`
	Name    string  `json:"name"`
	Kommune bool    `json:"kommune"`
	Points  []Point `json:"points"`
}

// Point is one value: X is the period's end year. A suppressed value is
// not a point in a public report.
type Point struct {
	X            float64 `json:"x"`
	Period       string  `json:"period"`
	Y            float64 `json:"y"`
	Confidential bool    `json:"confidential,omitempty"`
}

// AreaRow is an area's latest value, its status against its target path
// (when it has one) and its trend.
type AreaRow struct {
	Area         string             `json:"area"`
	Name         string             `json:"name"`
	Kommune      bool               `json:"kommune"`
	Period       string             `json:"period"`
	Value        *decimal.Decimal   `json:"value"` // nil when missing or suppressed
	Text         string             `json:"text"`  // ":" suppressed, "–" missing, "12,3*" confidential
	Suppressed   bool               `json:"suppressed,omitempty"`
	Confidential bool               `json:"confidential,omitempty"`
	Status       *indicators.Status `json:"status,omitempty"`
	StatusText   string             `json:"status_text"`   // "i rute", "ikke i rute", "ingen målbane"
	DistanceText string             `json:"distance_text"` // "mangler 2,0 prosentpoeng"; "" without a target
	Trend        indicators.Trend   `json:"trend"`
}

// AreaTrend is a trend rating with its rule, for one area.
type AreaTrend struct {
	indicators.Trend
	AreaName string `json:"area_name"`
}

// PathRow is one target: where the target path ends, where the adopted
// measures take the indicator by then, and the gap between them
// (indicators.Trajectory).
type PathRow struct {
	Area       string                `json:"area"`
	Name       string                `json:"name"`
	Target     indicators.Target     `json:"target"`
	Status     indicators.Status     `json:"status"`
	Trajectory indicators.Trajectory `json:"trajectory"`
	GapText    string                `json:"gap_text"`
	// Unquantified is true when no adopted measure gives the indicator a
	// numeric effect here, so the path with the measures stays at the
	// baseline; Beside names the measures whose effect is only ordinal.
	Unquantified bool     `json:"unquantified"`
	Beside       []string `json:"beside,omitempty"`
}

// Inequality is the inequality between areas in the latest period and
// the period before.
type Inequality struct {
	By       string                 `json:"by"` // the ranking indicator's name
	Latest   indicators.Inequality  `json:"latest"`
	Previous *indicators.Inequality `json:"previous,omitempty"`
	Change   GapChange              `json:"change"`
	LeftOut  []string               `json:"left_out"` // "Haugen (prikket)"
}

// GapChange says how the gap between areas moved from the period before.
type GapChange string

// The changes of a gap.
const (
	Narrowed GapChange = "narrowed"
	Widened  GapChange = "widened"
	Same     GapChange = "same"
	NoChange GapChange = "" // no earlier gap to compare with
)

// Bar is one area in the bar chart of the latest period.
type Bar struct {
	Area         string  `json:"area"`
	Name         string  `json:"name"`
	Value        float64 `json:"value"`
	Socio        float64 `json:"socio"`
	Confidential bool    `json:"confidential,omitempty"`
}

// Measures is the chapter Tiltak.
type Measures struct {
	Periods    []budget.Period `json:"periods"` // T1, T2 and the year
	Rows       []MeasureRow    `json:"rows"`    // the measures that run in the year, by Nr
	NotRunning []MeasureRef    `json:"not_running"`
	Deviations []Deviation     `json:"deviations"`
	BudgetOre  int64           `json:"budget_ore"`
	AccountOre int64           `json:"accounts_ore"`
	Budget     budget.Key      `json:"budget"`
	HasAcc     bool            `json:"has_accounts"`
	// Effects lead from money to effect: per indicator (catalogue order),
	// each measure of the year that targets it, its money and its expected
	// effect.
	Effects []EffectRow `json:"effects"`
}

// EffectRow is one measure under one indicator it is meant to move.
type EffectRow struct {
	IndicatorID string `json:"indicator_id"`
	Indicator   string `json:"indicator"`
	Nr          string `json:"nr"`
	Name        string `json:"name"`
	BudgetOre   int64  `json:"budget_ore"` // the measure's money in the year's budget
	HasBudget   bool   `json:"has_budget"`
	Effect      string `json:"effect"` // "−0,5 prosentpoeng innen 2028", "middels", "ikke tallfestet"
	Target      string `json:"target"` // the measure's måltall, "12,0 prosent i 2030"; "–" when none
}

// MeasureRef names a measure.
type MeasureRef struct {
	Nr   string `json:"nr"`
	Name string `json:"name"`
	Note string `json:"note,omitempty"`
}

// MeasureRow is one measure of the year.
type MeasureRow struct {
	Nr         string                  `json:"nr"`
	Name       string                  `json:"name"`
	Unit       string                  `json:"unit"` // the reporting unit's name
	Effort     budget.Effort           `json:"effort"`
	Reports    []*budget.MeasureReport `json:"reports"` // per period of Measures.Periods; nil: no report
	Changes    []budget.StatusChange   `json:"changes"`
	Spending   budget.MeasureSpending  `json:"spending"`
	Indicators []string                `json:"indicators"` // names, with the måltall
}

// Deviation is a deviation note from a unit's report.
type Deviation struct {
	Nr      string          `json:"nr"`
	Name    string          `json:"name"`
	Period  budget.Period   `json:"period"`
	Status  budget.Progress `json:"status"`
	Note    string          `json:"note"`
	Comment string          `json:"comment,omitempty"`
}

// Money is the chapter Budsjett.
type Money struct {
	Key          budget.Key `json:"key"`
	Prev         budget.Key `json:"prev"`   // zero: no budget for the year before
	Linked       int64      `json:"linked"` // net of income lines
	LinkedGross  int64      `json:"linked_gross"`
	PrevLinked   int64      `json:"prev_linked"`
	Expenses     int64      `json:"expenses"`
	PrevExpenses int64      `json:"prev_expenses"`
	// Base names what Expenses is, as the page says it: "brutto
	// driftsutgifter etter KOSTRA (art 010–480 og 590 minus 690, 710 og
	// 729)".
	Base          string        `json:"base"`
	ByEffort      []Compare     `json:"by_effort"`
	ByDeterminant []Compare     `json:"by_determinant"`
	ByUnit        []Compare     `json:"by_unit"`
	Grades        []GradeRow    `json:"grades"`
	Notes         []string      `json:"notes"`
	Units         []budget.Unit `json:"-"`
}

// Compare is a group's linked money in the year and the year before.
type Compare struct {
	Name    string `json:"name"`
	Ore     int64  `json:"ore"`
	PrevOre int64  `json:"prev_ore"`
}

// GradeRow is the year's (and the year before's) gross expenses under one
// rating of the whole budget.
type GradeRow struct {
	Grade        budget.Grade `json:"grade"`
	Lines        int          `json:"lines"`
	Expenses     int64        `json:"expenses"`
	PrevExpenses int64        `json:"prev_expenses"`
}

// About is the chapter Om tallene.
type About struct {
	Sources    []SourceRow     `json:"sources"`
	NoData     []string        `json:"no_data"` // indicators of the catalogue without values
	Suppressed []SuppressedRow `json:"suppressed"`
	Text       []string        `json:"text"`
}

// SourceRow is one indicator's source, periods and definition.
type SourceRow struct {
	Name       string `json:"name"`
	Source     string `json:"source"`
	Periods    string `json:"periods"`
	Unit       string `json:"unit"`
	Definition string `json:"definition"`
	Threshold  int    `json:"threshold"`
}

// SuppressedRow is a value below the publishing threshold, or one hidden
// so it cannot be worked back: in a public report without its value.
type SuppressedRow struct {
	Indicator string `json:"indicator"`
	Area      string `json:"area"`
	Period    string `json:"period"`
	Text      string `json:"text"` // ":" in public; the value, marked, internally
	Reason    string `json:"reason"`
}
