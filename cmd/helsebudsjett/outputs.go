package main

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
)

// checkOutputNoWorkspace is outguard.CheckUnopened on the workspace of
// --db, opened for reading.
func checkOutputNoWorkspace(ctx context.Context, dbFlag string, e *env, path string, overwrite bool) error {
	open := func(ctx context.Context) (outguard.Opened, error) {
		db, err := openReading(ctx, dbFlag, e)
		if err != nil {
			return nil, err
		}
		return db, nil
	}
	return outguard.CheckUnopened(ctx, dbPath(dbFlag, e), open, path, overwrite)
}
