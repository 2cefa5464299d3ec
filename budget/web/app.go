package web

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
)

// Store is what the application needs of the workspace for users, sessions
// and the audit log (budget/sqlite implements it).
type Store interface {
	access.Store
	UserByID(ctx context.Context, id int64) (access.User, error)
	UserByToken(ctx context.Context, hash string, now time.Time) (access.User, error)
	SSOUser(ctx context.Context, issuer, subject string, u access.User) (access.User, error)
	CreateSession(ctx context.Context, s access.Session) error
	Session(ctx context.Context, hash string) (access.Session, error)
	TouchSession(ctx context.Context, hash string, now time.Time) error
	DeleteSession(ctx context.Context, hash string) error
	DeleteUserSessions(ctx context.Context, userID int64) (int, error)
	AuditLog(ctx context.Context, q access.AuditQuery) ([]access.Event, error)
}

// App is the web application: the routes of the route table, each behind
// the one middleware that signs the caller in and enforces the route's
// roles, with cross-origin protection in front of all of them. Server
// serves it (set Server.App).
type App struct {
	Store    Store
	Accounts *access.Accounts // checks passwords, throttles sign-ins
	// Lifetimes bound sessions (access.DefaultLifetimes when zero).
	Lifetimes access.Lifetimes
	// Secure marks the session cookie Secure (and names it __Host-…): set it
	// when the server speaks TLS or a reverse proxy in front of it does.
	Secure bool
	// BehindProxy trusts the last X-Forwarded-For entry as the client's
	// address (for the sign-in throttle and the audit log).
	BehindProxy bool
	SSO         *SSO             // single sign-on; nil when not configured
	Lang        string           // default language, "nb" or "nn"
	Now         func() time.Time // the clock (time.Now when nil)
	// The services behind the pages and the API, each an interface declared
	// in the file of its area; cmd wires them to the workspace. A nil
	// service leaves its routes answering 503.

	// Imports: routes_imports.go.

	// Pages: routes_pages.go.
	Tertial TertialForms // the tertial report in the browser
	// Wheel runs the wheel's due tasks now (the daemon's trigger), for the
	// rådmann's office's button on /arshjul.
	Wheel interface{ Trigger(why string) error }

	// API: routes_api.go.
	Reads Reads // the figures of the JSON API, in the CLI's --json shapes
	// WheelYear gives GET /api/v1/wheel the year's tasks with their runs
	// (serve wires the wheel server's Source).
	WheelYear interface {
		Year(ctx context.Context, year int) ([]Entry, error)
	}
	// Documents makes the letters, workbook and report for download.
	Documents Documents
	// Imports takes uploaded budget files; MaxUpload bounds an upload
	// (DefaultMaxUpload when zero).
	Imports   BudgetImports
	MaxUpload int64
	// Files takes the public-health coordinator's and the rådmann's
	// office's files (areas, indicators, targets, catalogue; units,
	// measures, ratings): routes_files.go.
	Files  FileImports
	stages stages // uploads previewed, waiting for confirmation or importing

	// Publish: routes_publish.go.
	Reports ReportPages // the annual report as a web page
	// PublicReport publishes the public edition of the annual report to
	// anyone, signed in or not (serve --public-report); else it is for
	// signed-in users.
	PublicReport bool
	// reportFiles keeps the files served beside a report page (its
	// stylesheet, the same for every report), so the browser's request for
	// it after the page needs no second rendering.
	reportFiles sync.Map // name → []byte

	// Extra routes are added to the route table, under the same guard
	// (tests use it for routes the table does not have yet).
	Extra []Route
}

func (a *App) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

func (a *App) lifetimes() access.Lifetimes {
	if a.Lifetimes == (access.Lifetimes{}) {
		return access.DefaultLifetimes
	}
	return a.Lifetimes
}

// Handler returns the application's routes, wheel's among them (s
// serves the wheel page, the calendar and /healthz). It panics when the
// route table is wrong (a route that names no roles and is not Public), a
// mistake the tests catch.
func (a *App) Handler(s *Server) http.Handler {
	mux := http.NewServeMux()
	for _, rt := range append(a.routes(s), a.Extra...) {
		if err := rt.check(); err != nil {
			panic(err)
		}
		mux.Handle(rt.Pattern, a.guard(rt))
	}
	mux.Handle("/", a.guard(Route{Pattern: "/", Public: true, Handler: a.notFound}))
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(a.crossOrigin))
	return cop.Handler(mux)
}
