package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/reports/text"
)

// openWorkspace opens the workspace and tells the user, on stderr, what
// upgrading an older one found (the budget parts it inferred).
func openWorkspace(ctx context.Context, flagValue string, e *env) (*sqlite.DB, error) {
	db, err := sqlite.Open(ctx, dbPath(flagValue, e))
	if err != nil {
		return nil, err
	}
	if notes := db.MigrationNotes(); len(notes) > 0 {
		fmt.Fprintln(e.stderr, "helsebudsjett: the workspace was upgraded:")
		for _, n := range notes {
			fmt.Fprintf(e.stderr, "  %s\n", n)
		}
	}
	return db, nil
}

// openReading opens the workspace for a command that only reads it, so that
// a read-only file or folder can still be listed and shown. A workspace that
// does not exist yet, is empty or needs upgrading is opened as by
// openWorkspace, which creates or upgrades it.
func openReading(ctx context.Context, flagValue string, e *env) (*sqlite.DB, error) {
	p := dbPath(flagValue, e)
	db, err := sqlite.OpenReadOnly(ctx, p)
	if err == nil {
		return db, nil
	}
	if budget.ErrorCode(err) == budget.ENOTFOUND || errors.Is(err, sqlite.ErrNeedsWrite) {
		return openWorkspace(ctx, flagValue, e)
	}
	return nil, err
}

func cmdDatasets(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("budget datasets", e)
	asJSON := fs.Bool("json", false, "print JSON")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("budget datasets takes no arguments")
	}
	db, err := openReading(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	sets, err := db.Datasets(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		if sets == nil {
			sets = []budget.Dataset{}
		}
		writeJSON(e.stdout, sets)
		return nil
	}
	return text.Datasets(e.stdout, sets)
}

// resolveKey is model.ResolveKey with the flags' usage errors.
func resolveKey(ctx context.Context, db *sqlite.DB, year int, version string) (budget.Key, error) {
	if year == 0 {
		return budget.Key{}, usagef("give --year")
	}
	var v budget.Version
	if version != "" {
		var err error
		if v, err = budget.ParseVersion(version); err != nil {
			return budget.Key{}, usagef("--version: %v", err)
		}
	}
	return model.ResolveKey(ctx, db, year, v)
}

// keyFlags are the flags of commands that read one (year, version).
type keyFlags struct {
	db, version *string
	year        *int
}

func newKeyFlags(name string, e *env) (*flag.FlagSet, keyFlags) {
	fs, db := newFlags(name, e)
	return fs, keyFlags{
		db:      db,
		year:    fs.Int("year", 0, "budget year"),
		version: fs.String("version", "", "forslag, vedtatt, revidert or regnskap (default: the year's only version, else vedtatt)"),
	}
}

// open opens the workspace and resolves the key; the caller closes the DB.
func (kf keyFlags) open(ctx context.Context, e *env) (*sqlite.DB, budget.Key, error) {
	return kf.openWith(ctx, e, openWorkspace)
}

// openReading is open for a command that only reads the workspace.
func (kf keyFlags) openReading(ctx context.Context, e *env) (*sqlite.DB, budget.Key, error) {
	return kf.openWith(ctx, e, openReading)
}

func (kf keyFlags) openWith(ctx context.Context, e *env, open func(context.Context, string, *env) (*sqlite.DB, error)) (*sqlite.DB, budget.Key, error) {
	db, err := open(ctx, *kf.db, e)
	if err != nil {
		return nil, budget.Key{}, err
	}
	key, err := resolveKey(ctx, db, *kf.year, *kf.version)
	if err != nil {
		db.Close()
		return nil, budget.Key{}, err
	}
	return db, key, nil
}

func cmdSummary(ctx context.Context, args []string, e *env) error {
	fs, kf := newKeyFlags("budget summary", e)
	by := fs.String("by", "funksjon", "funksjon, ansvar, art, prosjekt, tjeneste, konto, part, art-group (KOSTRA's art groups), side (utgift/inntekt) or an attribute such as bydel")
	asJSON := fs.Bool("json", false, "print JSON")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("budget summary takes no arguments")
	}
	db, key, err := kf.openReading(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	sum, err := model.BudgetSummary(ctx, db, key, *by)
	if err != nil {
		return err
	}
	if *asJSON {
		writeJSON(e.stdout, sum)
		return nil
	}
	return text.Summary(e.stdout, sum)
}

func cmdLines(ctx context.Context, args []string, e *env) error {
	fs, kf := newKeyFlags("budget lines", e)
	_ = fs.Bool("csv", true, "write CSV (the only format)")
	out := fs.String("o", "", "write to this file instead of stdout")
	force := fs.Bool("force", false, "overwrite the -o file if it exists")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("budget lines takes no arguments")
	}
	db, key, err := kf.openReading(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	if *out == "" {
		_, err := documents.LinesCSV(ctx, db, key, e.stdout)
		return err
	}
	_, err = documents.WriteLines(ctx, db, documents.LinesOptions{Key: key, Path: *out, Overwrite: *force})
	return err
}
