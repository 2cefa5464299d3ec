package importer

import (
	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
)

// Outcome is an import as `import budget --json` prints it and the API
// answers it, the same on success and on rejection. Amounts are decimal strings with two decimals.
type Outcome struct {
	Status   imports.Status `json:"status"`
	File     string         `json:"file"`
	SHA256   string         `json:"sha256"`
	Format   string         `json:"format,omitempty"`
	Sheet    string         `json:"sheet"`
	Dataset  int64          `json:"dataset,omitempty"`
	RowsRead int            `json:"rows_read"`
	Lines    int            `json:"lines"`
	Skipped  map[string]int `json:"skipped"`
	// EmptyAmounts counts the rows with empty amount cells by the rule
	// that applied: partial (another year filled), zero, skipped.
	EmptyAmounts budgetfile.EmptyAmounts `json:"empty_amounts"`
	Warnings     []string                `json:"warnings"`
	Errors       []budgetfile.RowError   `json:"errors"`
	Totals       []TotalJSON             `json:"totals"`
	Controls     []ControlJSON           `json:"controls,omitempty"`
	Replaced     []ReplacedJSON          `json:"replaced,omitempty"`
	// Part is the part of the budget the file holds, PartReason how it
	// was chosen; SameContent the earlier datasets of the same bytes
	// imported with other options.
	Part        budget.Part   `json:"part,omitempty"`
	PartReason  string        `json:"part_reason,omitempty"`
	SameContent []DatasetJSON `json:"same_content,omitempty"`
	Message     string        `json:"message,omitempty"`
}

// DatasetJSON names an earlier dataset.
type DatasetJSON struct {
	Dataset int64       `json:"dataset"`
	Source  string      `json:"source"`
	Part    budget.Part `json:"part"`
	Totals  []TotalJSON `json:"totals"`
}

type TotalJSON struct {
	Year    int            `json:"year"`
	Version budget.Version `json:"version"`
	Amount  string         `json:"amount"`
}

func (rep *Report) Outcome() Outcome {
	r := rep.Result
	out := Outcome{
		Status:       rep.Status,
		File:         r.File,
		SHA256:       r.SHA256,
		Format:       r.Format,
		Sheet:        r.Sheet,
		RowsRead:     r.RowsRead,
		Lines:        r.Lines,
		Skipped:      skipped(r.Skipped),
		EmptyAmounts: r.EmptyAmounts,
		Warnings:     nonNil(r.Warnings),
		Errors:       r.Errors,
		Controls:     controls(r.Controls),
		Replaced:     replacedList(rep.Replaced),
		Totals:       totals(r.Totals),

		Part:       rep.Part,
		PartReason: rep.PartReason,
	}
	for _, d := range rep.SameContent {
		out.SameContent = append(out.SameContent, DatasetJSON{Dataset: d.ID, Source: d.Source, Part: d.Part, Totals: totals(d.Totals)})
	}
	if out.Errors == nil {
		out.Errors = []budgetfile.RowError{}
	}
	if rep.Dataset != nil {
		out.Dataset = rep.Dataset.ID
	}
	return out
}

// Failed is the Outcome of an import that could not be carried out at
// all (an unreadable file), in the same shape.
func Failed(file string, err error) Outcome {
	return Outcome{
		Status:   imports.Rejected,
		File:     file,
		Skipped:  skipped(nil),
		Warnings: []string{},
		Errors:   []budgetfile.RowError{},
		Totals:   []TotalJSON{},
		Message:  err.Error(),
	}
}

func skipped(m map[string]int) map[string]int {
	out := map[string]int{"blank": 0, "sum_rows": 0, "lookup_error": 0}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func totals(ts []budget.Total) []TotalJSON {
	out := []TotalJSON{}
	for _, t := range ts {
		out = append(out, TotalJSON{t.Year, t.Version, budget.FormatOre(t.Ore)})
	}
	return out
}

// ReplacedJSON is a (year, version, part) the import took over from an
// earlier dataset. Whole is set when that dataset held both parts and so
// stopped counting for the part this import did not bring.
type ReplacedJSON struct {
	Year    int            `json:"year"`
	Version budget.Version `json:"version"`
	Part    budget.Part    `json:"part"`
	Dataset int64          `json:"dataset"`
	Source  string         `json:"source"`
	Whole   bool           `json:"whole,omitempty"`
}

func replacedList(rs []budget.Replacement) []ReplacedJSON {
	var out []ReplacedJSON
	for _, r := range rs {
		out = append(out, ReplacedJSON{r.Key.Year, r.Key.Version, r.Part, r.Dataset, r.Source, r.Whole})
	}
	return out
}

// ControlJSON is a sum row checked against the lines it sums.
type ControlJSON struct {
	Row        int            `json:"row"`
	Label      string         `json:"label"`
	Year       int            `json:"year"`
	Version    budget.Version `json:"version"`
	Stated     string         `json:"stated"`
	Imported   string         `json:"imported"`
	Difference string         `json:"difference"`
	OK         bool           `json:"ok"`
}

func controls(cs []budgetfile.Control) []ControlJSON {
	var out []ControlJSON
	for _, c := range cs {
		out = append(out, ControlJSON{c.Row, c.Label, c.Key.Year, c.Key.Version,
			budget.FormatOre(c.Stated), budget.FormatOre(c.Total), budget.FormatOre(c.Difference), c.OK})
	}
	return out
}
