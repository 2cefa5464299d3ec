package indicatorimport

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget/imports"
)

// FileStore is what Import reads and writes: Run's Store, the
// workspace's own indicator definitions (OverrideStore, for the catalogue
// in force), and its inputs (imports.Inputs) that guard the saved mapping
// and record the file imported. *sqlite.DB has it.
type FileStore interface {
	Store
	OverrideStore
	imports.Inputs
}

// FileOptions are Import's options: Run's, and what the user named beside
// the file.
type FileOptions struct {
	Options
	imports.Files
}

// Import runs Run as a command does, against the catalogue in force
// (Catalogue). Before reading anything it refuses a SaveMapping that
// outguard refuses (imports.Files.CheckSave). Once the file is stored or found
// unchanged it records the file and its mapping file as inputs, and unless
// unchanged it writes the mapping used to SaveMapping, also for a dry run
// or a rejected file. A nil Report means the import could not be carried
// out (as Run); a Report with an error means a step after it failed.
func Import(ctx context.Context, db FileStore, path string, opts FileOptions) (*Report, error) {
	if err := opts.CheckSave(ctx, db, path); err != nil {
		return nil, err
	}
	cat, err := Catalogue(ctx, db)
	if err != nil {
		return nil, err
	}
	opts.UseCatalogue(cat)
	rep, err := Run(ctx, db, path, opts.Options)
	if err != nil {
		return nil, err
	}
	if err := opts.Finish(ctx, db, path, rep.Status, opts.DryRun, rep.Result.Mapping.YAML); err != nil {
		return rep, err
	}
	return rep, nil
}
