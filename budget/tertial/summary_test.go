package tertial_test

import (
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
)

// TestImported_Summary: a form's outcome in the shared shape counts the
// measures' reports.
func TestImported_Summary(t *testing.T) {
	r := tertial.Imported{Status: imports.DryRun, File: "skjema.xlsx", Sheet: "Rapport", RowsRead: 5, Reports: 4,
		NotReported: []string{"7"}, Warnings: []string{"w"}, Errors: []imports.RowError{}, Message: ""}
	s := r.Summary()
	if s.Status != imports.DryRun || s.Count != 4 || s.RowsRead != 5 || s.Sheet != "Rapport" || len(s.Warnings) != 1 || s.Skipped == nil {
		t.Errorf("%+v", s)
	}
}
