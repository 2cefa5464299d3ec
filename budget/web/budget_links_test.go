package web_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/web/webtest"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// TestBudgetPage_linksOnlyWhatTheReaderMayUse: /budsjett links the budget
// upload only to the roles the route table lets upload, so the public-health
// coordinator and the rådmann's office, who may read the figures, are not
// sent to a 403; the comparison is linked to every reader of the page.
func TestBudgetPage_linksOnlyWhatTheReaderMayUse(t *testing.T) {
	env := webtest.NewWith(t, func(a *web.App) { a.Reads = model.Reads{DB: a.Store.(*sqlite.DB)} })
	allowed := func(pattern string) []access.Role {
		for _, rt := range env.App.Routes() {
			if rt.Pattern == pattern {
				return rt.Roles
			}
		}
		t.Fatalf("no route %s", pattern)
		return nil
	}
	readers, uploaders, comparers := allowed("GET /budsjett"), allowed("GET /import/budsjett"), allowed("GET /budsjett/sammenligning")
	for _, r := range readers {
		t.Run(string(r), func(t *testing.T) {
			resp, page := env.Get(t, env.Client(t, string(r)), "/budsjett")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s", resp.Status)
			}
			for _, c := range []struct {
				href  string
				roles []access.Role
			}{{`href="/import/budsjett"`, uploaders}, {`href="/budsjett/sammenligning"`, comparers}} {
				if got, want := strings.Contains(page, c.href), slices.Contains(c.roles, r); got != want {
					t.Errorf("links %s: %v, want %v (the route admits %v)", c.href, got, want, c.roles)
				}
			}
		})
	}
}
