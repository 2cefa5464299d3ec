package workspace

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// AttributeNames returns the names of the attributes kept at import (texts,
// bydel, free dimensions) of the current dataset for key, as they stood in
// the file's header and in the file's order: the columns a line of that
// dataset may have besides its codes. A key without a current dataset is
// ENOTFOUND.
func (db *DB) AttributeNames(ctx context.Context, key budget.Key) ([]string, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	cur, err := current(ctx, tx, key)
	if err != nil {
		return nil, err
	}
	return append([]string{}, cur.attrs...), nil
}
