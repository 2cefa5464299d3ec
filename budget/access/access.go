// Package access holds who may do what in helsebudsjett: the roles, the
// users that hold them, the rule that decides whether a user may use a
// route (on a unit), password hashing, tokens, session lifetimes, the login
// throttle and the audit event. It does no I/O: the store (budget/sqlite)
// keeps users, sessions and the audit log, the web application
// (budget/web) enforces the rule, and cmd wires them.
package access

import (
	"slices"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// Role is what a user may do. A user may hold several.
type Role string

// The roles. Admin manages users and reads the audit log; it is not a
// superset of the others: a route lists every role it admits.
const (
	Admin           Role = "admin"           // users, roles, the audit log
	Okonomi         Role = "okonomi"         // finance: budget and accounts imports, summaries, the workbook
	Folkehelse      Role = "folkehelse"      // the public-health coordinator: areas, indicators, targets
	Kommunedirektor Role = "kommunedirektor" // the rådmann's office: measures, ratings, letters, the annual report, the wheel
	Enhet           Role = "enhet"           // a unit leader, bound to one or more unit codes
	Lesetilgang     Role = "lesetilgang"     // council members and other readers: published material only
)

// Roles returns every role in a fixed order.
func Roles() []Role {
	return []Role{Admin, Okonomi, Folkehelse, Kommunedirektor, Enhet, Lesetilgang}
}

// ParseRole returns the role named s (case and surrounding space ignored),
// or an EINVALID error listing the roles.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(Roles(), r) {
		return r, nil
	}
	return "", budget.Errorf(budget.EINVALID, "unknown role %q: give one of %s", s, roleList())
}

func roleList() string {
	var names []string
	for _, r := range Roles() {
		names = append(names, string(r))
	}
	return strings.Join(names, ", ")
}

// User is an account. Units are the unit codes an Enhet role is bound to.
// Its JSON form is the one `user list --json` and the API print.
type User struct {
	ID    int64    `json:"-"`
	Name  string   `json:"name"`
	Roles []Role   `json:"roles"`
	Units []string `json:"units,omitempty"`
	// Demo marks the demo workspace's users, whose passwords are printed.
	Demo bool `json:"demo,omitempty"`
}

// Has reports whether u holds role r.
func (u User) Has(r Role) bool { return slices.Contains(u.Roles, r) }

// HasUnit reports whether u is bound to the unit code.
func (u User) HasUnit(code string) bool { return slices.Contains(u.Units, code) }

// Validate checks a user before it is stored: a name of 1-64 printable
// characters without spaces, at least one role, no role twice, units only
// with (and required by) the Enhet role.
func (u User) Validate() error {
	if err := ValidName(u.Name); err != nil {
		return err
	}
	if len(u.Roles) == 0 {
		return budget.Errorf(budget.EINVALID, "user %s: give at least one --role (%s)", u.Name, roleList())
	}
	seen := map[Role]bool{}
	for _, r := range u.Roles {
		if _, err := ParseRole(string(r)); err != nil {
			return err
		}
		if seen[r] {
			return budget.Errorf(budget.EINVALID, "user %s: role %s given twice", u.Name, r)
		}
		seen[r] = true
	}
	switch {
	case u.Has(Enhet) && len(u.Units) == 0:
		return budget.Errorf(budget.EINVALID, "user %s: the enhet role needs the units it is bound to: give --unit CODE", u.Name)
	case !u.Has(Enhet) && len(u.Units) > 0:
		return budget.Errorf(budget.EINVALID, "user %s: --unit binds the enhet role; give --role enhet too", u.Name)
	}
	for _, c := range u.Units {
		if strings.TrimSpace(c) == "" || len(c) > 128 {
			return budget.Errorf(budget.EINVALID, "user %s: unit code %q: give the unit's code as in the units file", u.Name, c)
		}
	}
	return nil
}

// ValidName checks a user name: 1-64 characters, letters, digits and
// . _ - @ only, so it is the same in a log line, a URL and a shell.
func ValidName(name string) error {
	if name == "" || len([]rune(name)) > 64 {
		return budget.Errorf(budget.EINVALID, "user name %q: give 1 to 64 characters", name)
	}
	for _, r := range name {
		ok := r == '.' || r == '_' || r == '-' || r == '@' ||
			(r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') ||
			strings.ContainsRune("æøåÆØÅ", r)
		if !ok {
			return budget.Errorf(budget.EINVALID, "user name %q: use letters, digits and . _ - @ only", name)
		}
	}
	return nil
}

// Permit is what a route admits: the roles that may use it and whether it
// is bound to a unit. On a unit-bound route an Enhet user is admitted only
// for a unit it is bound to; the other roles admitted see every unit.
type Permit struct {
	Roles     []Role
	UnitBound bool
}

// Allows reports whether u may use the route, on unit when the route is
// unit-bound ("" for a route or a listing that names no unit; an Enhet
// user is then admitted and the handler shows only its units).
func (p Permit) Allows(u User, unit string) bool {
	for _, r := range u.Roles {
		if !slices.Contains(p.Roles, r) {
			continue
		}
		if r == Enhet && p.UnitBound && unit != "" && !u.HasUnit(unit) {
			continue
		}
		return true
	}
	return false
}

// SeesAllUnits reports whether u sees every unit on a route with permit p:
// true when a role other than a unit-bound Enhet admits it. A listing
// handler shows only u.Units when it is false.
func (p Permit) SeesAllUnits(u User) bool {
	for _, r := range u.Roles {
		if slices.Contains(p.Roles, r) && !(r == Enhet && p.UnitBound) {
			return true
		}
	}
	return false
}
