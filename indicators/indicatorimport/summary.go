package indicatorimport

import (
	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
)

// Summary is the area import's outcome in the shape every import shares
// (imports.Outcome): Count is the areas stored (or that would be).
func (r AreasResult) Summary() imports.Outcome {
	return imports.Outcome{Status: r.Status, File: r.File, Format: r.Format, Sheet: r.Sheet, RowsRead: r.RowsRead,
		Count: r.Areas, Skipped: r.Skipped, Warnings: r.Warnings, Errors: r.Errors, Message: r.Message}
}

// Summary is the indicator file's outcome in the shape every import shares
// (imports.Outcome): Count is the values stored (or that would be).
func (r FileResult) Summary() imports.Outcome {
	return imports.Outcome{Status: r.Status, File: r.File, Format: r.Format, Sheet: r.Sheet, RowsRead: r.RowsRead,
		Count: r.Values, Skipped: r.Skipped, Warnings: r.Warnings, Errors: r.Errors, Message: r.Message}
}

// Summary is the catalogue or targets file's outcome in the shape every
// import shares (imports.Outcome): Count is the targets, new and changed
// indicators stored (or that would be); none when refused.
func (o CatalogueOutcome) Summary() imports.Outcome {
	s := imports.Outcome{Status: o.Status, File: o.File, Count: o.Targets + len(o.Added) + len(o.Overridden),
		Skipped: map[string]int{}, Message: o.Message}
	if o.Status == imports.Rejected || o.Status == Failed {
		s.Count = 0
	}
	return s
}

// Refused turns err from CatalogueFile or TargetsFile into the outcome
// when it refuses what the file holds (EINVALID), as import catalogue and
// import targets --json print it; any other error is returned.
func (o *CatalogueOutcome) Refused(err error) error {
	if err == nil || budget.ErrorCode(err) != budget.EINVALID {
		return err
	}
	o.Refuse(err)
	return nil
}
