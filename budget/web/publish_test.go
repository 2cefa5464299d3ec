package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/web/webtest"
)

// fakeReports is a report service whose page says which edition, year
// and language it was asked for.
type fakeReports struct{ calls int }

func (f *fakeReports) ReportPage(_ context.Context, year int, public bool, lang string) (map[string][]byte, error) {
	f.calls++
	if year != 2027 {
		return nil, budget.Errorf(budget.ENOTFOUND, "no budget for %d", year)
	}
	edition := "intern"
	if public {
		edition = "offentlig"
	}
	return map[string][]byte{
		"index.html":  []byte(fmt.Sprintf(`<!doctype html><html lang="%s"><p>rapport %d %s</p></html>`, lang, year, edition)),
		"rapport.css": []byte("p { color: #111; }"),
	}, nil
}

func (f *fakeReports) ReportYears(context.Context) ([]int, error) { return []int{2027, 2026}, nil }

// TestPublish_editions: a council member (lesetilgang) reads the public
// edition and never the internal one; the staff who work with the small
// numbers read both; no one signed in reads nothing unless the
// municipality publishes the report, and then only the public edition.
func TestPublish_editions(t *testing.T) {
	for _, published := range []bool{false, true} {
		t.Run(fmt.Sprintf("public-report=%v", published), func(t *testing.T) {
			reports := &fakeReports{}
			env := webtest.NewWith(t, func(a *web.App) { a.Reports, a.PublicReport = reports, published })
			for _, c := range []struct {
				who, path string
				status    int
				body      string
			}{
				{"lesetilgang", "/rapport/2027/", 200, "rapport 2027 offentlig"},
				{"lesetilgang", "/rapport/2027/intern/", 403, ""},
				{"enhet", "/rapport/2027/intern/", 403, ""},
				{"kommunedirektor", "/rapport/2027/intern/", 200, "rapport 2027 intern"},
				{"folkehelse", "/rapport/2027/intern/?lang=nn", 200, `lang="nn"`},
				{"okonomi", "/rapport/2031/", 404, ""},
				{"lesetilgang", "/rapport/2027/rapport.css", 200, "color"},
				{"lesetilgang", "/rapport/", 200, `href="/rapport/2026/"`},
				{"", "/rapport/2027/intern/", 303, ""},
				{"", "/rapport/2027/", map[bool]int{false: 303, true: 200}[published], map[bool]string{true: "offentlig"}[published]},
			} {
				client := env.NewClient()
				if c.who != "" {
					client = env.Client(t, c.who)
				}
				resp, body := env.Get(t, client, c.path)
				if resp.StatusCode != c.status || !strings.Contains(body, c.body) {
					t.Errorf("%s %s: %s %.120q, want %d with %q", c.who, c.path, resp.Status, body, c.status, c.body)
				}
				if resp.StatusCode == 200 && strings.HasSuffix(c.path, ".css") && !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
					t.Errorf("%s: Content-Type %q", c.path, resp.Header.Get("Content-Type"))
				}
				if resp.StatusCode == 200 && strings.Contains(resp.Header.Get("Content-Security-Policy"), "unsafe-inline") {
					t.Errorf("%s: the CSP allows inline code", c.path)
				}
				if c.status == http.StatusSeeOther && !strings.HasPrefix(resp.Header.Get("Location"), "/logg-inn") {
					t.Errorf("%s as no one: to %q, want the sign-in page", c.path, resp.Header.Get("Location"))
				}
			}
		})
	}
}
