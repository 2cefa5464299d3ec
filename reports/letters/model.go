// Package letters writes the oppdragsbrev: the rådmann's (kommunedirektør's)
// yearly assignment letter to every unit, in the order of an Oslo
// tildelingsbrev (letterhead and references, recipient, subject, 1
// Innledning, 2 Utfordringer, 3 Budsjett, 4 Mål og resultatkrav, 5
// Rapportering, closing and signature), in bokmål or nynorsk, as PDF.
//
// Load reads what the letters need from the workspace once; Source.Letter
// builds one letter's content model (Letter), which tests and other
// documents can read without a PDF; Render and RenderPDF set it with
// package reports/pdf; Generate writes the files, the combined letter and
// the manifest. The CLI's `letters` command and the wheel's `letters`
// action both call Generate.
package letters

import (
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// Letter is the content of one oppdragsbrev, every text and figure as the
// PDF shows it. The templates get it as their data.
type Letter struct {
	Year    int             `json:"year"`     // the budget year
	PlanEnd int             `json:"plan_end"` // the last year of the økonomiplan
	Lang    indicators.Lang `json:"lang"`
	Seq     int             `json:"seq"`   // the letter's number among the year's letters, from 1
	Draft   bool            `json:"draft"` // marked UTKAST on every page
	Unit    budget.Unit     `json:"unit"`

	Municipality Municipality `json:"municipality"`
	Date         time.Time    `json:"date"`
	OurRef       string       `json:"our_ref"`
	YourRef      string       `json:"your_ref"`
	ArchiveCode  string       `json:"archive_code"`
	CaseOfficer  string       `json:"case_officer"`
	Recipient    []string     `json:"recipient"` // the lines in the envelope's window
	Subject      string       `json:"subject"`
	Titles       Titles       `json:"titles"` // numbered: "1 Innledning"

	Intro []string `json:"intro"` // 1 Innledning, paragraphs

	// 2 Utfordringer: the indicators in AreaName.
	AreaCode       string      `json:"area_code"`
	AreaName       string      `json:"area_name"`
	Challenges     []Challenge `json:"challenges"`
	OffTrack       []Challenge `json:"-"`
	Judged         int         `json:"judged"`         // the area's indicators with a target and a value: on or off track
	KommuneLines   bool        `json:"kommune_lines"`  // some indicator has a line for the municipality below the area's
	TargetsDiffer  bool        `json:"targets_differ"` // some måltall of section 4 differs from section 2's target
	ChallengesText []string    `json:"challenges_text"`

	Budget     Budget   `json:"budget"` // 3 Budsjett
	BudgetText []string `json:"budget_text"`

	Goals     []Goal   `json:"goals"` // 4 Mål og resultatkrav
	GoalsText []string `json:"goals_text"`

	Reporting     Reporting `json:"reporting"` // 5 Rapportering
	ReportingText []string  `json:"reporting_text"`

	Closing   []string  `json:"closing"`
	Signature Signature `json:"signature"`

	logo     []byte // the letterhead's logo, from the configuration
	logoKind string
}

// Challenge is one indicator of section 2: its state against the target
// path in the area. The figures are written as the letter shows them
// ("14,1 %"); Value, Path and Target keep them exact.
type Challenge struct {
	Indicator  string           `json:"indicator"`
	Name       string           `json:"name"`
	Area       string           `json:"area"`
	Period     string           `json:"period"`      // of the latest value; "" when none
	Value      *indicatorValue  `json:"value"`       // nil when none
	Path       *indicatorValue  `json:"path"`        // the target path in the period's end year
	Target     *indicatorValue  `json:"target"`      // the target value
	TargetYear int              `json:"target_year"` // 0 when the area has no target
	State      indicators.State `json:"state"`
	Status     string           `json:"status"` // "i rute", "ikke i rute", "ingen data", "ingen mål"
	// Distance says in words how far the value is from the path, from the
	// printed figures: "mangler 3,1 prosentpoeng", "1,2 prosentpoeng bedre
	// enn målbanen", "på målbanen"; "" without a target or value.
	Distance string `json:"distance"`
	// Kommune marks the municipality's line below an area's own line,
	// shown where the area has no value or no target of its own.
	Kommune bool `json:"kommune"`
}

// indicatorValue is an exact value and the way the letter writes it.
type indicatorValue struct {
	Exact string `json:"exact"` // decimal
	Text  string `json:"text"`  // "14,1 %"
}

// Budget is section 3, in whole kroner: the measures whose money is attributed to the unit
// (by the FinancingFunc, so as the workbook's Finansiering sheet has it),
// with the amount for each year of the økonomiplan that has a budget, and
// the total. Ore[i] and Total[i] belong to Keys[i].
type Budget struct {
	Keys  []budget.Key `json:"keys"`
	Rows  []BudgetRow  `json:"rows"`
	Total []int64      `json:"total_ore"`
	// Note states the rounding difference where a printed sum differs
	// from the sum of the printed (whole-krone) amounts; "" when none.
	Note   string `json:"note,omitempty"`
	Source string `json:"source"` // in words: "vedtatt budsjett 2027 og økonomiplan 2028–2030"
	// Shared are the measures the unit is responsible for whose money is
	// attributed to other units only, in words ("tiltak 2 Språkløft (ført
	// på Oppvekst stab)").
	Shared []string `json:"shared"`
}

// BudgetRow is one measure of the budget table.
type BudgetRow struct {
	Nr   string  `json:"nr"`
	Name string  `json:"name"`
	Ore  []int64 `json:"ore"`
}

// Goal is one measure of section 4 with its result indicators and måltall.
type Goal struct {
	Nr         string          `json:"nr"`
	Name       string          `json:"name"`
	Reports    bool            `json:"reports"` // the unit is the measure's reporting unit (*)
	Indicators []GoalIndicator `json:"indicators"`
}

// GoalIndicator is a result indicator of a measure and its måltall ("" when
// the measure sets none for it).
type GoalIndicator struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Target string `json:"target"` // "92 % i 2030": the measure's result requirement
	// AreaTarget is section 2's target for the indicator where the måltall
	// differs from it, named by its area: "målet for Nordbyen: 90 % i 2030".
	AreaTarget string `json:"area_target,omitempty"`
}

// Reporting is section 5.
type Reporting struct {
	Reports   []string `json:"reports"`    // the measures the unit reports on, in words
	ReportsNr []string `json:"reports_nr"` // and their numbers
	Via       []string `json:"via"`        // the units that report for the others, in words
	// CoResponsible is true when a measure the unit reports on has other
	// responsible units, whose part the unit reports too.
	CoResponsible bool       `json:"co_responsible"`
	Deadlines     []Deadline `json:"deadlines"`
}

// Deadline is a task of the wheel with its deadline, moved to a working
// day when it fell on a weekend or holiday.
type Deadline struct {
	Task      string    `json:"task"`
	Title     string    `json:"title"`
	Date      time.Time `json:"date"`
	MovedFrom time.Time `json:"moved_from,omitzero"`
	Note      string    `json:"note"` // "flyttet fra søndag 28.02.2027"
}
