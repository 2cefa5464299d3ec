package main

import (
	"fmt"
	"io"
	"strconv"

	"github.com/helsebudsjett/helsebudsjett/budget/imports"
)

// printFileImport prints the outcome of an import for a person; what
// names the things read ("measures").
func printFileImport(w, errw io.Writer, out *imports.Outcome, what string) {
	switch out.Status {
	case imports.Rejected:
		fmt.Fprintf(w, "%s: rejected, %d error(s); nothing was stored.\n", out.File, len(out.Errors))
	case imports.DryRun:
		fmt.Fprintf(w, "%s: dry run, %d %s would be imported; nothing was stored.\n", out.File, out.Count, what)
	default:
		fmt.Fprintf(w, "%s: imported %d %s.\n", out.File, out.Count, what)
	}
	if n := out.Skipped["unrated"]; n > 0 {
		fmt.Fprintf(w, "  %d row(s) left unrated.\n", n)
	}
	for _, s := range out.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", s)
	}
	if out.Status != imports.Rejected {
		return
	}
	for _, e := range out.Errors {
		loc := "row " + strconv.Itoa(e.Row)
		if e.Row == 0 {
			loc = "file"
		}
		if e.Column != "" {
			loc += ", column " + e.Column
		}
		if e.Field != "" {
			loc += " (" + e.Field + ")"
		}
		fmt.Fprintf(errw, "%s: %s: %q: %s\n", out.File, loc, e.Value, e.Message)
	}
	fmt.Fprintf(errw, "%s was rejected: fix the rows above and import it again. The workspace is unchanged.\n", out.File)
}
