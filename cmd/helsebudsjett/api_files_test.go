package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAPI_importFiles uploads the public-health coordinator's and the
// rådmann's office's files through the API: each dry run answers the bytes
// the import command's --dry-run --json prints for the same file and
// stores nothing; each import stores what the CLI then finds (the CLI's
// own import of the same indicator table is "unchanged"); a refused file
// stores nothing; a role without the right gets 403.
func TestAPI_importFiles(t *testing.T) {
	dir := t.TempDir()
	dbFile := filepath.Join(dir, "ws.db")
	health := apiUser(t, dbFile, "frida", "folkehelse")
	office := apiUser(t, dbFile, "rune", "kommunedirektor")
	finance := apiUser(t, dbFile, "kari", "okonomi")
	base, _ := startServe(t, "serve", "--db", dbFile)
	sample := func(name string) (string, []byte) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join("..", "..", "templates", "sample", name))
		if err != nil {
			t.Fatal(err)
		}
		return write(t, dir, name, string(b)), b
	}
	listed := func(args ...string) string {
		t.Helper()
		_, out, _ := cli(t, dir, append(args, "--db", dbFile)...)
		return out
	}
	// same checks the dry run against the CLI's, byte for byte, and that it
	// stored nothing; then imports for real.
	same := func(t *testing.T, token, api, name string, fields map[string]string, cliArgs []string, list []string) string {
		t.Helper()
		path, data := sample(name)
		before := listed(list...)
		dry := map[string]string{"dry_run": "true"}
		for k, v := range fields {
			dry[k] = v
		}
		status, body := apiUploadTo(t, base+"/api/v1/import/"+api, token, name, data, dry)
		code, stdout, stderr := cli(t, dir, append([]string{"import", api, path, "--dry-run", "--json", "--db", dbFile}, cliArgs...)...)
		// The CLI names the file as it was given (a path), the API as it
		// was uploaded (a name).
		stdout = strings.Replace(stdout, `"file": "`+path+`"`, `"file": "`+name+`"`, 1)
		if status != http.StatusOK || code != exitOK || body != stdout {
			t.Fatalf("dry run of %s: API %d\n%s\nCLI %d %s\n%s", name, status, body, code, stderr, stdout)
		}
		if after := listed(list...); after != before {
			t.Fatalf("the dry run of %s stored something:\n%s", name, after)
		}
		status, body = apiUploadTo(t, base+"/api/v1/import/"+api, token, name, data, fields)
		if status != http.StatusOK || !strings.Contains(body, `"status": "imported"`) {
			t.Fatalf("import of %s: %d %s", name, status, body)
		}
		return listed(list...)
	}

	t.Run("areas", func(t *testing.T) {
		areas := same(t, health, "areas", "omrader.csv", nil, nil, []string{"areas", "list", "--json"})
		for _, want := range []string{`"469901"`, `"Sentrum"`, `"Fjordvik kommune (fiktiv)"`} {
			if !strings.Contains(areas, want) {
				t.Errorf("areas list lacks %s after the upload:\n%s", want, areas)
			}
		}
	})
	t.Run("indicators", func(t *testing.T) {
		table := "Bydel;År;Innvandringsbakgrunn;Andel\nSentrum;2024;totalt;0,105\nSentrum;2024;innvandrere;0,35\n"
		write(t, dir, "trang.csv", table)
		fields := map[string]string{"indicator": "trangboddhet", "scale": "fraction", "where": "Innvandringsbakgrunn=totalt"}
		path := filepath.Join(dir, "trang.csv")
		status, body := apiUploadTo(t, base+"/api/v1/import/indicators", health, "trang.csv", []byte(table), map[string]string{"indicator": "trangboddhet", "scale": "fraction", "where": "Innvandringsbakgrunn=totalt", "dry_run": "1"})
		code, stdout, stderr := cli(t, dir, "import", "indicators", path, "--indicator", "trangboddhet", "--scale", "fraction", "--where", "Innvandringsbakgrunn=totalt", "--dry-run", "--json", "--db", dbFile)
		if status != http.StatusOK || code != exitOK || body != stdout {
			t.Fatalf("dry run: API %d\n%s\nCLI %d %s\n%s", status, body, code, stderr, stdout)
		}
		status, body = apiUploadTo(t, base+"/api/v1/import/indicators", health, "trang.csv", []byte(table), fields)
		if status != http.StatusOK || !strings.Contains(body, `"status": "imported"`) || !strings.Contains(body, `"values": 1`) {
			t.Fatalf("import: %d %s", status, body)
		}
		// The same bytes with the same options, through the CLI: the
		// workspace already holds exactly this import.
		if _, out, _ := cli(t, dir, "import", "indicators", path, "--indicator", "trangboddhet", "--scale", "fraction", "--where", "Innvandringsbakgrunn=totalt", "--json", "--db", dbFile); !strings.Contains(out, `"status": "unchanged"`) {
			t.Errorf("the CLI's import after the API's: %s", out)
		}
		if out := listed("indicators", "show", "trangboddhet"); !strings.Contains(out, "10,5") {
			t.Errorf("indicators show lacks Sentrum's 10,5 %%:\n%s", out)
		}
		bad := "Bydel;År;Andel\nSt.Sentrum;2024;0,105\n"
		before := listed("indicators", "show", "trangboddhet")
		status, body = apiUploadTo(t, base+"/api/v1/import/indicators", health, "feil.csv", []byte(bad), map[string]string{"indicator": "trangboddhet", "scale": "fraction"})
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"status": "rejected"`) || !strings.Contains(body, "St.Sentrum") || !strings.Contains(body, `"row": 2`) {
			t.Errorf("a bad area: %d %s", status, body)
		}
		if after := listed("indicators", "show", "trangboddhet"); after != before {
			t.Errorf("the refused file changed the indicator:\n%s", after)
		}
		if status, _ := apiUploadTo(t, base+"/api/v1/import/indicators", finance, "trang.csv", []byte(table), fields); status != http.StatusForbidden {
			t.Errorf("finance's upload of indicators: %d, want 403", status)
		}
	})
	t.Run("targets", func(t *testing.T) {
		out := same(t, health, "targets", "targets.csv", nil, nil, []string{"indicators", "show", "barn-lavinntekt"})
		if !strings.Contains(strings.ToLower(out), "mål") {
			t.Errorf("indicators show names no target after the upload:\n%s", out)
		}
	})
	t.Run("units and measures", func(t *testing.T) {
		plan, _ := sample("okonomiplan-2027-2030.xlsx")
		if code, _, stderr := cli(t, dir, "import", "budget", plan, "--db", dbFile); code != exitOK {
			t.Fatal(stderr) // the measures link to the budget's lines
		}
		same(t, office, "units", "enheter.csv", nil, nil, []string{"measures", "list", "--json"})
		measures := same(t, office, "measures", "tiltak.csv", nil, nil, []string{"measures", "list", "--json"})
		if !strings.Contains(measures, `"nr"`) {
			t.Fatalf("measures list after the upload:\n%s", measures)
		}
		bad := "nr;navn\n1;\n"
		status, body := apiUploadTo(t, base+"/api/v1/import/measures", office, "feil.csv", []byte(bad), nil)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"status": "rejected"`) {
			t.Errorf("a bad measures file: %d %s", status, body)
		}
		if after := listed("measures", "list", "--json"); after != measures {
			t.Errorf("the refused file changed the measures:\n%s", after)
		}
		if status, _ := apiUploadTo(t, base+"/api/v1/import/measures", health, "tiltak.csv", []byte(bad), nil); status != http.StatusForbidden {
			t.Errorf("the public-health coordinator's upload of measures: %d, want 403", status)
		}
	})
}
