package main

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// TestServe_comparePage reads the forslag–vedtatt comparison page as finance
// staff get it and checks every group's figures, and the sum, against
// budget compare --json for the same question: on the demo's workspace and
// on a small budget built here whose council moved money between funksjoner
// and added a line.
func TestServe_comparePage(t *testing.T) {
	built := func(t *testing.T) string {
		dir := t.TempDir()
		dbFile := filepath.Join(dir, "ws.db")
		forslag := "Ansvar;Funksjon;Art;Budsjett 2028\n100;232;010;500 000,00\n100;233;010;250 000,50\n200;386;010;99,99\n"
		vedtatt := "Ansvar;Funksjon;Art;Budsjett 2028\n100;232;010;450 000,00\n100;233;010;300 000,50\n200;386;010;99,99\n300;232;120;12 345,67\n"
		for _, f := range [][3]string{{"forslag.csv", forslag, "forslag"}, {"vedtatt.csv", vedtatt, "vedtatt"}} {
			if code, _, stderr := cli(t, dir, "import", "budget", write(t, dir, f[0], f[1]), "--version", f[2], "--part", "drift", "--db", dbFile); code != exitOK {
				t.Fatal(stderr)
			}
		}
		return dbFile
	}
	for _, c := range []struct {
		name string
		db   func(t *testing.T) string
		year string
		by   []string
	}{
		{"demo", func(t *testing.T) string { _, db := demoWorkspace(t); return db }, "2027", []string{"art-group", "funksjon"}},
		{"built", built, "2028", []string{"funksjon", "ansvar"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dbFile := c.db(t)
			if code, _, stderr := cliIn(t, t.TempDir(), "et langt nok passord\n", "user", "add", "kari", "--role", "okonomi", "--password-stdin", "--db", dbFile); code != exitOK {
				t.Fatal(stderr)
			}
			base, _ := startServe(t, "serve", "--db", dbFile)
			client := signedIn(t, base, "kari", "et langt nok passord")
			for _, by := range c.by {
				_, out, stderr := cli(t, t.TempDir(), "budget", "compare", "--year", c.year, "--by", by, "--json", "--db", dbFile)
				var want model.Comparison
				if err := json.Unmarshal([]byte(out), &want); err != nil {
					t.Fatalf("budget compare --json: %v %s", err, stderr)
				}
				resp, err := client.Get(base + "/budsjett/sammenligning?year=" + c.year + "&by=" + by)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				rows := tableRows(string(b))
				if resp.StatusCode != http.StatusOK || len(rows) != len(want.Rows)+2 { // the header and the sum
					t.Fatalf("by %s: %s, %d table rows for %d groups:\n%s", by, resp.Status, len(rows), len(want.Rows), b)
				}
				check := func(got []string, w model.ComparisonRow) {
					t.Helper()
					wantCells := []string{pageKroner(t, w.From, false), pageKroner(t, w.To, false), pageKroner(t, w.Change, true), strconv.Itoa(w.Added), strconv.Itoa(w.Removed), strconv.Itoa(w.Changed)}
					if strings.Join(got[1:], "|") != strings.Join(wantCells, "|") {
						t.Errorf("by %s, group %q: page %q, CLI %q", by, w.Group, got[1:], wantCells)
					}
				}
				for i, w := range want.Rows {
					check(rows[i+1], w)
				}
				check(rows[len(rows)-1], want.Total)
			}
		})
	}
}

// pageKroner writes a --json amount ("-50000.00") as the page does
// ("−50 000,00" with narrow no-break spaces; a change that rises with a +).
func pageKroner(t *testing.T, s string, signed bool) string {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatal(err)
	}
	ore := d.Shift(2).IntPart()
	out := strings.NewReplacer(" ", "\u202f", "-", "−").Replace(budget.FormatKroner(ore))
	if signed && ore > 0 {
		out = "+" + out
	}
	return out
}

var cellRE = regexp.MustCompile(`(?s)<t[hd][^>]*>(.*?)</t[hd]>`)

// tableRows are the cells' texts of each <tr> of page.
func tableRows(page string) [][]string {
	var out [][]string
	for _, tr := range regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(page, -1) {
		var cells []string
		for _, c := range cellRE.FindAllStringSubmatch(tr[1], -1) {
			cells = append(cells, html.UnescapeString(strings.TrimSpace(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(c[1], ""))))
		}
		out = append(out, cells)
	}
	return out
}

// signedIn is a client signed in as name.
func signedIn(t *testing.T, base, name, password string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(base+"/logg-inn", url.Values{"namn": {name}, "passord": {password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return c
}
