package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"text/tabwriter"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
)

// demoUsers adds one demo user per role to the demo workspace, with a
// random password printed once, and prints how to start the server. The
// users are marked demo: they are for trying the application out on the
// fictional municipality, never for real data.
func demoUsers(ctx context.Context, dbPath string, e *env) error {
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	units, err := db.Units(ctx)
	if err != nil {
		return err
	}
	ms, err := db.Measures(ctx)
	if err != nil {
		return err
	}
	unit := demoLeaderUnit(units, ms)
	ctx = access.WithActor(ctx, access.Actor{Name: "demo"})
	acc := &access.Accounts{Store: db}
	fmt.Fprintf(e.stdout, "\nDemo users, one per role (DEMO ONLY: the passwords are printed here; never put real data in this workspace):\n")
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  USER\tPASSWORD\tROLE")
	for _, r := range access.Roles() {
		u := access.User{Name: "demo-" + string(r), Roles: []access.Role{r}, Demo: true}
		if r == access.Enhet {
			u.Units = []string{unit.Code}
		}
		pw := rand.Text()
		if _, err := acc.Add(ctx, u, pw); err != nil {
			return fmt.Errorf("demo user %s: %w", u.Name, err)
		}
		what := string(r)
		if r == access.Enhet {
			what += " (" + unit.Code + " " + unit.Name + ")"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", u.Name, pw, what)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Start the web application, then sign in at http://127.0.0.1:8080/:\n  helsebudsjett serve --db %s\n", dbPath)
	return nil
}

// demoLeaderUnit is the unit the demo's enhet user leads: the first
// virksomhet responsible for a measure (so it has letters and reports),
// else the first unit.
func demoLeaderUnit(units []budget.Unit, ms []budget.Measure) budget.Unit {
	responsible := map[string]bool{}
	for _, m := range ms {
		for _, c := range m.Responsible {
			responsible[c] = true
		}
	}
	for _, u := range units {
		if u.Kind == budget.Virksomhet && responsible[u.Code] {
			return u
		}
	}
	if len(units) > 0 {
		return units[0]
	}
	return budget.Unit{Code: "demo"}
}
