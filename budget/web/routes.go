package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
)

// Route is one line of the route table: a ServeMux pattern with its
// method, who may use it, and the handler.
type Route struct {
	// Pattern is "METHOD /path", as http.ServeMux takes it; paths under
	// /api/ answer errors in JSON, others with pages.
	Pattern string
	// Roles may use the route. A route with no roles must say Public.
	Roles  []access.Role
	Public bool
	// Unit, when set, names the path wildcard that holds a unit code
	// ("unit" in "/brev/{year}/{unit}"): the route is unit-bound, and an
	// enhet user may use it only for its own units. Handlers of routes that
	// find the unit otherwise (in the query, in a stored document) call
	// RequireUnit themselves.
	Unit    string
	Handler http.HandlerFunc
}

// Everyone is every role: the routes any signed-in user may use.
var Everyone = access.Roles()

// coreRoutes are sign-in, the wheel and administration. To add a page or an
// API call, add a line to the table of its area with the roles that may use
// it; the route × role test covers it.
func (a *App) coreRoutes(s *Server) []Route {
	return []Route{
		{Pattern: "GET /healthz", Public: true, Handler: s.health},
		{Pattern: "GET /arshjul.ics", Public: true, Handler: s.calendar}, // calendar clients cannot sign in; it holds only the wheel's tasks
		{Pattern: "GET /static/app.css", Public: true, Handler: stylesheet(appCSS)},
		{Pattern: "GET /static/arshjul.css", Public: true, Handler: stylesheet(wheelCSS)},
		{Pattern: "GET /logg-inn", Public: true, Handler: a.loginPage},
		{Pattern: "POST /logg-inn", Public: true, Handler: a.login},
		{Pattern: "GET /sso/start", Public: true, Handler: a.ssoStart},
		{Pattern: "GET /sso/callback", Public: true, Handler: a.ssoCallback},

		{Pattern: "GET /{$}", Roles: Everyone, Handler: a.home},
		{Pattern: "POST /logg-ut", Roles: Everyone, Handler: a.logout},
		{Pattern: "POST /logg-ut-overalt", Roles: Everyone, Handler: a.logoutEverywhere},
		{Pattern: "GET /arshjul", Roles: Everyone, Handler: s.page},
		{Pattern: "POST /arshjul/kjor", Roles: []access.Role{access.Admin, access.Kommunedirektor}, Handler: a.runDue},
		{Pattern: "GET /api/v1/me", Roles: Everyone, Handler: a.apiMe},
		{Pattern: "GET /admin/logg", Roles: []access.Role{access.Admin}, Handler: a.auditPage},
		{Pattern: "GET /api/v1/audit", Roles: []access.Role{access.Admin}, Handler: a.apiAudit},
	}
}

// routes is the route table: the core above, then each area's routes from
// its own file (routes_*.go), so the areas grow without touching each other.
func (a *App) routes(s *Server) []Route {
	rs := a.coreRoutes(s)
	rs = append(rs, a.importRoutes()...)    // routes_imports.go: upload, preview, confirm; finance tables
	rs = append(rs, a.fileRoutes()...)      // routes_files.go: areas, indicators, targets, catalogue; units, measures, ratings
	rs = append(rs, a.pageRoutes()...)      // routes_pages.go: units, rådmann, indicators, council
	rs = append(rs, a.apiRoutes()...)       // routes_api.go: /api/v1
	rs = append(rs, a.publishRoutes()...)   // routes_publish.go: the published report (HTML)
	rs = append(rs, a.indicatorRoutes()...) // indicators.go: the indicator pages
	rs = append(rs, a.documentRoutes()...)  // routes_documents.go: letters, workbook and report downloads
	return rs
}

// Routes returns the route table with Extra (for tests that walk every route).
func (a *App) Routes() []Route { return append(a.routes(&Server{}), a.Extra...) }

func (rt Route) check() error {
	if rt.Handler == nil {
		return fmt.Errorf("web: route %s has no handler", rt.Pattern)
	}
	if !strings.Contains(rt.Pattern, " /") {
		return fmt.Errorf("web: route %s: give the method, as in \"GET /path\"", rt.Pattern)
	}
	if rt.Public == (len(rt.Roles) > 0) {
		return fmt.Errorf("web: route %s: give its roles, or Public: true, not both", rt.Pattern)
	}
	if rt.Unit != "" && !strings.Contains(rt.Pattern, "{"+rt.Unit+"}") {
		return fmt.Errorf("web: route %s: Unit %q is not a wildcard of its path", rt.Pattern, rt.Unit)
	}
	return nil
}

// isAPI reports whether a path answers in JSON.
func isAPI(path string) bool { return strings.HasPrefix(path, "/api/") }
