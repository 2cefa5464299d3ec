package tertial

import "github.com/helsebudsjett/helsebudsjett/budget/imports"

// Summary is the form's import outcome in the shape every import shares
// (imports.Outcome): Count is the measures' reports stored (or that would
// be).
func (r Imported) Summary() imports.Outcome {
	return imports.Outcome{Status: r.Status, File: r.File, Sheet: r.Sheet, RowsRead: r.RowsRead, Count: r.Reports,
		Skipped: map[string]int{}, Warnings: r.Warnings, Errors: r.Errors, Message: r.Message}
}
