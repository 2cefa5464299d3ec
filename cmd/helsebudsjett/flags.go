package main

import (
	"errors"
	"flag"
	"io"
	"path/filepath"
	"strings"
)

// newFlags returns a flag set that reports errors instead of exiting, and
// the --db flag every command takes.
func newFlags(name string, e *env) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	db := fs.String("db", "", "workspace file (default $HELSEBUDSJETT_DB, else ./helsebudsjett.db)")
	return fs, db
}

// parse parses flags that may stand before, between or after the positional
// arguments, as users type them ("import budget FILE --year 2027"), and
// returns the positional ones.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, &helpRequest{flagUsage(fs)}
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// helpRequest is --help: the command prints its flags and exits 0.
type helpRequest struct{ text string }

func (h *helpRequest) Error() string { return h.text }

func flagUsage(fs *flag.FlagSet) string {
	var b strings.Builder
	b.WriteString("Flags of helsebudsjett " + fs.Name() + ":\n")
	fs.SetOutput(&b)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	return b.String()
}

// dbPath resolves the workspace: --db, else $HELSEBUDSJETT_DB, else
// ./helsebudsjett.db.
func dbPath(flagValue string, e *env) string {
	switch {
	case flagValue != "":
		return flagValue
	case e.getenv("HELSEBUDSJETT_DB") != "":
		return e.getenv("HELSEBUDSJETT_DB")
	}
	return filepath.Join(e.workdir, "helsebudsjett.db")
}
