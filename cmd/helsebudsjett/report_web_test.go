package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/helsebudsjett/helsebudsjett/budget/web/browsertest"
)

// TestServe_reportInBrowser is the council's flow in a real browser: on
// the demo's workspace, a council member (lesetilgang) signs in, opens the
// list of reports and the public annual report, which must carry the
// report's title and pass axe-core under the application's
// Content-Security-Policy; with --public-report, someone not signed in
// reads the same page, in nynorsk when asked.
func TestServe_reportInBrowser(t *testing.T) {
	ctx := browsertest.New(t, 5*time.Minute) // the report page takes long under -race
	_, dbFile := demoWorkspace(t)
	if code, _, stderr := cliIn(t, t.TempDir(), "et langt nok passord\n", "user", "add", "leser", "--role", "lesetilgang", "--password-stdin", "--db", dbFile); code != exitOK {
		t.Fatal(stderr)
	}
	year := strconv.Itoa(demoAnnualYear)
	title := "Årsrapport for helsebudsjettet " + year

	base, stop := startServe(t, "serve", "--db", dbFile)
	browsertest.SignIn(t, ctx, base, "leser", "et langt nok passord")
	browsertest.Run(t, ctx, "open the list of reports", chromedp.Navigate(base+"/rapport/"), chromedp.WaitVisible(chromedp.CSS("main")))
	browsertest.CheckAxe(t, ctx, "/rapport/")
	browsertest.Run(t, ctx, "follow the link to "+year, chromedp.Click(chromedp.CSS(`a[href="/rapport/`+year+`/"]`)), chromedp.WaitVisible(chromedp.CSS("figure")))
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil || strings.TrimSpace(h1) != title {
		t.Errorf("the page's h1 %q (%v), want %q", h1, err, title)
	}
	// The stylesheet loaded under the CSP: the contents' list has no bullets.
	style, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".toc ol")).listStyleType`))
	if err != nil || style != "none" {
		t.Errorf("the report's stylesheet did not apply (list-style %q, %v)", style, err)
	}
	browsertest.CheckAxe(t, ctx, "/rapport/"+year+"/")
	browsertest.Screenshot(t, ctx, "rapport-for-kommunestyret")
	stop()

	base, _ = startServe(t, "serve", "--db", dbFile, "--public-report")
	browsertest.Run(t, ctx, "open the published report", chromedp.Navigate(base+"/rapport/"+year+"/?lang=nn"), chromedp.WaitVisible(chromedp.CSS("figure")))
	lang, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	if err != nil || lang != "nn" {
		t.Errorf("lang %q (%v), want nn", lang, err)
	}
	browsertest.CheckAxe(t, ctx, "/rapport/"+year+"/?lang=nn")
}
