// Package imports holds what every import reports, as plain data: the
// status (imported, rejected, unchanged, dry run), the row errors naming
// row, column, field and value, and the outcome of a file import with its
// one JSON shape. The importers (budget/importer,
// indicators/indicatorimport, budget/measureimport, budget/tertial) share
// it, so the CLI, a web handler and the tests read the same thing. Files
// holds the steps around a file import that the budget and indicator
// imports share (the mapping saved, the inputs recorded through outguard).
package imports

import "strconv"

// Status is the outcome of an import.
type Status string

// The outcomes an import can have.
const (
	Imported  Status = "imported"  // stored
	Rejected  Status = "rejected"  // rows had errors, or the file could not be read: nothing stored
	Unchanged Status = "unchanged" // the same bytes were imported before with the same options: nothing stored
	DryRun    Status = "dry-run"   // read and checked, nothing stored
)

// RowError is a problem with one cell or row. Row is the row number as the
// user sees it (0 for the file as a whole); Column the spreadsheet letter
// (for KOSTRA files the character positions, "40-48"); Field what the cell
// should hold ("beløp", "funksjon"); Value the cell as it stood; Message
// the reason. The file and sheet are the Outcome's.
type RowError struct {
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Field   string `json:"field"`
	Value   string `json:"value"`
	Message string `json:"message"`
}

// String returns the error as one line for a person to read.
func (e RowError) String() string {
	return "row " + strconv.Itoa(e.Row) + ", column " + e.Column + " (" + e.Field + ") " + strconv.Quote(e.Value) + ": " + e.Message
}

// Outcome is what the import of one file did, and its JSON form (the
// --json object of import units, measures, ratings and report). Count is
// the number of things read (units, measures, ratings, reports). The budget
// and indicator imports report more (totals, vintages) in reports of their
// own, which start with the same fields and use the same Status and
// RowError.
type Outcome struct {
	Status   Status         `json:"status"`
	File     string         `json:"file"`
	Format   string         `json:"format,omitempty"`
	Sheet    string         `json:"sheet,omitempty"`
	RowsRead int            `json:"rows_read"`
	Count    int            `json:"count"`
	Skipped  map[string]int `json:"skipped"`
	Warnings []string       `json:"warnings"`
	Errors   []RowError     `json:"errors"`
	Message  string         `json:"message,omitempty"` // why a file that could not be read was rejected
}

// Failed is the outcome of an import that could not be carried out at all
// (the file is unreadable, the workspace failed): rejected, with err's
// message.
func Failed(file string, err error) *Outcome {
	return &Outcome{Status: Rejected, File: file, Skipped: map[string]int{}, Warnings: []string{}, Message: err.Error()}
}

// Settle decides the outcome of an import that has read and checked its
// file: rejected when there are row errors, a dry run when dryRun, and
// otherwise imported once store, which writes everything in one
// transaction, has succeeded. An error from store is returned as is, and
// the status is then left empty.
func (o *Outcome) Settle(dryRun bool, store func() error) error {
	if o.Status = Decide(len(o.Errors), dryRun); o.Status != Imported {
		return nil
	}
	if err := store(); err != nil {
		o.Status = ""
		return err
	}
	return nil
}

// Decide is what an import that has read and checked its file does with
// it: Rejected when there are row errors, DryRun when dryRun, else
// Imported (once stored).
func Decide(rowErrors int, dryRun bool) Status {
	switch {
	case rowErrors > 0:
		return Rejected
	case dryRun:
		return DryRun
	}
	return Imported
}
