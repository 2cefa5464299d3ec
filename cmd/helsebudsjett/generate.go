package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// cmdGenerate writes a synthetic budget of any size in the shape of an ERP
// export, for trying the import on large files and for benchmarks.
func cmdGenerate(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 || args[0] != "budget" {
		return usagef("generate what? use: helsebudsjett generate budget --lines N -o FILE.csv|FILE.xlsx")
	}
	fs, dbFlag := newFlags("generate budget", e)
	lines := fs.Int("lines", 100000, "number of budget lines")
	seed := fs.Uint64("seed", 1, "seed for the amounts; the same seed gives the same bytes")
	out := fs.String("o", "", "output file, .csv or .xlsx")
	force := fs.Bool("force", false, "overwrite the -o file if it exists")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) > 0 || *out == "" || *lines <= 0 {
		return usagef("use: helsebudsjett generate budget --lines N -o FILE.csv|FILE.xlsx")
	}
	spec := sample.Spec{Lines: *lines, Seed: *seed}
	ext := strings.ToLower(filepath.Ext(*out))
	if ext != ".csv" && ext != ".xlsx" {
		return usagef("-o must end in .csv or .xlsx")
	}
	if err := checkOutputNoWorkspace(ctx, *dbFlag, e, *out, *force); err != nil {
		return err
	}
	switch ext {
	case ".csv":
		return atomicfile.Write(*out, func(w io.Writer) error { return sample.WriteCSV(w, spec) })
	case ".xlsx":
		return atomicfile.Write(*out, func(w io.Writer) error { return sample.WriteXLSX(w, spec) })
	}
	return usagef("-o must end in .csv or .xlsx")
}
