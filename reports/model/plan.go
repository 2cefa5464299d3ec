// Package model gathers from the workspace the figures the helsebudsjett
// documents show: the workbook (reports/workbook), the oppdragsbrev and the
// reports. Each figure is computed once here, so a letter that quotes a
// unit's total quotes the same øre as the workbook's Finansiering sheet.
//
// Amounts are int64 øre throughout; the package knows nothing of xlsx or
// PDF.
package model

import (
	"context"
	"slices"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// PlanYears is how many years an økonomiplan covers.
const PlanYears = budget.PlanYears

// PlanKeys returns the budget keys of the økonomiplan that starts with key:
// key itself, then each of the three following years that has a budget, in
// key's version where that year has it, else vedtatt, else forslag, else
// revidert (never regnskap unless key is regnskap). A key without a current
// dataset is ENOTFOUND.
func PlanKeys(ctx context.Context, db KeyReader, key budget.Key) ([]budget.Key, error) {
	ks, err := db.Keys(ctx)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(ks, key) {
		// Let the workspace word the error: it names the keys there are.
		_, err := db.AttributeNames(ctx, key)
		if err == nil {
			err = budget.Errorf(budget.ENOTFOUND, "no budget for %s", key)
		}
		return nil, err
	}
	return budget.PlanKeys(ks, key.Year, key.Version), nil
}
