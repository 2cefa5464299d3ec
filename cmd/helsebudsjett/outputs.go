package main

import (
	"context"
	"os"

	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
)

// recordInputs remembers the files an import read (outguard.Record).
func recordInputs(ctx context.Context, db *sqlite.DB, paths ...string) error {
	return outguard.Record(ctx, db, paths...)
}

// checkOutputNoWorkspace is outguard.Check for a command that does not
// otherwise use the workspace: it reads the workspace's imported files when
// the workspace exists, and creates nothing.
func checkOutputNoWorkspace(ctx context.Context, dbFlag string, e *env, path string, overwrite bool) error {
	p := dbPath(dbFlag, e)
	if _, err := os.Stat(p); err != nil {
		return outguard.Check(ctx, outguard.Static{File: p}, path, overwrite)
	}
	db, err := openReading(ctx, dbFlag, e)
	if err != nil { // not a workspace: it has no inputs, but it is still not written over
		return outguard.Check(ctx, outguard.Static{File: p}, path, overwrite)
	}
	defer db.Close()
	return outguard.Check(ctx, db, path, overwrite)
}
