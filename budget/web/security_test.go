package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/web/webtest"
)

// samplePath fills the wildcards of a route's path with sample values: the
// unit wildcard with unit, the others with 2027 (a year, and a harmless
// value for any other name), as TestRoutes_roleMatrix does.
func samplePath(rt web.Route, unit string) (method, path string) {
	method, pattern, _ := strings.Cut(rt.Pattern, " ")
	path = wildcard.ReplaceAllStringFunc(pattern, func(w string) string {
		if rt.Unit != "" && strings.Trim(w, "{}.") == rt.Unit {
			return unit
		}
		return "2027"
	})
	return method, strings.TrimSuffix(path, "{$}")
}

func stateChanging(method string) bool {
	return method != http.MethodGet && method != http.MethodHead && method != http.MethodOptions
}

// TestSecurity_crossOriginEveryRoute sends every state-changing route of
// the route table (the routes other areas add included) as a cross-site
// request from a signed-in admin's browser: each is refused with 403
// before its handler runs (a JSON error under /api/), while the same
// request from the application's own pages is not refused as cross-origin.
func TestSecurity_crossOriginEveryRoute(t *testing.T) {
	env := webtest.New(t)
	n := 0
	for _, rt := range env.App.Routes() {
		method, path := samplePath(rt, webtest.Units[0])
		if !stateChanging(method) {
			continue
		}
		n++
		t.Run(rt.Pattern, func(t *testing.T) {
			c := env.Client(t, "admin")
			cross := http.Header{"Origin": {"https://evil.example"}, "Sec-Fetch-Site": {"cross-site"}}
			resp, body := env.Do(t, c, method, path, cross, "year=2027")
			if strings.HasPrefix(path, "/api/") {
				wantJSONError(t, resp, body, http.StatusForbidden)
				if !strings.Contains(body, `"cross_origin"`) {
					t.Errorf("body %s, want the cross_origin code", body)
				}
			} else if resp.StatusCode != http.StatusForbidden {
				t.Errorf("cross-site %s %s: %s, want 403", method, path, resp.Status)
			}
			same := http.Header{"Origin": {env.URL}, "Sec-Fetch-Site": {"same-origin"}}
			resp, body = env.Do(t, c, method, path, same, "year=2027")
			if resp.StatusCode == http.StatusForbidden && strings.Contains(body, "cross_origin") {
				t.Errorf("same-origin %s %s refused as cross-origin", method, path)
			}
		})
	}
	if n == 0 {
		t.Fatal("no state-changing route in the table")
	}
}

// TestRoutes_roleMatrixSession repeats the role matrix for the pages with
// a browser's session cookie instead of an API token: every page route ×
// every role gets the page, or 403 (another unit's page included), exactly
// as the route table says.
func TestRoutes_roleMatrixSession(t *testing.T) {
	env := webtest.New(t)
	clients := map[access.Role]*http.Client{}
	for _, r := range access.Roles() {
		clients[r] = env.Client(t, string(r))
	}
	for _, rt := range env.App.Routes() {
		if rt.Public || strings.HasPrefix(rt.Pattern, "POST /logg-ut") {
			continue // public routes answer everyone; signing out would end the session the next cases use
		}
		units := []string{""}
		if rt.Unit != "" {
			units = []string{webtest.Units[0], webtest.OtherUnit}
		}
		for _, unit := range units {
			method, path := samplePath(rt, unit)
			if strings.HasPrefix(path, "/api/") {
				continue // TestRoutes_roleMatrix covers the API with tokens
			}
			for _, r := range access.Roles() {
				t.Run(rt.Pattern+" "+unit+" as "+string(r), func(t *testing.T) {
					resp, body := env.Do(t, clients[r], method, path, http.Header{"Origin": {env.URL}}, "")
					admitted := slices.Contains(rt.Roles, r) && !(r == access.Enhet && unit == webtest.OtherUnit)
					login := resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/logg-inn")
					switch {
					case login:
						t.Errorf("signed-in %s sent to the sign-in page", r)
					case admitted && (resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusUnauthorized):
						t.Errorf("admitted caller got %s", resp.Status)
					case !admitted && (resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Ingen tilgang")):
						t.Errorf("got %s, want 403 with a page", resp.Status)
					}
				})
			}
		}
	}
}

// behindProxy serves env's application trusting X-Forwarded-For, so a
// test can sign in from many addresses.
func behindProxy(env *webtest.Env) http.Handler {
	app := &web.App{Store: env.DB, Accounts: env.App.Accounts, Now: env.Now, BehindProxy: true}
	return (&web.Server{App: app}).Handler()
}

// signInFrom posts the sign-in form from addr and reports whether it
// signed in.
func signInFrom(t *testing.T, h http.Handler, addr, name, password string) bool {
	t.Helper()
	form := url.Values{"namn": {name}, "passord": {password}}.Encode()
	req := httptest.NewRequest("POST", "http://127.0.0.1/logg-inn", strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", addr)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	switch rec.Code {
	case http.StatusSeeOther:
		return true
	case http.StatusOK:
		if !strings.Contains(rec.Body.String(), "Feil brukernavn eller passord") {
			t.Errorf("a refused sign-in from %s as %s does not say why", addr, name)
		}
		return false
	}
	t.Fatalf("sign in from %s as %s: %d", addr, name, rec.Code)
	return false
}

// TestLogin_rateLimitPerAddress: one address that guesses many names is
// stopped for every account, while the same account signs in from
// another address; an account guessed at from many addresses is stopped
// from all of them. Both lift after the window. A throttled sign-in reads
// like a wrong password (no hint that the account exists).
func TestLogin_rateLimitPerAddress(t *testing.T) {
	env := webtest.New(t)
	h := behindProxy(env)
	const max = 50 // webtest's PerAddress.Max
	for i := range max {
		signInFrom(t, h, "192.0.2.7", "gjett"+string(rune('a'+i%26))+string(rune('a'+i/26)), "feil passord her")
	}
	if signInFrom(t, h, "192.0.2.7", "okonomi", webtest.Password) {
		t.Error("the address signed in after guessing 50 names")
	}
	if !signInFrom(t, h, "192.0.2.8", "okonomi", webtest.Password) {
		t.Error("another address was stopped by the first one's guesses")
	}

	// Per account: five addresses, one guess each, at one account.
	for i := range 5 {
		signInFrom(t, h, "198.51.100."+string(rune('1'+i)), "folkehelse", "feil passord her")
	}
	if signInFrom(t, h, "198.51.100.99", "folkehelse", webtest.Password) {
		t.Error("the account signed in after 5 guesses from different addresses")
	}
	if !signInFrom(t, h, "198.51.100.99", "admin", webtest.Password) {
		t.Error("another account was stopped")
	}

	env.Advance(16 * time.Minute)
	if !signInFrom(t, h, "192.0.2.7", "okonomi", webtest.Password) {
		t.Error("the address is still stopped after the window")
	}
	if !signInFrom(t, h, "198.51.100.99", "folkehelse", webtest.Password) {
		t.Error("the account is still stopped after the window")
	}
}
