package main

import (
	"context"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
)

// TestDemoUsers: the demo makes one demo user per role, prints each with a
// password that signs it in, says they are for the demo only, and prints
// the command that starts the server on the demo workspace.
func TestDemoUsers(t *testing.T) {
	demo, stdout := copyDemo(t, t.TempDir())
	if !regexp.MustCompile(`DEMO ONLY`).MatchString(stdout) {
		t.Error("the demo does not say its users are for the demo only")
	}
	if !regexp.MustCompile(`helsebudsjett serve --db \S+helsebudsjett-demo/helsebudsjett\.db`).MatchString(stdout) {
		t.Errorf("the demo does not print how to start the server:\n%s", stdout)
	}
	line := regexp.MustCompile(`(?m)^  (demo-[a-z]+) +([A-Z2-7]{26}) +([a-z]+)`)
	found := line.FindAllStringSubmatch(stdout, -1)
	if len(found) != len(access.Roles()) {
		t.Fatalf("%d demo users printed, want %d", len(found), len(access.Roles()))
	}
	db, err := sqlite.Open(context.Background(), filepath.Join(demo, "helsebudsjett.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	acc := &access.Accounts{Store: db}
	roles := map[access.Role]bool{}
	for _, m := range found {
		u, err := acc.Authenticate(context.Background(), m[1], m[2], "test")
		if err != nil {
			t.Errorf("%s with the printed password: %v", m[1], err)
			continue
		}
		if !u.Demo || len(u.Roles) != 1 || string(u.Roles[0]) != m[3] {
			t.Errorf("%s: %+v, want a demo user with role %s", m[1], u, m[3])
		}
		if u.Has(access.Enhet) {
			ms, _ := db.Measures(context.Background())
			responsible := false
			for _, me := range ms {
				for _, c := range me.Responsible {
					responsible = responsible || len(u.Units) == 1 && c == u.Units[0]
				}
			}
			if !responsible {
				t.Errorf("the demo's unit leader leads %v, which has no measure", u.Units)
			}
		}
		roles[u.Roles[0]] = true
	}
	if len(roles) != len(access.Roles()) {
		t.Errorf("roles covered: %v", roles)
	}
}
