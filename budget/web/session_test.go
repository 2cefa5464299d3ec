package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/web/webtest"
)

func sessionCookie(t *testing.T, env *webtest.Env, c *http.Client) *http.Cookie {
	t.Helper()
	u, _ := url.Parse(env.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "helsebudsjett" {
			return ck
		}
	}
	return nil
}

func TestLogin(t *testing.T) {
	env := webtest.New(t)
	c := env.NewClient()
	resp, _ := env.Get(t, c, "/admin/logg")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/logg-inn?neste=%2Fadmin%2Flogg" {
		t.Fatalf("signed out: %s %q", resp.Status, resp.Header.Get("Location"))
	}
	_, body := env.Get(t, c, "/logg-inn?neste=%2Fadmin%2Flogg")
	for _, want := range []string{`<html lang="nb">`, `<label for="namn">Brukernavn</label>`, `<label for="passord">Passord</label>`,
		`<h1>Logg inn</h1>`, `name="neste" value="/admin/logg"`} {
		if !strings.Contains(body, want) {
			t.Errorf("sign-in page lacks %q", want)
		}
	}
	if strings.Contains(body, "<script") || strings.Contains(body, " style=") || strings.Contains(body, "<style") {
		t.Error("sign-in page has inline script or style")
	}

	// Failures all read the same, for an existing user or not.
	_, wrong := env.Do(t, c, "POST", "/logg-inn", nil, url.Values{"namn": {"admin"}, "passord": {"feil passord her"}}.Encode())
	_, nobody := env.Do(t, c, "POST", "/logg-inn", nil, url.Values{"namn": {"finnesikke"}, "passord": {"feil passord her"}}.Encode())
	if !strings.Contains(wrong, "Feil brukernavn eller passord") || stripValue(wrong) != stripValue(nobody) {
		t.Errorf("the answers differ for an existing and a missing user:\n%s\n---\n%s", wrong, nobody)
	}
	if strings.Contains(wrong, "feil passord her") {
		t.Error("the page repeats the password")
	}

	// Sign in with a session identifier an attacker planted: the
	// attacker's own, live session.
	u, _ := url.Parse(env.URL)
	attacker := env.Client(t, "lesetilgang")
	planted := sessionCookie(t, env, attacker)
	c.Jar.SetCookies(u, []*http.Cookie{planted})
	resp, _ = env.Do(t, c, "POST", "/logg-inn", nil, url.Values{"namn": {"admin"}, "passord": {webtest.Password}, "neste": {"/admin/logg"}}.Encode())
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/logg" {
		t.Fatalf("sign in: %s %q", resp.Status, resp.Header.Get("Location"))
	}
	var set *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == "helsebudsjett" {
			set = ck
		}
	}
	if set == nil || !set.HttpOnly || set.SameSite != http.SameSiteLaxMode || set.Path != "/" || set.Secure {
		t.Fatalf("session cookie %+v: want HttpOnly, SameSite=Lax, Path=/ (not Secure over plain HTTP)", set)
	}
	if set.Value == planted.Value {
		t.Fatal("the planted session identifier was kept (session fixation)")
	}
	if resp, _ := env.Get(t, attacker, "/admin/logg"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the planted session reaches the admin page after the victim signed in: %s", resp.Status)
	}
	resp, body = env.Get(t, c, "/admin/logg")
	if resp.StatusCode != 200 || !strings.Contains(body, "login") || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("audit page after sign-in: %s, Cache-Control %q", resp.Status, resp.Header.Get("Cache-Control"))
	}
	if !strings.Contains(body, "login.failed") || !strings.Contains(body, "finnesikke") {
		t.Errorf("the audit page does not show the failed sign-ins")
	}
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"} {
		if got := resp.Header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") ||
		strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "script-src") && !strings.Contains(csp, "script-src 'none'") {
		t.Errorf("CSP %q", csp)
	}
	resp, body = env.Get(t, c, "/")
	if !strings.Contains(body, "Innlogget som <strong>admin</strong>") || !strings.Contains(body, `href="/admin/logg"`) {
		t.Errorf("home page as admin: %s\n%s", resp.Status, body)
	}

	// A cross-origin POST is refused, even with the session cookie.
	resp, _ = env.Do(t, c, "POST", "/logg-ut", http.Header{"Origin": {"https://evil.example"}, "Sec-Fetch-Site": {"cross-site"}}, "")
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin POST: %s, want 403", resp.Status)
	}
	if resp, _ := env.Get(t, c, "/admin/logg"); resp.StatusCode != 200 {
		t.Errorf("the cross-origin POST signed the user out: %s", resp.Status)
	}

	// Sign out: the old cookie value is worthless afterwards.
	old := sessionCookie(t, env, c)
	resp, _ = env.Do(t, c, "POST", "/logg-ut", http.Header{"Origin": {env.URL}}, "")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/logg-inn" {
		t.Errorf("sign out: %s", resp.Status)
	}
	replay := env.NewClient()
	replay.Jar.SetCookies(u, []*http.Cookie{old})
	if resp, _ := env.Get(t, replay, "/admin/logg"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the signed-out session still works: %s", resp.Status)
	}
}

// stripValue removes the name typed back into the form.
func stripValue(s string) string {
	i := strings.Index(s, `id="namn"`)
	j := strings.Index(s, `<label for="passord">`)
	if i < 0 || j < i {
		return s
	}
	return s[:i] + s[j:]
}

func TestSession_timeouts(t *testing.T) {
	env := webtest.New(t)
	lt := access.DefaultLifetimes
	c := env.Client(t, "okonomi")
	for range 3 {
		env.Advance(lt.Idle - time.Minute)
		if resp, _ := env.Get(t, c, "/"); resp.StatusCode != 200 {
			t.Fatalf("active session ended early: %s", resp.Status)
		}
	}
	env.Advance(lt.Idle + time.Second)
	if resp, _ := env.Get(t, c, "/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("idle session: %s, want the sign-in page", resp.Status)
	}
	// Active every quarter hour: fine until the absolute lifetime, then out.
	c = env.Client(t, "okonomi")
	start := env.Now()
	for {
		env.Advance(lt.Idle / 2)
		resp, _ := env.Get(t, c, "/")
		elapsed := env.Now().Sub(start)
		if elapsed < lt.Absolute && resp.StatusCode != 200 {
			t.Fatalf("active session ended after %v: %s", elapsed, resp.Status)
		}
		if elapsed >= lt.Absolute {
			if resp.StatusCode != http.StatusSeeOther {
				t.Errorf("active session after %v, past its absolute lifetime: %s", elapsed, resp.Status)
			}
			break
		}
	}
}

func TestLogoutEverywhere(t *testing.T) {
	env := webtest.New(t)
	a, b := env.Client(t, "enhet"), env.Client(t, "enhet")
	other := env.Client(t, "okonomi")
	if resp, _ := env.Do(t, a, "POST", "/logg-ut-overalt", nil, ""); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout everywhere: %s", resp.Status)
	}
	if resp, _ := env.Get(t, b, "/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the user's other browser is still signed in: %s", resp.Status)
	}
	if resp, _ := env.Get(t, other, "/"); resp.StatusCode != 200 {
		t.Errorf("another user was signed out: %s", resp.Status)
	}
}

func TestLogin_rateLimit(t *testing.T) {
	env := webtest.New(t)
	c := env.NewClient()
	for range 5 {
		env.SignIn(t, c, "folkehelse", "feil passord her")
	}
	if resp := env.SignIn(t, c, "folkehelse", webtest.Password); resp.StatusCode == http.StatusSeeOther {
		t.Error("the right password signed in after 5 failures within the window")
	}
	env.Advance(16 * time.Minute)
	if resp := env.SignIn(t, c, "folkehelse", webtest.Password); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after the window: %s", resp.Status)
	}
}

func TestLogin_nynorsk(t *testing.T) {
	env := webtest.New(t)
	c := env.NewClient()
	_, body := env.Get(t, c, "/logg-inn?lang=nn")
	if !strings.Contains(body, `<html lang="nn">`) || !strings.Contains(body, "Brukarnamn") {
		t.Errorf("nynorsk sign-in page:\n%s", body)
	}
	// The choice is kept for the next pages.
	_, body = env.Get(t, c, "/logg-inn")
	if !strings.Contains(body, "Brukarnamn") {
		t.Error("the language choice was not kept")
	}
	_, body = env.Do(t, c, "POST", "/logg-inn", nil, url.Values{"namn": {"x"}, "passord": {"y"}}.Encode())
	if !strings.Contains(body, "Feil brukarnamn eller passord") {
		t.Error("the failure is not in nynorsk")
	}
}

func TestAPI_bearer(t *testing.T) {
	env := webtest.New(t)
	c := env.NewClient()
	for _, tc := range []struct {
		name, auth string
		want       int
	}{
		{"token", "Bearer " + env.Token(t, "kommunedirektor"), 200},
		{"no token", "", 401},
		{"garbage", "Bearer hbt_nottoken", 401},
		{"basic", "Basic YWRtaW46eA==", 401},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := http.Header{}
			if tc.auth != "" {
				h.Set("Authorization", tc.auth)
			}
			resp, body := env.Do(t, c, "GET", "/api/v1/me", h, "")
			if resp.StatusCode != tc.want {
				t.Errorf("%s: %s", resp.Status, body)
			}
			if tc.want == 200 && !strings.Contains(body, `"name": "kommunedirektor"`) {
				t.Errorf("body %s", body)
			}
		})
	}
}
