package budgetfile

import (
	"context"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/yamlfile"
)

// Mapping says which columns of a file hold what. Import detects one from
// the header when none is given and returns it in Result.Mapping; saved as
// YAML and given back, it reproduces the same import.
//
// Columns are referenced by their header text, compared as header
// detection compares them (ignoring case, spaces, hyphens, underscores,
// dots, and æ/ø/å spelled ae/oe/aa). With a mapping, the header row is the
// first of the first 30 non-blank rows that has every column the mapping
// names (or the row HeaderRow, when given), so next year's file of the same
// shape imports unchanged, as long as its amount columns keep their names:
// a mapping naming "Budsjett 2027" does not match "Budsjett 2028".
//
//	format: csv
//	columns: {ansvar: Ansvar, funksjon: Tjeneste, art: Konto}
//	amounts:
//	  - {column: Budsjett 2027, year: 2027, version: vedtatt}
//	  - {column: Regnskap 2025, year: 2025, version: regnskap}
//	required: [funksjon, art]
type Mapping struct {
	// Format is csv, xlsx or kostra; empty means decide from the file.
	Format string `yaml:"format,omitempty" json:"format,omitempty"`
	// Sheet is the xlsx sheet; Options.Sheet, when set, wins.
	Sheet string `yaml:"sheet,omitempty" json:"sheet,omitempty"`
	// HeaderRow pins the header to this row number (as Excel shows it).
	HeaderRow int `yaml:"header_row,omitempty" json:"header_row,omitempty"`
	// Columns names the code columns, and for files with one amount column
	// the amount column and the optional per-row year column.
	Columns Columns `yaml:"columns,omitempty" json:"columns,omitempty"`
	// Version is the version of Columns.Amount; empty means
	// Options.Version.
	Version budget.Version `yaml:"version,omitempty" json:"version,omitempty"`
	// Amounts names the amount columns of a file with one column per
	// (year, version). It excludes Columns.Amount.
	Amounts []AmountColumn `yaml:"amounts,omitempty" json:"amounts,omitempty"`
	// Attributes lists the columns kept as attributes; empty means every
	// named column that is not a code, amount or year.
	Attributes []string `yaml:"attributes,omitempty" json:"attributes,omitempty"`
	// Required lists the codes every line must have (ansvar, funksjon,
	// art, prosjekt); empty means the default rule of Import.
	Required []string `yaml:"required,omitempty" json:"required,omitempty"`
	// Unit multiplies every amount: 1000 for files in NOK 1000. Empty
	// means 1 (KOSTRA files are always 1000).
	Unit int64 `yaml:"unit,omitempty" json:"unit,omitempty"`
	// Decimal is comma or dot: the decimal separator of a csv file's
	// numbers, for files where no number shows it and some are ambiguous.
	Decimal string `yaml:"decimal,omitempty" json:"decimal,omitempty"`
}

// Columns names the columns holding codes, and the single amount column.
//
// Funksjon is the column the funksjon comes from: a 3-digit code is the
// funksjon, a longer one a tjeneste whose first three digits are the
// funksjon. Tjeneste is only for files with both a funksjon and a tjeneste
// column. Art and Konto work the same way.
type Columns struct {
	Ansvar   string `yaml:"ansvar,omitempty" json:"ansvar,omitempty"`
	Funksjon string `yaml:"funksjon,omitempty" json:"funksjon,omitempty"`
	Tjeneste string `yaml:"tjeneste,omitempty" json:"tjeneste,omitempty"`
	Art      string `yaml:"art,omitempty" json:"art,omitempty"`
	Konto    string `yaml:"konto,omitempty" json:"konto,omitempty"`
	Prosjekt string `yaml:"prosjekt,omitempty" json:"prosjekt,omitempty"`
	// Amount is the one amount column (beløp) of a file whose amounts are
	// for one year: the row's Year column, or else Options.Year.
	Amount string `yaml:"amount,omitempty" json:"amount,omitempty"`
	// Year is the column giving each row's year (long format).
	Year string `yaml:"year,omitempty" json:"year,omitempty"`
}

// AmountColumn is an amount column for one year and version.
type AmountColumn struct {
	Column  string         `yaml:"column" json:"column"`
	Year    int            `yaml:"year" json:"year"`
	Version budget.Version `yaml:"version" json:"version"`
}

// Code names, as used in Mapping.Required and RowError.Field.
const (
	fieldAnsvar   = "ansvar"
	fieldFunksjon = "funksjon"
	fieldTjeneste = "tjeneste"
	fieldArt      = "art"
	fieldKonto    = "konto"
	fieldProsjekt = "prosjekt"
	fieldAmount   = "beløp"
	fieldYear     = "år"
)

// Years outside this range are not budget years: a column headed "1234"
// is a code, not a year.
const (
	minYear = 1990
	maxYear = 2100
)

// LoadMapping reads and checks a mapping file (yamlfile.LoadMapping).
func LoadMapping(ctx context.Context, path string) (*Mapping, error) {
	var m Mapping
	if err := yamlfile.LoadMapping(ctx, path, &m, func() error {
		if err := m.check(); err != nil {
			return err
		}
		return nil
	}); err != nil {
		return nil, err
	}
	return &m, nil
}

// YAML returns the mapping as YAML, as LoadMapping reads it.
func (m Mapping) YAML() ([]byte, error) { return yamlfile.Encode(m) }

// check reports the first thing wrong with a mapping.
func (m *Mapping) check() *budget.Error {
	bad := func(format string, args ...any) *budget.Error {
		return budget.Errorf(budget.EINVALID, format, args...)
	}
	switch m.Format {
	case "", "csv", "xlsx", "kostra":
	default:
		return bad("format %q: use csv, xlsx or kostra", m.Format)
	}
	switch m.Decimal {
	case "", "comma", "dot":
	default:
		return bad("decimal %q: use comma or dot", m.Decimal)
	}
	if m.Unit < 0 {
		return bad("unit %d: must be positive, such as 1 or 1000", m.Unit)
	}
	if m.HeaderRow < 0 {
		return bad("header_row %d: must be a row number", m.HeaderRow)
	}
	if m.Version != "" {
		if _, err := budget.ParseVersion(string(m.Version)); err != nil {
			return bad("version: %s", err.Error())
		}
	}
	for _, r := range m.Required {
		switch r {
		case fieldAnsvar, fieldFunksjon, fieldArt, fieldProsjekt:
		default:
			return bad("required %q: use ansvar, funksjon, art or prosjekt", r)
		}
	}
	if m.Format == "kostra" {
		return nil
	}
	if m.Columns.Year != "" && m.Columns.Amount == "" {
		return bad("columns.year needs columns.amount: the year column gives the year of each row's amount")
	}
	if m.Columns.Amount != "" && len(m.Amounts) > 0 {
		return bad("give either columns.amount (one amount column) or amounts (a column per year), not both")
	}
	if m.Columns.Amount == "" && len(m.Amounts) == 0 {
		return bad("no amount column: give columns.amount or amounts")
	}
	c := m.Columns
	if c.Ansvar == "" && c.Funksjon == "" && c.Tjeneste == "" && c.Art == "" && c.Konto == "" && c.Prosjekt == "" {
		return bad("no code column: give at least one of columns.ansvar, funksjon, art, prosjekt")
	}
	seen := map[budget.Key]string{}
	for _, a := range m.Amounts {
		if strings.TrimSpace(a.Column) == "" {
			return bad("amounts: an entry has no column")
		}
		if a.Year < minYear || a.Year > maxYear {
			return bad("amounts: column %q has year %d: give a year from %d to %d", a.Column, a.Year, minYear, maxYear)
		}
		v, err := budget.ParseVersion(string(a.Version))
		if err != nil {
			return bad("amounts: column %q: %s", a.Column, err.Error())
		}
		k := budget.Key{Year: a.Year, Version: v}
		if prev, ok := seen[k]; ok {
			return bad("amounts: columns %q and %q are both %s", prev, a.Column, k)
		}
		seen[k] = a.Column
	}
	return nil
}
