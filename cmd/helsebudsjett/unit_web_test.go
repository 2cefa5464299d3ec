package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
	"github.com/helsebudsjett/helsebudsjett/budget/web/browsertest"
)

// TestServe_unitInBrowser is a unit leader's flow in headless Chromium, by
// keyboard, on the demo's workspace: open the tertial form of the unit,
// report a measure as forsinket with its spending and a comment, save a
// draft (which is no report), submit without the deviation note and be
// told so at the field, write the note and submit. The stored snapshot
// holds what was typed, and equals what importing the same values from
// the unit's xlsx form gives. Another unit's form is refused. Every page
// passes axe-core in bokmål and nynorsk.
func TestServe_unitInBrowser(t *testing.T) {
	t.Parallel()                             // each on its own copy of the demo, server and browser
	ctx := browsertest.New(t, 5*time.Minute) // room for -race beside the other browser tests
	_, dbFile := demoWorkspace(t)
	bg := context.Background()
	db, err := sqlite.Open(bg, dbFile)
	if err != nil {
		t.Fatal(err)
	}
	period := budget.Period{Year: 2027, Term: budget.T1}
	forms, err := tertial.Forms(bg, db, period)
	if err != nil || len(forms) < 2 {
		t.Fatalf("the demo has %d forms for %s: %v", len(forms), period, err)
	}
	mine, other := forms[0], forms[1]
	db.Close()
	if code, _, stderr := cliIn(t, t.TempDir(), "et langt nok passord\n", "user", "add", "leder", "--role", "enhet", "--unit", mine.Unit.Code, "--password-stdin", "--db", dbFile); code != exitOK {
		t.Fatal(stderr)
	}
	base, stop := startServe(t, "serve", "--db", dbFile)
	browsertest.SignIn(t, ctx, base, "leder", "et langt nok passord")
	url := base + "/tertial/" + period.String() + "/" + mine.Unit.Code

	browsertest.Run(t, ctx, "open the list", chromedp.Navigate(base+"/tertial?periode="+period.String()+"&lang=nn"), chromedp.WaitVisible(chromedp.CSS("main")))
	browsertest.CheckAxe(t, ctx, "/tertial (nn)")
	browsertest.Run(t, ctx, "open the form", chromedp.Navigate(url+"?lang=nb"), chromedp.WaitVisible(chromedp.ID("m0-status")))
	browsertest.CheckAxe(t, ctx, "the form")
	browsertest.Run(t, ctx, "focus the first status", chromedp.Focus(chromedp.ID("m0-status")))
	browsertest.Keys(t, ctx, "f") // the first status starting with f: forsinket
	for _, s := range []struct{ keys, want string }{{"\t", "m0-brukt"}, {"12 500,50", "m0-brukt"}, {"\t", "m0-kommentar"}, {"Startet i mars", "m0-kommentar"}} {
		browsertest.Keys(t, ctx, s.keys)
		if got := browsertest.FocusedID(t, ctx); got != s.want {
			t.Fatalf("after %q the focus is on %q, want %q", s.keys, got, s.want)
		}
	}
	press := func(what, selector string) {
		t.Helper()
		browsertest.Run(t, ctx, "focus "+what, chromedp.Focus(chromedp.CSS(selector)))
		browsertest.Keys(t, ctx, "\r")
	}
	latest := func() []budget.MeasureReport {
		t.Helper()
		db, err := sqlite.Open(bg, dbFile)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		all, err := db.LatestReports(bg, period.Year)
		if err != nil {
			t.Fatal(err)
		}
		var out []budget.MeasureReport
		for _, r := range all {
			if r.Unit == mine.Unit.Code && r.Period == period {
				out = append(out, r)
			}
		}
		return out
	}
	press("save draft", `button[value="lagre"]`)
	browsertest.WaitText(t, ctx, "Utkastet er lagret", 30*time.Second)
	if rs := latest(); len(rs) != 0 {
		t.Fatalf("the draft counts as a report: %+v", rs)
	}
	if v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("m0-brukt").value`)); err != nil || v != "12500,50" {
		t.Errorf("the draft's spending shows as %q (%v)", v, err)
	}
	press("submit", `button[value="send"]`)
	page := browsertest.WaitText(t, ctx, "Rapporten er ikke sendt inn", 30*time.Second)
	if !strings.Contains(page, "må forklares") {
		t.Errorf("the page does not say the deviation note is missing:\n%s", page)
	}
	if inv, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("m0-avvik").getAttribute("aria-invalid") || ""`)); err != nil || inv != "true" {
		t.Errorf("the note's field is not marked invalid (%q, %v)", inv, err)
	}
	browsertest.CheckAxe(t, ctx, "the form with an error")
	browsertest.Run(t, ctx, "focus the note", chromedp.Focus(chromedp.ID("m0-avvik")))
	browsertest.Keys(t, ctx, "Leverandøren er forsinket; ny frist 1. juni.")
	press("submit", `button[value="send"]`)
	browsertest.WaitText(t, ctx, "Rapporten er sendt inn", 30*time.Second)
	browsertest.CheckAxe(t, ctx, "the form after submitting")
	browsertest.Screenshot(t, ctx, "tertialrapport-enhet")

	got := latest()
	if len(got) != 1 || got[0].Status != budget.Forsinket || got[0].SpentOre != 1250050 || !got[0].SpentGiven ||
		got[0].Comment != "Startet i mars" || got[0].Deviation != "Leverandøren er forsinket; ny frist 1. juni." || got[0].Measure != mine.Rows[0].Measure.Nr {
		t.Fatalf("stored: %+v", got)
	}
	// The same values through the xlsx form give the same report.
	form := mine
	form.Rows = form.Rows[:1]
	form.Rows[0].Report = &got[0]
	xlsx := filepath.Join(t.TempDir(), "skjema.xlsx")
	if err := tertial.WriteFile(xlsx, form); err != nil {
		t.Fatal(err)
	}
	res, err := tertial.ReadForm(bg, xlsx, tertial.Options{})
	if err != nil || len(res.Errors) > 0 || len(res.Reports) != 1 {
		t.Fatalf("the xlsx round trip: %v %+v", err, res)
	}
	x := res.Reports[0]
	if x.Status != got[0].Status || x.SpentOre != got[0].SpentOre || x.Comment != got[0].Comment || x.Deviation != got[0].Deviation || x.Unit != got[0].Unit || x.Period != got[0].Period {
		t.Errorf("web %+v\nxlsx %+v", got[0], x)
	}

	browsertest.Run(t, ctx, "open another unit's form", chromedp.Navigate(base+"/tertial/"+period.String()+"/"+other.Unit.Code))
	if p := browsertest.WaitText(t, ctx, "Ingen tilgang", 30*time.Second); strings.Contains(p, other.Rows[0].Measure.Name) {
		t.Errorf("another unit's form shows its measures")
	}
	// The xlsx upload for units that prefer Excel (TestServe_tertialWorkbook
	// checks what it stores): its page and its preview, by keyboard.
	for _, lang := range []string{"nn", "nb"} {
		browsertest.Run(t, ctx, "open the upload", chromedp.Navigate(url+"/skjema?lang="+lang), chromedp.WaitVisible(chromedp.ID("fil")))
		browsertest.CheckAxe(t, ctx, "the form upload ("+lang+")")
	}
	browsertest.Run(t, ctx, "choose the form", chromedp.SetUploadFiles(chromedp.ID("fil"), []string{xlsx}), chromedp.Focus(chromedp.ID("fil")))
	browsertest.Keys(t, ctx, "\t\r")
	browsertest.WaitText(t, ctx, "Funnet: 1", 30*time.Second)
	browsertest.CheckAxe(t, ctx, "the form upload's preview")
	stop()
}
