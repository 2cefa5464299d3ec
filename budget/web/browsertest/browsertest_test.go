package browsertest_test

import (
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/helsebudsjett/helsebudsjett/budget/web/browsertest"
)

// TestAxe_findsViolations checks the checker: a page with no language and
// an image without alternative text must give those two violations, and a
// page without faults none.
func TestAxe_findsViolations(t *testing.T) {
	ctx := browsertest.New(t, 0)
	for _, c := range []struct {
		name, page string
		want       []string
	}{
		{"faulty", `<!doctype html><html><head><title>Feil</title></head><body><main><img src="x.png"></main></body></html>`, []string{"html-has-lang", "image-alt"}},
		{"clean", `<!doctype html><html lang="nb"><head><title>Rett</title></head><body><main><h1>Rett</h1><p>Tekst.</p></main></body></html>`, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			browsertest.Run(t, ctx, "open", chromedp.Navigate("data:text/html;charset=utf-8,"+url.PathEscape(c.page)),
				chromedp.WaitReady(chromedp.CSS("body")))
			vs, err := browsertest.Axe(ctx)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, v := range vs {
				got[v.ID] = true
			}
			for _, id := range c.want {
				if !got[id] {
					t.Errorf("axe-core did not report %s (it reported %v)", id, got)
				}
			}
			if len(got) != len(c.want) {
				t.Errorf("violations %v, want exactly %v", got, c.want)
			}
		})
	}
}
