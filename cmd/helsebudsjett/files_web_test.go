package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/helsebudsjett/helsebudsjett/budget/web/browsertest"
)

// TestServe_healthUploadsInBrowser is the public-health coordinator's
// upload of the areas in headless Chromium, by keyboard: the form, the
// preview (what would be imported, nothing stored), the confirmation and
// the status page, each passing axe-core in bokmål and nynorsk; the areas
// the CLI then lists are the file's. The rådmann's office's measures
// upload shows the import's check of the links before anything is stored.
func TestServe_healthUploadsInBrowser(t *testing.T) {
	t.Parallel()                             // each on its own copy of the demo, server and browser
	ctx := browsertest.New(t, 5*time.Minute) // room for -race beside the other browser tests
	dir := t.TempDir()
	dbFile := filepath.Join(dir, "ws.db")
	for _, u := range [][2]string{{"frida", "folkehelse"}, {"rune", "kommunedirektor"}} {
		if code, _, stderr := cliIn(t, dir, "et langt nok passord\n", "user", "add", u[0], "--role", u[1], "--password-stdin", "--db", dbFile); code != exitOK {
			t.Fatal(stderr)
		}
	}
	sample := func(name string) string {
		b, err := os.ReadFile(filepath.Join("..", "..", "templates", "sample", name))
		if err != nil {
			t.Fatal(err)
		}
		return write(t, dir, name, string(b))
	}
	areas := sample("omrader.csv")
	base, _ := startServe(t, "serve", "--db", dbFile)
	browsertest.SignIn(t, ctx, base, "frida", "et langt nok passord")

	for _, lang := range []string{"nn", "nb"} {
		browsertest.Run(t, ctx, "open the areas upload", chromedp.Navigate(base+"/import/omrader?lang="+lang), chromedp.WaitVisible(chromedp.ID("fil")))
		browsertest.CheckAxe(t, ctx, "/import/omrader?lang="+lang)
		browsertest.Run(t, ctx, "open the indicator upload", chromedp.Navigate(base+"/import/indikatorer?lang="+lang), chromedp.WaitVisible(chromedp.ID("indikator")))
		browsertest.CheckAxe(t, ctx, "/import/indikatorer?lang="+lang)
	}
	browsertest.Run(t, ctx, "open the areas upload", chromedp.Navigate(base+"/import/omrader"), chromedp.WaitVisible(chromedp.ID("fil")))
	browsertest.Run(t, ctx, "choose the file", chromedp.SetUploadFiles(chromedp.ID("fil"), []string{areas}), chromedp.Focus(chromedp.ID("fil")))
	browsertest.Keys(t, ctx, "\t")
	if got := browsertest.FocusedID(t, ctx); got != "ark" {
		t.Fatalf("after the file the focus is on %q, want the sheet", got)
	}
	browsertest.Keys(t, ctx, "\t\r") // to the button, and press it
	preview := browsertest.WaitText(t, ctx, "Ingenting er lagret ennå", 30*time.Second)
	if !strings.Contains(preview, "Funnet: 9") {
		t.Errorf("the preview does not say the file's 9 areas:\n%s", preview)
	}
	browsertest.CheckAxe(t, ctx, "the areas preview")
	if _, out, _ := cli(t, dir, "areas", "list", "--json", "--db", dbFile); strings.Contains(out, "469901") {
		t.Fatalf("the preview stored the areas: %s", out)
	}
	browsertest.Run(t, ctx, "focus the import button", chromedp.Focus(chromedp.CSS(`form[action^="/import/omrader/"] button`)))
	browsertest.Keys(t, ctx, "\r")
	status := browsertest.WaitText(t, ctx, "Importert.", 60*time.Second)
	browsertest.CheckAxe(t, ctx, "the areas import's status page")
	if !strings.Contains(status, "Funnet: 9") {
		t.Errorf("the status page does not say the 9 areas imported:\n%s", status)
	}
	if _, out, _ := cli(t, dir, "areas", "list", "--json", "--db", dbFile); !strings.Contains(out, `"469901"`) || !strings.Contains(out, `"Sentrum"`) {
		t.Errorf("the CLI does not list the uploaded areas:\n%s", out)
	}

	// The rådmann's office: measures whose links the import checks against
	// the budget, shown before anything is stored.
	if code, _, stderr := cli(t, dir, "import", "units", sample("enheter.csv"), "--db", dbFile); code != exitOK {
		t.Fatal(stderr)
	}
	measures := sample("tiltak.csv")
	_, cliOut, _ := cli(t, dir, "import", "measures", measures, "--dry-run", "--db", dbFile)
	browsertest.Run(t, ctx, "sign out", chromedp.Navigate(base+"/"), chromedp.Click(chromedp.CSS(`form[action="/logg-ut"] button`)), chromedp.WaitVisible(chromedp.ID("namn")))
	browsertest.SignIn(t, ctx, base, "rune", "et langt nok passord")
	browsertest.Run(t, ctx, "open the measures upload", chromedp.Navigate(base+"/import/tiltak?lang=nn"), chromedp.WaitVisible(chromedp.ID("fil")))
	browsertest.CheckAxe(t, ctx, "/import/tiltak?lang=nn")
	browsertest.Run(t, ctx, "upload the measures", chromedp.SetUploadFiles(chromedp.ID("fil"), []string{measures}), chromedp.Click(chromedp.CSS(`form[action="/import/tiltak"] button`)))
	page := browsertest.WaitText(t, ctx, "Feil per rad", 30*time.Second)
	browsertest.CheckAxe(t, ctx, "the measures preview")
	// With no budget in the workspace the links find no line: the CLI's
	// dry run refuses the rows the page lists.
	for _, l := range strings.Split(cliOut, "\n") {
		if strings.Contains(l, "row ") && !strings.Contains(page, strings.Fields(strings.SplitN(l, "row ", 2)[1])[0]) {
			t.Errorf("the page lacks the row the CLI names in %q", l)
		}
	}
	if !strings.Contains(page, "Budsjettkobling") || !strings.Contains(page, "ikkje importert") {
		t.Errorf("the measures preview does not show the refused links:\n%s", page)
	}
	if _, out, _ := cli(t, dir, "measures", "list", "--json", "--db", dbFile); strings.Contains(out, `"nr"`) {
		t.Errorf("the refused measures were stored: %s", out)
	}
}
