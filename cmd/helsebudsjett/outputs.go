package main

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
)

// recordInputs remembers the files an import read (outguard.Record).
func recordInputs(ctx context.Context, db *sqlite.DB, paths ...string) error {
	return outguard.Record(ctx, db, paths...)
}

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
