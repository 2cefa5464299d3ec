package main

import (
	"archive/zip"
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/helsebudsjett/helsebudsjett/budget/web/browsertest"
)

// TestAPI_documents downloads the documents through the web application on
// the demo's workspace and compares them with what the commands write:
// the letters' zip holds the same PDFs, byte for byte, as `letters` (a
// unit leader's zip only its own unit's, and another unit's letter is
// refused); the workbook is `export budget`'s; the public report is
// `report --public`'s, which a council member may have, and not the
// internal one. Every document made is in the audit log.
func TestAPI_documents(t *testing.T) {
	t.Parallel() // its own copy of the demo; the longest of cmd's tests
	demo, dbFile := demoWorkspace(t)
	year := "2027"
	out := filepath.Join(demo, "brev-cli")
	if code, _, stderr := cli(t, demo, "letters", "--db", dbFile, "--year", year, "--config", filepath.Join(demo, "brev.yaml"), "-o", out); code != exitOK {
		t.Fatal(stderr)
	}
	cliLetters := map[string][]byte{}
	ents, _ := os.ReadDir(out)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".pdf") {
			b, _ := os.ReadFile(filepath.Join(out, e.Name()))
			cliLetters[e.Name()] = b
		}
	}
	var names []string
	for n := range cliLetters {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) < 2 {
		t.Fatalf("the CLI wrote %d letters", len(names))
	}
	rådmann := apiUser(t, dbFile, "radmann", "kommunedirektor")
	finance := apiUser(t, dbFile, "kari", "okonomi")
	council := apiUser(t, dbFile, "leser", "lesetilgang")
	base, _ := startServe(t, "serve", "--db", dbFile)

	status, body := apiGet(t, base, rådmann, "/api/v1/letters/"+year+".zip")
	if status != http.StatusOK {
		t.Fatalf("letters zip: %d %.200s", status, body)
	}
	zr, err := zip.NewReader(strings.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range zr.File {
		got = append(got, f.Name)
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		if !bytes.Equal(b.Bytes(), cliLetters[f.Name]) {
			t.Errorf("%s in the zip differs from the CLI's letter", f.Name)
		}
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("the zip holds %v, the CLI wrote %v", got, names)
	}

	// A unit leader: its own letter only.
	unit := strings.TrimSuffix(strings.TrimPrefix(names[0], "oppdragsbrev-"+year+"-"), ".pdf")
	other := strings.TrimSuffix(strings.TrimPrefix(names[1], "oppdragsbrev-"+year+"-"), ".pdf")
	if code, _, stderr := cliIn(t, demo, "", "user", "add", "leder", "--role", "enhet", "--unit", unit, "--db", dbFile); code != exitOK {
		t.Fatal(stderr)
	}
	code, tok, _ := cli(t, demo, "user", "token", "leder", "--db", dbFile)
	if code != exitOK {
		t.Fatal("token")
	}
	leader := strings.TrimSpace(tok)
	if status, body := apiGet(t, base, leader, "/brev/"+year+"/"+unit); status != http.StatusOK || body != string(cliLetters[names[0]]) {
		t.Errorf("the unit's own letter: %d, equal %v", status, body == string(cliLetters[names[0]]))
	}
	if status, _ := apiGet(t, base, leader, "/brev/"+year+"/"+other); status != http.StatusForbidden {
		t.Errorf("another unit's letter: %d, want 403", status)
	}
	if status, body := apiGet(t, base, leader, "/api/v1/letters/"+year+".zip"); status != http.StatusOK {
		t.Errorf("the unit's zip: %d", status)
	} else if zr, err := zip.NewReader(strings.NewReader(body), int64(len(body))); err != nil || len(zr.File) != 1 || zr.File[0].Name != names[0] {
		t.Errorf("the unit's zip holds %v (%v), want only %s", zr, err, names[0])
	}

	wb := filepath.Join(demo, "arbeidsbok.xlsx")
	if code, _, stderr := cli(t, demo, "export", "budget", "--db", dbFile, "--year", year, "-o", wb); code != exitOK {
		t.Fatal(stderr)
	}
	want, _ := os.ReadFile(wb)
	if status, body := apiGet(t, base, finance, "/api/v1/workbook/"+year+".xlsx"); status != http.StatusOK || body != string(want) {
		t.Errorf("the workbook: %d, the CLI's bytes %v", status, body == string(want))
	}

	ry := strconv.Itoa(demoAnnualYear)
	rp := filepath.Join(demo, "offentlig.pdf")
	if code, _, stderr := cli(t, demo, "report", "--db", dbFile, "--year", ry, "--public", "-o", rp); code != exitOK {
		t.Fatal(stderr)
	}
	want, _ = os.ReadFile(rp)
	if status, body := apiGet(t, base, council, "/api/v1/report/"+ry+".pdf?public=1"); status != http.StatusOK || body != string(want) {
		t.Errorf("the public report: %d, the CLI's bytes %v", status, body == string(want))
	}
	if status, _ := apiGet(t, base, council, "/api/v1/report/"+ry+".pdf"); status != http.StatusForbidden {
		t.Errorf("the internal report to a council member: %d, want 403", status)
	}
	_, audit, _ := cli(t, demo, "audit", "list", "--action", "document", "--db", dbFile)
	for _, w := range []string{"letters " + year, "letter " + year + " " + unit, "workbook " + year, "report " + ry + " offentlig"} {
		if !strings.Contains(audit, w) {
			t.Errorf("the audit log lacks %q:\n%s", w, audit)
		}
	}
}

// TestServe_documentsPageInBrowser: the rådmann's office's page of
// documents passes axe-core in bokmål and nynorsk, and its links lead to
// the downloads.
func TestServe_documentsPageInBrowser(t *testing.T) {
	t.Parallel()                             // each on its own copy of the demo, server and browser
	ctx := browsertest.New(t, 5*time.Minute) // room for -race beside the other browser tests
	_, dbFile := demoWorkspace(t)
	if code, _, stderr := cliIn(t, t.TempDir(), "et langt nok passord\n", "user", "add", "radmann", "--role", "kommunedirektor", "--password-stdin", "--db", dbFile); code != exitOK {
		t.Fatal(stderr)
	}
	base, _ := startServe(t, "serve", "--db", dbFile)
	browsertest.SignIn(t, ctx, base, "radmann", "et langt nok passord")
	for _, lang := range []string{"nb", "nn"} {
		browsertest.Run(t, ctx, "open the documents", chromedp.Navigate(base+"/dokumenter?year=2027&lang="+lang), chromedp.WaitVisible(chromedp.CSS("table")))
		browsertest.CheckAxe(t, ctx, "/dokumenter ("+lang+")")
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('a[href^="/brev/2027/"]').length`))
	if err != nil || n < 2 {
		t.Errorf("%d links to letters (%v)", n, err)
	}
}
