// Package demo builds the demonstration of the module on the fictional
// sample municipality (package templates/sample) in a folder of its own: a
// fresh workspace with the sample's budget, indicators, targets, units,
// measures, ratings and tertial reports, then the årshjul's calendar, the
// oppdragsbrev, the helsebudsjett workbook, the annual report and one demo
// user per role. The command line's demo command calls Run and prints its
// Result; a test or a web handler may call it the same way.
//
// It builds and reads the workspace through the services the commands use
// (importer, indicatorimport, measureimport, tertial, runner,
// reports/documents), on the Store its caller opens (Options.Open), so the
// demo shows what the commands do; and it is deterministic: the
// workspace's imports are stamped from a fixed clock, so two runs write the
// same documents byte for byte (the demo users' passwords are random).
package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/reports/letters"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// The demo folder's layout: the workspace and the sample files it imports,
// beside the documents.
const (
	WorkspaceFile = "helsebudsjett.db"
	SampleDir     = "sample"
)

// Options are the choices of one demo.
type Options struct {
	// Open opens (creating) the demo's workspace file; the command line
	// gives the SQLite store's.
	Open Opener
	// Dir is the demo's folder, made when missing. Run refuses (EINVALID)
	// a folder that holds files and is not a demo folder, and replaces
	// what an earlier demo wrote there.
	Dir string
	// Out receives the demo's progress as it goes, as the commands it
	// stands for print it; nil for none.
	Out io.Writer
	// Print shows the outcomes of the imports and documents on Out; a
	// nil field shows nothing for its outcome.
	Print Printer
}

// Result is what Run built.
type Result struct {
	Workspace string // Dir/helsebudsjett.db
	Samples   string // Dir/sample: every file the demo imported, to open and import again by hand
	Forms     []string
	Calendar  string // the årshjul's calendar file
	// Letters are the oppdragsbrev of sample.BudgetYear, written with the
	// configuration LettersConfig (the sample's brev.yaml, beside the
	// workspace).
	Letters       *letters.Result
	LettersConfig string
	Workbook      string   // the helsebudsjett workbook of sample.BudgetYear
	Reports       []string // the annual report of sample.ReportYear, internal and public
	Users         []User
}

// User is a demo user: the password is random, given here once and stored
// only as a hash.
type User struct {
	Name     string
	Password string
	Role     access.Role
	Unit     string // the unit an enhet user leads, "code name"; "" for other roles
}

// Run builds the demo in o.Dir. The workspace is built under a temporary
// name and renamed into place, so an earlier demo's is replaced whole or
// not at all; the documents are then made from the workspace in place.
func Run(ctx context.Context, o Options) (*Result, error) {
	w := o.Out
	if w == nil {
		w = io.Discard
	}
	if o.Open == nil {
		return nil, errors.New("demo: no store to open the workspace with (Options.Open)")
	}
	if err := claimDir(o.Dir); err != nil {
		return nil, err
	}
	files, err := copyBudgetFiles(o.Dir)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(w, "Demo: the fictional sample municipality %s (all names and figures are made up).\n\n", sample.Name)

	res := &Result{Workspace: filepath.Join(o.Dir, WorkspaceFile), Samples: filepath.Join(o.Dir, SampleDir)}
	tmp := filepath.Join(o.Dir, ".helsebudsjett.db.building")
	removeDB(tmp)
	defer removeDB(tmp)
	if err := build(ctx, o.Open, tmp, o.Dir, files, w, o.Print, res); err != nil {
		return nil, err
	}
	removeDB(res.Workspace)
	if err := os.Rename(tmp, res.Workspace); err != nil {
		return nil, fmt.Errorf("put demo workspace in place: %w", err)
	}
	db, err := o.Open(ctx, res.Workspace)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if err := writeDocuments(ctx, db, o.Dir, w, o.Print, res); err != nil {
		return nil, err
	}
	if res.Users, err = addUsers(ctx, db); err != nil {
		return nil, err
	}
	return res, db.Close()
}

// removeDB removes a workspace file with its WAL and shared-memory files.
func removeDB(p string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		_ = os.Remove(p + suffix) // absent is fine; anything else shows at the rename
	}
}
