package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/helsebudsjett/helsebudsjett/budget/web/browsertest"
)

// TestServe_financeInBrowser is finance staff's flow in headless Chromium,
// by keyboard: sign in, choose a budget file, fill in the form with Tab,
// type and the arrow keys, see the preview with the file's totals, confirm,
// follow the import on its self-refreshing page, and read the summary,
// whose total the CLI's summary confirms. Every page passes axe-core, in
// bokmål and nynorsk.
func TestServe_financeInBrowser(t *testing.T) {
	t.Parallel()                             // each on its own copy of the demo, server and browser
	ctx := browsertest.New(t, 5*time.Minute) // room for -race beside the other browser tests
	dir := t.TempDir()
	dbFile := filepath.Join(dir, "ws.db")
	if code, _, stderr := cliIn(t, dir, "et langt nok passord\n", "user", "add", "kari", "--role", "okonomi", "--password-stdin", "--db", dbFile); code != exitOK {
		t.Fatal(stderr)
	}
	file := write(t, dir, "budsjett-2027.csv", sampleCSV)
	base, _ := startServe(t, "serve", "--db", dbFile)
	browsertest.SignIn(t, ctx, base, "kari", "et langt nok passord")

	for _, lang := range []string{"nn", "nb"} { // the last one chosen stays for the pages after
		browsertest.Run(t, ctx, "open the upload page", chromedp.Navigate(base+"/import/budsjett?lang="+lang), chromedp.WaitVisible(chromedp.ID("fil")))
		browsertest.CheckAxe(t, ctx, "/import/budsjett?lang="+lang)
	}
	browsertest.Run(t, ctx, "choose the file", chromedp.SetUploadFiles(chromedp.ID("fil"), []string{file}), chromedp.Focus(chromedp.ID("fil")))
	steps := []struct{ keys, want string }{
		{"\t", "ar"}, {"2027", "ar"}, {"\t", "v-vedtatt"}, {kb.ArrowRight, "v-forslag"}, {"\t", "d-auto"}, {kb.ArrowRight, "d-drift"},
	}
	for _, s := range steps {
		browsertest.Keys(t, ctx, s.keys)
		if got := browsertest.FocusedID(t, ctx); got != s.want {
			t.Fatalf("after %q the focus is on %q, want %q", s.keys, got, s.want)
		}
	}
	browsertest.Keys(t, ctx, "\t\r") // to the button, and press it
	preview := browsertest.WaitText(t, ctx, "1\u202f100\u202f000,25", 30*time.Second)
	for _, want := range []string{"2027", "forslag", "drift", "sumrader"} {
		if !strings.Contains(preview, want) {
			t.Errorf("the preview lacks %q:\n%s", want, preview)
		}
	}
	browsertest.CheckAxe(t, ctx, "the preview")
	browsertest.Screenshot(t, ctx, "import-forhandsvisning")
	if _, out, _ := cli(t, dir, "budget", "datasets", "--json", "--db", dbFile); strings.TrimSpace(out) != "[]" {
		t.Fatalf("the preview stored something: %s", out)
	}

	browsertest.Run(t, ctx, "focus the import button", chromedp.Focus(chromedp.CSS(`form[action^="/import/budsjett/"] button`)))
	browsertest.Keys(t, ctx, "\r")
	browsertest.WaitText(t, ctx, "Importert som datasett 1", 60*time.Second)
	browsertest.CheckAxe(t, ctx, "the import's status page")
	browsertest.Run(t, ctx, "focus the link to the budget", chromedp.Focus(chromedp.CSS(`a[href^="/budsjett?year=2027"]`)))
	browsertest.Keys(t, ctx, "\r")
	page := browsertest.WaitText(t, ctx, "2027 forslag etter funksjon", 30*time.Second)
	// The CLI's summary of the same budget: its total, as the page writes it.
	_, out, _ := cli(t, dir, "budget", "summary", "--year", "2027", "--by", "funksjon", "--db", dbFile)
	if !strings.Contains(out, "1 100 000,25") && !strings.Contains(out, "1100000.25") {
		t.Fatalf("the CLI's summary: %s", out)
	}
	if !strings.Contains(page, "1\u202f100\u202f000,25") {
		t.Errorf("the summary page lacks the total 1 100 000,25:\n%s", page)
	}
	browsertest.CheckAxe(t, ctx, "/budsjett")
	browsertest.Screenshot(t, ctx, "budsjett-sammendrag")
	for _, lang := range []string{"nn", "nb"} { // TestServe_comparePage checks its figures
		browsertest.Run(t, ctx, "open the comparison", chromedp.Navigate(base+"/budsjett/sammenligning?year=2027&from=forslag&to=forslag&by=funksjon&lang="+lang))
		browsertest.WaitText(t, ctx, "1\u202f100\u202f000,25", 30*time.Second)
		browsertest.CheckAxe(t, ctx, "/budsjett/sammenligning?lang="+lang)
	}
}
