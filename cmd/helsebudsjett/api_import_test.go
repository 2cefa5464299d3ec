package main

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/importer"
)

// apiUpload posts file (named name) with fields to the budget import.
func apiUpload(t *testing.T, base, token, name string, file []byte, fields map[string]string) (int, string) {
	t.Helper()
	return apiUploadTo(t, base+"/api/v1/import/budget", token, name, file, fields)
}

// apiUploadTo posts file (named name) with fields to the import at url.
func apiUploadTo(t *testing.T, url, token, name string, file []byte, fields map[string]string) (int, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(file); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, url, &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestAPI_importBudget uploads a budget through the API as a nightly ERP
// script would: the dry run answers the CLI's --dry-run --json bytes and
// stores nothing; the import stores the dataset the CLI then lists, and
// the audit log names who imported it; a file with a bad row is refused
// with the row, column and value, and a zip bomb is refused, both storing
// nothing; a council member may not import.
func TestAPI_importBudget(t *testing.T) {
	dir := t.TempDir()
	dbFile := filepath.Join(dir, "ws.db")
	finance := apiUser(t, dbFile, "kari", "okonomi")
	council := apiUser(t, dbFile, "leser", "lesetilgang")
	base, _ := startServe(t, "serve", "--db", dbFile)
	file := write(t, dir, "budsjett-2027.csv", sampleCSV)
	fields := map[string]string{"part": "drift", "version": "forslag", "dry_run": "1"}

	status, body := apiUpload(t, base, finance, "budsjett-2027.csv", []byte(sampleCSV), fields)
	code, stdout, stderr := cli(t, dir, "import", "budget", file, "--part", "drift", "--version", "forslag", "--dry-run", "--json", "--db", dbFile)
	if code != exitOK || status != http.StatusOK || body != stdout {
		t.Fatalf("dry run: API %d\n%s\nCLI %d %s\n%s", status, body, code, stderr, stdout)
	}
	datasets := func() string {
		_, out, _ := cli(t, dir, "budget", "datasets", "--json", "--db", dbFile)
		return out
	}
	if d := datasets(); strings.TrimSpace(d) != "[]" {
		t.Fatalf("the dry runs stored %s", d)
	}

	delete(fields, "dry_run")
	status, body = apiUpload(t, base, finance, "budsjett-2027.csv", []byte(sampleCSV), fields)
	var out importer.Outcome
	if err := json.Unmarshal([]byte(body), &out); err != nil || status != http.StatusOK || out.Status != importer.Imported || out.Dataset == 0 {
		t.Fatalf("import: %d %s", status, body)
	}
	if d := datasets(); !strings.Contains(d, `"source": "budsjett-2027.csv"`) || !strings.Contains(d, `"ore": 110000025`) {
		t.Errorf("the CLI does not list the imported dataset with its total: %s", d)
	}
	if _, audit, _ := cli(t, dir, "audit", "list", "--db", dbFile); !strings.Contains(audit, "kari") || !strings.Contains(audit, "budsjett-2027.csv") {
		t.Errorf("the audit log does not name the import and who made it:\n%s", audit)
	}

	before := datasets()
	bad := strings.Replace(sampleCSV, "3200;232;010;Nord;300 000", "3200;232;01x;Nord;300 000", 1)
	status, body = apiUpload(t, base, finance, "feil.csv", []byte(bad), map[string]string{"part": "drift", "version": "vedtatt"})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"status": "rejected"`) || !strings.Contains(body, "01x") || !strings.Contains(body, `"row": 7`) || !strings.Contains(body, `"column": "C"`) {
		t.Errorf("a bad row: %d %s", status, body)
	}
	bomb, err := os.ReadFile("../../budget/importer/testdata/bomb.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	status, body = apiUpload(t, base, finance, "bombe.xlsx", bomb, map[string]string{"year": "2027", "part": "drift"})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"status": "rejected"`) {
		t.Errorf("a zip bomb: %d %s", status, body)
	}
	if after := datasets(); after != before {
		t.Errorf("refused uploads changed the datasets:\n%s", after)
	}
	if status, _ := apiUpload(t, base, council, "budsjett-2027.csv", []byte(sampleCSV), fields); status != http.StatusForbidden {
		t.Errorf("a council member's upload: %d, want 403", status)
	}
}
