package demo

import (
	"context"
	"crypto/rand"
	"fmt"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
)

// addUsers adds one demo user per role (access.Roles, in that order) to
// db, each with a random password, returned here and stored only as a
// hash. The users are marked demo: they are for trying the application out
// on the fictional municipality, never for real data.
func addUsers(ctx context.Context, db Store) ([]User, error) {
	units, err := db.Units(ctx)
	if err != nil {
		return nil, err
	}
	ms, err := db.Measures(ctx)
	if err != nil {
		return nil, err
	}
	unit := leaderUnit(units, ms)
	ctx = access.WithActor(ctx, access.Actor{Name: "demo"})
	acc := &access.Accounts{Store: db}
	var users []User
	for _, r := range access.Roles() {
		u := access.User{Name: "demo-" + string(r), Roles: []access.Role{r}, Demo: true}
		du := User{Name: u.Name, Password: rand.Text(), Role: r}
		if r == access.Enhet {
			u.Units = []string{unit.Code}
			du.Unit = unit.Code + " " + unit.Name
		}
		if _, err := acc.Add(ctx, u, du.Password); err != nil {
			return nil, fmt.Errorf("demo user %s: %w", u.Name, err)
		}
		users = append(users, du)
	}
	return users, nil
}

// leaderUnit is the unit the demo's enhet user leads: the first
// virksomhet responsible for a measure (so it has letters and reports),
// else the first unit.
func leaderUnit(units []budget.Unit, ms []budget.Measure) budget.Unit {
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
