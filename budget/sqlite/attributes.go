package sqlite

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// AttributeNames returns the names of the attributes kept at import (texts,
// bydel, free dimensions) of the current datasets for key, as they stood in
// the files' headers and in the files' order (the driftsdel's first, then
// names only the investeringsdel has): the columns a line may have besides
// its codes. A key without a current dataset is ENOTFOUND.
func (db *DB) AttributeNames(ctx context.Context, key budget.Key) ([]string, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	curs, err := currents(ctx, tx, key)
	if err != nil {
		return nil, err
	}
	out := []string{}
	seen := map[string]bool{}
	for _, c := range curs {
		for _, a := range c.attrs {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	return out, nil
}
