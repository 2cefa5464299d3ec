package main

import (
	"context"
	"fmt"
	"path/filepath"
	"text/tabwriter"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/reports/demo"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// cmdDemo builds the demo (reports/demo) in -o DIR and prints its
// progress, the demo users and what to try next.
func cmdDemo(ctx context.Context, args []string, e *env) error {
	fs, _ := newFlags("demo", e)
	out := fs.String("o", filepath.Join(e.workdir, "helsebudsjett-demo"), "folder for the demo workspace and sample files")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("demo takes no arguments; use -o DIR")
	}
	res, err := demo.Run(ctx, demo.Options{Open: openDemo, Dir: *out, Out: e.stdout, Print: demo.TextPrinter()})
	if err != nil {
		return err
	}
	w, db := e.stdout, res.Workspace
	fmt.Fprintf(w, "\nDemo users, one per role (DEMO ONLY: the passwords are printed here; never put real data in this workspace):\n")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  USER\tPASSWORD\tROLE")
	for _, u := range res.Users {
		role := string(u.Role)
		if u.Unit != "" {
			role += " (" + u.Unit + ")"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", u.Name, u.Password, role)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "Start the web application, then sign in at http://127.0.0.1:8080/:\n  helsebudsjett serve --db %s\n", db)
	abs, _ := filepath.Abs(db)
	fmt.Fprintf(w, "\nWorkspace: %s\nSample files: %s\n\nTry:\n", abs, res.Samples)
	for _, try := range []string{"budget datasets --db %s", "budget summary --db %s --year 2027 --by funksjon",
		"budget summary --db %s --year 2026 --version regnskap --by bydel", "budget summary --db %s --year 2027 --by art-group",
		"budget compare --db %s --year 2027 --from forslag --to vedtatt --by funksjon",
		"indicators show barn-lavinntekt --db %s", "areas list --db %s"} {
		fmt.Fprintf(w, "  helsebudsjett "+try+"\n", db)
	}
	fmt.Fprintf(w, "  helsebudsjett import indicators %s --indicator trangboddhet --dry-run --db %s\n",
		filepath.Join(res.Samples, sample.IndicatorDir, "trangboddhet.csv"), db)
	fmt.Fprintf(w, "  helsebudsjett import measures %s --dry-run --db %s\n", filepath.Join(res.Samples, sample.MeasuresFile), db)
	fmt.Fprintf(w, "  helsebudsjett wheel list --year 2027 --db %s\n", db)
	fmt.Fprintln(w, "(from a source checkout, 'go run ./cmd/helsebudsjett' stands for 'helsebudsjett')")
	return nil
}

// openDemo opens the demo's workspace in the SQLite store.
func openDemo(ctx context.Context, p string) (demo.Store, error) {
	db, err := sqlite.Open(ctx, p)
	if err != nil {
		return nil, err
	}
	return db, nil
}
