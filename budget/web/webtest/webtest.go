// Package webtest starts the web application on a fresh workspace for
// tests: one user per role, signed in by password (a browser's cookie) or
// by API token. The pages and API tests build on it:
//
//	env := webtest.New(t)
//	c := env.Client(t, "okonomi")        // signed in; redirects are not followed
//	resp := env.Get(t, c, "/api/v1/me")
//	req.Header.Set("Authorization", "Bearer "+env.Token(t, "enhet"))
package webtest

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

// Password is every test user's password.
const Password = "testpassord-2027"

// Units are the units the enhet user is bound to; OtherUnit is one it is not.
var Units = []string{"3100"}

// OtherUnit is a unit code the enhet user is not bound to.
const OtherUnit = "9999"

// Env is a running application on its own workspace.
type Env struct {
	DB     *sqlite.DB
	App    *web.App
	Server *httptest.Server
	URL    string

	mu  sync.Mutex
	now time.Time
	tok map[string]string
}

// New opens a workspace in a temporary folder, adds one user per role,
// named after the role ("admin", "okonomi", …, "enhet" bound to Units), and
// serves the application over HTTP on loopback until the test ends. The
// clock starts at 2027-03-01 09:00 Oslo time; Advance moves it.
func New(t testing.TB) *Env {
	t.Helper()
	return NewWith(t, nil)
}

// NewWith is New with configure run on the application before it serves:
// to give it services (a.Reports …) or options that shape its routes.
func NewWith(t testing.TB, configure func(*web.App)) *Env {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e := &Env{DB: db, now: time.Date(2027, 3, 1, 9, 0, 0, 0, wheel.Oslo()), tok: map[string]string{}}
	acc := &access.Accounts{Store: db, Argon2: access.Argon2Params{Memory: 64, Time: 1, Threads: 1}, Now: e.Now,
		PerAccount: &access.Throttle{Max: 5, Window: 15 * time.Minute},
		PerAddress: &access.Throttle{Max: 50, Window: 15 * time.Minute}}
	for _, r := range access.Roles() {
		u := access.User{Name: string(r), Roles: []access.Role{r}}
		if r == access.Enhet {
			u.Units = Units
		}
		if _, err := acc.Add(ctx, u, Password); err != nil {
			t.Fatal(err)
		}
	}
	w, err := wheel.Parse("arshjul.yaml", templates.Arshjul)
	if err != nil {
		t.Fatal(err)
	}
	e.App = &web.App{Store: db, Accounts: acc, Now: e.Now}
	if configure != nil {
		configure(e.App)
	}
	srv := &web.Server{Source: wheelSource{w}, Now: e.Now, App: e.App}
	e.Server = httptest.NewServer(srv.Handler())
	t.Cleanup(e.Server.Close)
	e.URL = e.Server.URL
	return e
}

// Now is the application's clock.
func (e *Env) Now() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.now
}

// Advance moves the clock by d (to test session timeouts).
func (e *Env) Advance(d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.now = e.now.Add(d)
}

// NewClient returns a client with its own cookie jar that does not follow
// redirects, so tests see the 303 to the sign-in page.
func (e *Env) NewClient() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// Client returns a new client signed in as name with Password.
func (e *Env) Client(t testing.TB, name string) *http.Client {
	t.Helper()
	c := e.NewClient()
	resp := e.SignIn(t, c, name, Password)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in as %s: %s", name, resp.Status)
	}
	return c
}

// SignIn posts the sign-in form with name and password and returns the
// response (its body closed).
func (e *Env) SignIn(t testing.TB, c *http.Client, name, password string) *http.Response {
	t.Helper()
	resp, err := c.PostForm(e.URL+"/logg-inn", url.Values{"namn": {name}, "passord": {password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// Token returns an API token for name (made once per Env).
func (e *Env) Token(t testing.TB, name string) string {
	t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	if tok, ok := e.tok[name]; ok {
		return tok
	}
	acc := &access.Accounts{Store: e.DB}
	tok, err := acc.NewToken(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	e.tok[name] = tok
	return tok
}

// Do sends a request with method to path (relative to the server) with c,
// and returns the response with its body read.
func (e *Env) Do(t testing.TB, c *http.Client, method, path string, header http.Header, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, e.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	if body != "" && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	if _, err := io.Copy(&b, resp.Body); err != nil {
		t.Fatal(err)
	}
	return resp, b.String()
}

// Get is Do with GET and no body.
func (e *Env) Get(t testing.TB, c *http.Client, path string) (*http.Response, string) {
	t.Helper()
	return e.Do(t, c, http.MethodGet, path, nil, "")
}
