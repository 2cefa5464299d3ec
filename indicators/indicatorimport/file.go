package indicatorimport

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
)

// FileOptions are Import's options: Run's, and what the user named beside
// the file.
type FileOptions struct {
	Options
	// MappingFile is the file Options.Mapping was read from (--mapping):
	// recorded as an input with the file.
	MappingFile string
	// SaveMapping is where to write the mapping used (--save-mapping),
	// unless the import was unchanged; Force lets it replace a file that is
	// not an input.
	SaveMapping string
	Force       bool
}

// Import runs Run as a command does, against the catalogue in force
// (Catalogue). Before reading anything it refuses a SaveMapping that
// outguard refuses (CheckSaveMapping). Once the file is stored or found
// unchanged it records the file and its mapping file as inputs, and unless
// unchanged it writes the mapping used to SaveMapping, also for a dry run
// or a rejected file. A nil Report means the import could not be carried
// out (as Run); a Report with an error means a step after it failed.
func Import(ctx context.Context, db *sqlite.DB, path string, opts FileOptions) (*Report, error) {
	if err := CheckSaveMapping(ctx, db, path, opts); err != nil {
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
	if !opts.DryRun && rep.Status != Rejected {
		if err := outguard.Record(ctx, db, path, opts.MappingFile); err != nil {
			return rep, err
		}
	}
	if opts.SaveMapping != "" && rep.Status != Unchanged {
		b, err := rep.Result.Mapping.YAML()
		if err != nil {
			return rep, err
		}
		if err := atomicfile.WriteBytes(opts.SaveMapping, b); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// CheckSaveMapping returns outguard's refusal of opts.SaveMapping for an
// import of path, or nil (also when no mapping is to be saved), so a
// caller can refuse before it starts anything.
func CheckSaveMapping(ctx context.Context, db outguard.Workspace, path string, opts FileOptions) error {
	if opts.SaveMapping == "" {
		return nil
	}
	return outguard.Check(ctx, outguard.Pending(db, path, opts.MappingFile), opts.SaveMapping, opts.Force)
}
