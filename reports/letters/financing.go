package letters

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// Financing is the FinancingFunc of every letter: it attributes the
// measures' money to units exactly as the helsebudsjett workbook's
// Finansiering sheet does (model.Financing), so a letter's total for a
// unit is the sheet's to the øre.
func Financing(db model.FinancingReader) FinancingFunc {
	return func(ctx context.Context, keys []budget.Key) ([]Funded, error) {
		if len(keys) == 0 {
			return nil, nil
		}
		ufs, err := model.Financing(ctx, db, keys)
		if err != nil {
			return nil, err
		}
		var out []Funded
		for _, uf := range ufs {
			for _, m := range uf.Measures {
				out = append(out, Funded{Unit: uf.Unit.Code, Nr: m.Nr, Ore: m.Ore, Investering: m.Investering})
			}
		}
		return out, nil
	}
}
