package main

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
)

// TestServe_tertialWorkbook is the xlsx round trip in the browser for a
// unit that prefers Excel: the form it downloads is the bytes template
// report --unit writes; another unit's form is refused; its filled-in form
// uploaded is previewed (nothing stored), then stored on confirmation as
// the snapshot import report would store, with the figures typed; a form
// for another unit sent to its own page is refused, storing nothing.
func TestServe_tertialWorkbook(t *testing.T) {
	_, dbFile := demoWorkspace(t)
	bg := context.Background()
	period := budget.Period{Year: 2027, Term: budget.T1}
	db, err := sqlite.Open(bg, dbFile)
	if err != nil {
		t.Fatal(err)
	}
	forms, err := tertial.Forms(bg, db, period)
	db.Close()
	if err != nil || len(forms) < 2 {
		t.Fatalf("the demo has %d forms for %s: %v", len(forms), period, err)
	}
	mine, other := forms[0], forms[1]
	dir := t.TempDir()
	if code, _, stderr := cliIn(t, dir, "et langt nok passord\n", "user", "add", "leder", "--role", "enhet", "--unit", mine.Unit.Code, "--password-stdin", "--db", dbFile); code != exitOK {
		t.Fatal(stderr)
	}
	base, _ := startServe(t, "serve", "--db", dbFile)
	client := signedIn(t, base, "leder", "et langt nok passord")
	page := base + "/tertial/" + period.String() + "/" + mine.Unit.Code
	get := func(url string) (int, []byte) {
		t.Helper()
		resp, err := client.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}

	status, got := get(page + "/skjema.xlsx")
	cliForm := filepath.Join(dir, "cli.xlsx")
	if code, _, stderr := cli(t, dir, "template", "report", "--period", period.String(), "--unit", mine.Unit.Code, "-o", cliForm, "--db", dbFile); code != exitOK {
		t.Fatal(stderr)
	}
	want, err := os.ReadFile(cliForm)
	if err != nil {
		t.Fatal(err)
	}
	if status != http.StatusOK || !bytes.Equal(got, want) {
		t.Fatalf("the downloaded form (%d, %d bytes) is not template report's (%d bytes)", status, len(got), len(want))
	}
	if status, _ := get(base + "/tertial/" + period.String() + "/" + other.Unit.Code + "/skjema.xlsx"); status != http.StatusForbidden {
		t.Errorf("another unit's form: %d, want 403", status)
	}

	// The unit fills in the form in Excel: the first measure forsinket with
	// spending and a note, the rest i rute.
	filled := mine
	filled.Rows = append([]tertial.Row(nil), mine.Rows...)
	for i := range filled.Rows {
		rep := &budget.MeasureReport{Measure: filled.Rows[i].Measure.Nr, Status: budget.IRute}
		if i == 0 {
			rep.Status, rep.SpentOre, rep.SpentGiven, rep.Comment, rep.Deviation = budget.Forsinket, 1250050, true, "Startet i mars", "Vente på lokaler"
		}
		filled.Rows[i].Report = rep
	}
	var form bytes.Buffer
	if err := tertial.WriteForm(&form, filled); err != nil {
		t.Fatal(err)
	}
	snapshots := func() string {
		db, err := sqlite.Open(bg, dbFile)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		rs, err := db.LatestReports(bg, period.Year)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, r := range rs {
			if r.Unit == mine.Unit.Code && r.Period == period {
				b.WriteString(r.Measure + "|" + string(r.Status) + "|" + budget.FormatOre(r.SpentOre) + "|" + r.Comment + "|" + r.Deviation + "\n")
			}
		}
		return b.String()
	}
	before := snapshots()
	status, body := postForm(t, client, page+"/skjema", tertial.FileName(mine.Unit.Code, period), form.Bytes())
	if status != http.StatusOK || !strings.Contains(body, "Ingenting er lagret ennå") || !strings.Contains(body, "Funnet: "+strconv.Itoa(len(mine.Rows))) {
		t.Fatalf("the preview: %d\n%s", status, body)
	}
	if after := snapshots(); after != before {
		t.Fatalf("the preview stored reports:\n%s", after)
	}
	m := regexp.MustCompile(`action="(/tertial/[^"]+/skjema/[0-9a-f]+)"[\s\S]*?name="sha256" value="([0-9a-f]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the preview has no confirmation:\n%s", body)
	}
	resp, err := client.PostForm(base+m[1], map[string][]string{"sha256": {m[2]}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var stored string
	for i := 0; i < 100 && !strings.Contains(stored, "Importert."); i++ {
		_, b := get(base + m[1])
		stored = string(b)
	}
	if !strings.Contains(stored, "Importert.") {
		t.Fatalf("the status page:\n%s", stored)
	}
	reports := snapshots()
	first := mine.Rows[0].Measure.Nr + "|forsinket|12500.50|Startet i mars|Vente på lokaler\n"
	if !strings.HasPrefix(reports, first) || strings.Count(reports, "\n") != len(mine.Rows) {
		t.Errorf("stored reports:\n%s\nwant the first %q and one per measure (%d)", reports, first, len(mine.Rows))
	}

	// Another unit's form on this unit's page: refused, nothing stored.
	var theirs bytes.Buffer
	if err := tertial.WriteForm(&theirs, other); err != nil {
		t.Fatal(err)
	}
	status, body = postForm(t, client, page+"/skjema", tertial.FileName(other.Unit.Code, period), theirs.Bytes())
	if status != http.StatusOK || !strings.Contains(body, "Fila blir ikke importert") || strings.Contains(body, `name="sha256"`) {
		t.Errorf("another unit's form was not refused: %d\n%s", status, body)
	}
	if after := snapshots(); after != reports {
		t.Errorf("the refused form changed the reports:\n%s", after)
	}
}

// postForm sends file to url as a multipart upload from a signed-in page.
func postForm(t *testing.T, c *http.Client, url, name string, file []byte) (int, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(file); err != nil {
		t.Fatal(err)
	}
	mw.Close()
	resp, err := c.Post(url, mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
