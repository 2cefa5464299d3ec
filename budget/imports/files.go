package imports

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
)

// Inputs is what Files' steps read and record of the workspace: where its
// file is and which files were imported into it (CheckSave), and the files
// an import read (Finish). *sqlite.DB has it.
type Inputs interface {
	outguard.Workspace
	outguard.Recorder
}

// Files are what the user named beside a file to import: the mapping file
// read (--mapping) and where to save the mapping used (--save-mapping).
// The budget and indicator imports share these steps.
type Files struct {
	// MappingFile is the file the mapping was read from: recorded as an
	// input with the file.
	MappingFile string
	// SaveMapping is where to write the mapping used, unless the import
	// was unchanged; Force lets it replace a file that is not an input.
	SaveMapping string
	Force       bool
	// Upload says the file is a temporary copy of an upload (the web
	// application's): not a file of the user's for outputs to spare, so
	// Finish does not record it as an input.
	Upload bool
}

// CheckSave returns outguard's refusal of f.SaveMapping for an import of
// path into ws (the workspace, an imported file, the file being imported
// or its mapping file, an existing file without Force), or nil, also when
// no mapping is to be saved. Call it before reading anything.
func (f Files) CheckSave(ctx context.Context, ws outguard.Workspace, path string) error {
	if f.SaveMapping == "" {
		return nil
	}
	return outguard.Check(ctx, outguard.Pending(ws, path, f.MappingFile), f.SaveMapping, f.Force)
}

// Finish does what follows an import of path that ended in status: once
// the file is stored or found unchanged (not a dry run, not rejected) it
// records path and the mapping file as inputs (not an Upload), and unless unchanged it
// writes the mapping used (mapping's YAML) to SaveMapping, also for a dry
// run or a rejected file, so the user can correct it.
func (f Files) Finish(ctx context.Context, rec outguard.Recorder, path string, status Status, dryRun bool, mapping func() ([]byte, error)) error {
	if !dryRun && status != Rejected && !f.Upload {
		if err := outguard.Record(ctx, rec, path, f.MappingFile); err != nil {
			return err
		}
	}
	if f.SaveMapping == "" || status == Unchanged {
		return nil
	}
	b, err := mapping()
	if err != nil {
		return err
	}
	return atomicfile.WriteBytes(f.SaveMapping, b)
}
