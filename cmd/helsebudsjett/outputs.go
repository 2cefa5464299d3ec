package main

import (
	"context"
	"fmt"
	"os"

	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
)

// recordInputs remembers the files an import read, once it has stored
// them, so that no command later writes an output over them
// (outguard.Check). Empty paths are skipped.
func recordInputs(ctx context.Context, db *sqlite.DB, paths ...string) error {
	var ins []outguard.Input
	for _, p := range paths {
		if p == "" {
			continue
		}
		in, err := outguard.Describe(p)
		if err != nil {
			return fmt.Errorf("record imported file: %w", err)
		}
		ins = append(ins, in)
	}
	return db.RecordInputs(ctx, ins...)
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

// withInputs is the workspace with the files of the import under way,
// which are not recorded yet: --save-mapping must not land on them either.
type withInputs struct {
	*sqlite.DB
	paths []string
}

func (w withInputs) Inputs(ctx context.Context) ([]outguard.Input, error) {
	ins, err := w.DB.Inputs(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range w.paths {
		if p != "" {
			ins = append(ins, outguard.Input{Path: p, Size: -1})
		}
	}
	return ins, nil
}
