package main

import (
	"context"
	"fmt"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
)

// cmdBackup writes a consistent copy of the workspace: backup -o FILE
// [--force]. It is safe while serve runs: the copy is one snapshot.
func cmdBackup(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("backup", e)
	out := fs.String("o", "", "the backup file to write (required)")
	force := fs.Bool("force", false, "replace an existing file (never the workspace or an imported file)")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("backup takes no arguments; use -o FILE")
	}
	if *out == "" {
		return usagef("backup needs -o FILE")
	}
	db, err := openWorkspace(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := outguard.Check(ctx, db, *out, *force); err != nil {
		return err
	}
	// Recorded first, so the copy holds its own record.
	ctx = access.WithActor(ctx, cliActor(e))
	if err := access.Record(ctx, db, db.Now(), access.ActionBackup, *out); err != nil {
		return err
	}
	if err := db.Backup(ctx, *out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Wrote a copy of %s to %s (readable only by you: it holds password hashes and unpublished figures).\n", db.Path(), *out)
	return nil
}
