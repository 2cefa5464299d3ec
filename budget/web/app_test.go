package web_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/web/webtest"
)

var wildcard = regexp.MustCompile(`\{([a-z]+)(\.\.\.)?\}`)

// TestRoutes_roleMatrix sends every route of the route table as every
// role, and with no one signed in: a public route answers everyone; a
// route that needs a sign-in answers 401 with a JSON body (API) or a
// redirect to the sign-in page (pages) to no one, 403 (JSON for the API)
// to a role it does not list, and lets a role it lists through; an enhet
// user reaches a unit-bound route only for its own unit.
func TestRoutes_roleMatrix(t *testing.T) {
	env := webtest.New(t)
	routes := env.App.Routes()
	if len(routes) < 10 {
		t.Fatalf("%d routes: the table was not read", len(routes))
	}
	type caller struct {
		name string
		role access.Role // "" for no one
	}
	callers := []caller{{"anonymous", ""}}
	for _, r := range access.Roles() {
		callers = append(callers, caller{string(r), r})
	}
	for _, rt := range routes {
		method, pattern, _ := strings.Cut(rt.Pattern, " ")
		units := []string{""}
		if rt.Unit != "" {
			units = []string{webtest.Units[0], webtest.OtherUnit}
		}
		for _, unit := range units {
			path := wildcard.ReplaceAllStringFunc(pattern, func(w string) string {
				if rt.Unit != "" && strings.Trim(w, "{}.") == rt.Unit {
					return unit
				}
				return "2027"
			})
			path = strings.TrimSuffix(path, "{$}")
			for _, c := range callers {
				t.Run(rt.Pattern+" "+unit+" as "+c.name, func(t *testing.T) {
					h := http.Header{}
					if c.role != "" {
						h.Set("Authorization", "Bearer "+env.Token(t, string(c.role)))
					}
					resp, body := env.Do(t, env.NewClient(), method, path, h, "")
					api := strings.HasPrefix(path, "/api/")
					admitted := rt.Public || slices.Contains(rt.Roles, c.role) &&
						!(c.role == access.Enhet && rt.Unit != "" && unit == webtest.OtherUnit)
					switch {
					case admitted:
						if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden ||
							resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/logg-inn?") {
							t.Errorf("admitted caller got %s (Location %q)", resp.Status, resp.Header.Get("Location"))
						}
					case c.role == "" && api:
						wantJSONError(t, resp, body, http.StatusUnauthorized)
					case c.role == "":
						if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/logg-inn?neste=") {
							t.Errorf("got %s to %q, want 303 to the sign-in page", resp.Status, resp.Header.Get("Location"))
						}
					case api:
						wantJSONError(t, resp, body, http.StatusForbidden)
					default:
						if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Ingen tilgang") {
							t.Errorf("got %s, want 403 with a page", resp.Status)
						}
					}
				})
			}
		}
	}
}

func wantJSONError(t *testing.T, resp *http.Response, body string, status int) {
	t.Helper()
	var e web.APIError
	if resp.StatusCode != status || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") ||
		json.Unmarshal([]byte(body), &e) != nil || e.Error == "" || e.Code == "" {
		t.Errorf("got %s %q %q, want %d with a JSON error", resp.Status, resp.Header.Get("Content-Type"), body, status)
	}
}

// TestRoutes_table: a route that names neither roles nor Public is refused
// when the application starts, so no route is public by omission.
func TestRoutes_table(t *testing.T) {
	for _, rt := range (&web.App{}).Routes() {
		if !rt.Public && len(rt.Roles) == 0 {
			t.Errorf("route %s has no roles and is not public", rt.Pattern)
		}
	}
}
