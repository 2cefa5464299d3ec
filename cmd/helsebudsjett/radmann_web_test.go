package main

import (
	"database/sql"
	"fmt"
	"html"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite" // to read the stored rows as they are
)

// TestServe_measureUploadsStoreWhatCLIStores uploads the rådmann's
// office's units, measures and ratings through the pages (preview, then
// confirm, then the status page) into one workspace and imports the same
// files with import units, measures and ratings into another holding the
// same budget: the unit, measure and rating rows stored are the same. The
// previews show every warning and row error the CLI prints for the file
// (the links that pick no budget line, the double counting). A measures
// file that counts a budget line more than 100 % is refused: its preview
// offers no confirmation, a forged confirmation finds nothing, and the
// stored rows do not change. On the sample and on a small municipality
// built here.
func TestServe_measureUploadsStoreWhatCLIStores(t *testing.T) {
	sample := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join("..", "..", "templates", "sample", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	type file struct{ kind, name, data string }
	sampleMeasures := sample("tiltak.csv")
	for _, c := range []struct {
		name        string
		budget      file     // imported with --version vedtatt
		budgetFlags []string // beside it
		files       []file
		bad         file // a measures file that counts a line twice
		overcount   string
	}{
		{name: "sample", budget: file{name: "okonomiplan-2027-2030.xlsx", data: sample("okonomiplan-2027-2030.xlsx")},
			files: []file{{"units", "enheter.csv", sample("enheter.csv")}, {"measures", "tiltak.csv", sampleMeasures}, {"ratings", "vurdering.csv", sample("vurdering.csv")}},
			bad: file{"measures", "tiltak-dobbelt.csv", strings.TrimRight(sampleMeasures, "\n") +
				"\n99;Dobbelt kjernetid;;;oppvekst-felles;universell;oppvekst;;;;prosjekt=71004;100;;2027;;vedtatt\n"},
			overcount: "99"},
		{name: "built",
			budget:      file{name: "budsjett.csv", data: "Ansvar;Funksjon;Art;Budsjett 2028\n100;232;010;500 000,00\n100;233;010;250 000,50\n200;386;010;99,99\n"},
			budgetFlags: []string{"--part", "drift"},
			files: []file{
				{"units", "einingar.csv", "Kode;Navn;Type;Overordnet;Leder;Tittel;Adresse;Ansvar;Bydel\nhelse;Helse og omsorg;sektor;;Kari Lie;kommunalsjef;Torget 2;;\nfysio;Fysioterapi;virksomhet;helse;Ola Berg;leiar;;100-199;\n"},
				{"measures", "tiltak.csv", "Nr;Tiltak;Ansvarlig;Innsatstype;Budsjettkobling;Andel;Start\n1;Lavterskel trening;fysio;universell;funksjon=232;40;2028\n2;Heimebesøk;helse;målrettet;ansvar=100;25;2028\n3;Ingen linje;helse;universell;funksjon=999;10;2028\n"},
				{"ratings", "vurdering.csv", "Funksjon;Ansvar;Art;Vurdering;Begrunnelse\n232;;;positiv;Førebyggjande\n386;;;nøytral;Ingen verknad\n"},
			},
			bad:       file{"measures", "tiltak2.csv", "Nr;Tiltak;Ansvarlig;Innsatstype;Budsjettkobling;Andel;Start\n1;Lavterskel trening;fysio;universell;funksjon=232;40;2028\n2;Heimebesøk;helse;målrettet;ansvar=100;25;2028\n7;Dobbelt;helse;universell;funksjon=232;70;2028\n"},
			overcount: "7"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			webDB, cliDB := filepath.Join(dir, "web.db"), filepath.Join(dir, "cli.db")
			budgetFile := write(t, dir, c.budget.name, c.budget.data)
			for _, db := range []string{webDB, cliDB} {
				if code, _, stderr := cli(t, dir, append([]string{"import", "budget", budgetFile, "--db", db}, c.budgetFlags...)...); code != exitOK {
					t.Fatal(stderr)
				}
			}
			if code, _, stderr := cliIn(t, dir, "et langt nok passord\n", "user", "add", "rune", "--role", "kommunedirektor", "--password-stdin", "--db", webDB); code != exitOK {
				t.Fatal(stderr)
			}
			base, _ := startServe(t, "serve", "--db", webDB)
			client := signedIn(t, base, "rune", "et langt nok passord")
			kinds := map[string]string{"units": "enheter", "measures": "tiltak", "ratings": "vurderinger"}
			for _, f := range c.files {
				path := write(t, filepath.Join(dir), f.name, f.data)
				// What the CLI prints of the file, before either stores it.
				_, stdout, stderr := cli(t, dir, "import", f.kind, path, "--dry-run", "--db", cliDB)
				page := uploadPage(t, client, base+"/import/"+kinds[f.kind], f.name, f.data)
				wantPrinted(t, page, stdout, stderr)
				m := regexp.MustCompile(`action="(/import/[a-z]+/[0-9a-f]+)"[\s\S]*name="sha256" value="([0-9a-f]+)"`).FindStringSubmatch(page)
				if m == nil {
					t.Fatalf("the preview of %s offers no confirmation:\n%s", f.name, page)
				}
				confirmUpload(t, client, base, m[1], m[2])
				if code, _, stderr := cli(t, dir, "import", f.kind, path, "--db", cliDB); code != exitOK {
					t.Fatalf("import %s %s: %s", f.kind, f.name, stderr)
				}
				if w, c := storedRows(t, webDB), storedRows(t, cliDB); w != c {
					t.Fatalf("after %s the pages stored\n%s\nthe CLI\n%s", f.name, w, c)
				}
			}
			if !strings.Contains(storedRows(t, webDB), "measure: nr=") {
				t.Fatal("no measure was stored")
			}

			before := storedRows(t, webDB)
			path := write(t, dir, c.bad.name, c.bad.data)
			code, stdout, stderr := cli(t, dir, "import", "measures", path, "--dry-run", "--db", cliDB)
			if code != exitRejected || !strings.Contains(stderr, "one krone is counted once") || !strings.Contains(stderr, c.overcount) {
				t.Fatalf("the CLI did not refuse the double counting: %d\n%s", code, stderr)
			}
			page := uploadPage(t, client, base+"/import/tiltak", c.bad.name, c.bad.data)
			if wantPrinted(t, page, stdout, stderr) == 0 {
				t.Errorf("no error of the CLI's was checked on the page:\n%s", stderr)
			}
			if strings.Contains(page, `name="sha256"`) || !strings.Contains(page, "Feil i fila") {
				t.Errorf("the refused file's preview offers a confirmation or shows no error:\n%s", page)
			}
			if resp, err := client.PostForm(base+"/import/tiltak/"+strings.Repeat("0", 32), map[string][]string{"sha256": {strings.Repeat("0", 64)}}); err != nil || resp.StatusCode != http.StatusNotFound {
				t.Errorf("a forged confirmation: %v %v, want 404", resp.Status, err)
			}
			if after := storedRows(t, webDB); after != before {
				t.Errorf("the refused file changed the stored rows:\n%s", after)
			}
		})
	}
}

// uploadPage sends a file to an upload page and returns the preview.
func uploadPage(t *testing.T, client *http.Client, url, name, data string) string {
	t.Helper()
	status, body := postForm(t, client, url, name, []byte(data))
	if status != http.StatusOK {
		t.Fatalf("preview of %s: %d\n%s", name, status, body)
	}
	return html.UnescapeString(body)
}

// confirmUpload confirms a previewed upload and waits on its status page
// until the import is done.
func confirmUpload(t *testing.T, client *http.Client, base, action, sha string) {
	t.Helper()
	resp, err := client.PostForm(base+action, map[string][]string{"sha256": {sha}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		resp, err := client.Get(base + action)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch {
		case strings.Contains(string(b), "Importert."):
			return
		case strings.Contains(string(b), "Ikke importert."):
			t.Fatalf("%s was not imported:\n%s", action, b)
		}
	}
	t.Fatalf("%s did not finish", action)
}

// wantPrinted checks that page shows each warning and row error the CLI
// printed (stdout's "  warning: …" lines, stderr's "FILE: row …: "VALUE":
// MESSAGE" lines) by its message, and returns how many it checked.
func wantPrinted(t *testing.T, page, stdout, stderr string) int {
	t.Helper()
	n := 0
	for _, l := range strings.Split(stdout, "\n") {
		if w, ok := strings.CutPrefix(l, "  warning: "); ok {
			n++
			if !strings.Contains(page, w) {
				t.Errorf("the preview lacks the CLI's warning %q", w)
			}
		}
	}
	rowErr := regexp.MustCompile(`^[^:]+: (?:row \d+|file)[^:]*: ".*?": (.*)$`)
	for _, l := range strings.Split(stderr, "\n") {
		if m := rowErr.FindStringSubmatch(l); m != nil {
			n++
			if !strings.Contains(page, m[1]) {
				t.Errorf("the preview lacks the CLI's error %q", m[1])
			}
		}
	}
	return n
}

// storedRows lists the rows of the unit, measure and rating tables, every
// column but the import's time, sorted by the tables' keys.
func storedRows(t *testing.T, dbFile string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+dbFile+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tables, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'unit%' OR name LIKE 'measure%' OR name LIKE 'rating%') ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for tables.Next() {
		var n string
		tables.Scan(&n)
		names = append(names, n)
	}
	tables.Close()
	if len(names) < 3 {
		t.Fatalf("tables %v: no unit, measure or rating table", names)
	}
	var out strings.Builder
	for _, n := range names {
		rows, err := db.Query(`SELECT * FROM "` + n + `" ORDER BY 1, 2`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&out, "%s:", n)
			for i, col := range cols {
				if col != "imported_at" {
					fmt.Fprintf(&out, " %s=%v", col, vals[i])
				}
			}
			out.WriteByte('\n')
		}
		rows.Close()
	}
	return out.String()
}
