package sqlite

import (
	"context"
	"time"
)

// IndicatorsImportedAt returns, per indicator with an imported vintage,
// when its values were last imported (the latest vintage's time, a
// replaced one included): the documents are dated by it.
func (db *DB) IndicatorsImportedAt(ctx context.Context) (map[string]time.Time, error) {
	vs, err := db.Vintages(ctx, "")
	if err != nil {
		return nil, err
	}
	out := map[string]time.Time{}
	for _, v := range vs {
		if v.ImportedAt.After(out[v.Indicator]) {
			out[v.Indicator] = v.ImportedAt
		}
	}
	return out, nil
}
