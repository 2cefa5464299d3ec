package indicatorimport_test

import (
	"errors"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
)

// TestSummary: each outcome reduces to the shape every import shares, with
// what it counts as Count, so a page shows every import alike.
func TestSummary(t *testing.T) {
	rowErr := []imports.RowError{{Row: 3, Column: "B", Value: "x", Message: "not a number"}}
	a := indicatorimport.AreasResult{Status: imports.Rejected, File: "omrader.csv", Format: "csv", RowsRead: 7, Areas: 6,
		Skipped: map[string]int{"blank": 1}, Warnings: []string{"w"}, Errors: rowErr, Message: "m"}
	if s := a.Summary(); s.Count != 6 || s.RowsRead != 7 || s.Status != imports.Rejected || len(s.Errors) != 1 || s.Skipped["blank"] != 1 || s.Message != "m" || s.Format != "csv" {
		t.Errorf("areas: %+v", s)
	}
	f := indicatorimport.FileResult{Status: imports.Imported, File: "v.csv", Sheet: "Ark1", RowsRead: 40, Values: 38, Missing: 2,
		Skipped: map[string]int{}, Warnings: []string{}}
	if s := f.Summary(); s.Count != 38 || s.RowsRead != 40 || s.Sheet != "Ark1" || s.Status != imports.Imported {
		t.Errorf("indicators: %+v", s)
	}
	c := indicatorimport.CatalogueOutcome{Status: imports.Imported, File: "k.yaml", Added: []string{"a", "b"}, Overridden: []string{"c"}, Targets: 4}
	if s := c.Summary(); s.Count != 7 || s.Status != imports.Imported || s.Skipped == nil {
		t.Errorf("catalogue: %+v", s)
	}
	refused := budget.Errorf(budget.EINVALID, "target 2: area %q not found", "Storby")
	if err := c.Refused(refused); err != nil || c.Status != imports.Rejected || c.Summary().Count != 0 || c.Summary().Message != refused.Error() {
		t.Errorf("refused: %v, %+v", err, c.Summary())
	}
	failure := errors.New("disk I/O error")
	c2 := indicatorimport.CatalogueOutcome{File: "k.yaml"}
	if err := c2.Refused(failure); err != failure || c2.Status != "" {
		t.Errorf("a failure is not the file's refusal: %v, %+v", err, c2)
	}
	if err := c2.Refused(nil); err != nil {
		t.Errorf("nil: %v", err)
	}
}
