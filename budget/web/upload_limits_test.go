package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/web/webtest"
)

// workspaceImports imports into the workspace as `serve` wires it
// (importer.Run, the function `import budget` runs).
type workspaceImports struct{ db *sqlite.DB }

func (w workspaceImports) ImportBudget(ctx context.Context, path string, o importer.Options) (*importer.Report, error) {
	return importer.Run(ctx, w.db, path, o)
}

// multipartBody is a multipart form with fields and file (named name).
func multipartBody(t testing.TB, name string, file []byte, fields map[string]string) (http.Header, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
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
	return http.Header{"Content-Type": {mw.FormDataContentType()}}, b.String()
}

// TestUpload_limits sends, over HTTP to the API and to the upload page,
// files the server must refuse with a clear answer and without storing
// anything: one over the upload limit, barely (within the allowance for
// the form's other fields, so the import's own size check refuses it: 422)
// and far (413 from the API with a JSON error; the form again with the
// limit from the page)
// and a zip bomb (a small xlsx that would unpack to gigabytes: 422). A file
// under the limit still imports, so the limit is not refusing everything.
func TestUpload_limits(t *testing.T) {
	const limit = 1 << 20
	env := webtest.NewWith(t, func(a *web.App) {
		a.Imports = workspaceImports{a.Store.(*sqlite.DB)}
		a.MaxUpload = limit
	})
	api := http.Header{"Authorization": {"Bearer " + env.Token(t, "okonomi")}}
	page := env.Client(t, "okonomi")
	csv := func(size int) []byte {
		var b strings.Builder
		b.WriteString("Ansvar;Funksjon;Art;Beløp\n")
		for b.Len() < size {
			b.WriteString("3100;202;010;5\n")
		}
		return []byte(b.String())
	}
	bomb, err := os.ReadFile("../importer/testdata/bomb.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]string{"year": "2027", "part": "drift", "version": "vedtatt"}
	datasets := func() int {
		ds, err := env.DB.Datasets(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return len(ds)
	}
	for _, tc := range []struct {
		name     string
		file     []byte
		fileName string
		api      int    // the API's status
		apiSays  string // in the API's JSON body
		page     string // in the page's message
	}{
		// Within the allowance for the form's other fields the body is
		// read, and the import's own size check refuses the file.
		{"just over the limit", csv(limit + 1000), "b.csv", http.StatusUnprocessableEntity, "larger than the limit", "larger than the limit"},
		{"far over the limit", csv(3 * limit), "b.csv", http.StatusRequestEntityTooLarge, `"too_large"`, "større enn 1 MB"},
		{"zip bomb", bomb, "bombe.xlsx", http.StatusUnprocessableEntity, `"rejected"`, "bombe.xlsx"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, body := multipartBody(t, tc.fileName, tc.file, fields)
			h["Authorization"] = api["Authorization"]
			resp, out := env.Do(t, env.NewClient(), http.MethodPost, "/api/v1/import/budget", h, body)
			if resp.StatusCode != tc.api || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || !strings.Contains(out, tc.apiSays) {
				t.Errorf("API: %s %.300s, want %d with %s", resp.Status, out, tc.api, tc.apiSays)
			}
			h, body = multipartBody(t, tc.fileName, tc.file, fields)
			h.Set("Origin", env.URL)
			resp, out = env.Do(t, page, http.MethodPost, "/import/budsjett", h, body)
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(out, tc.page) || strings.Contains(out, `name="sha256"`) {
				t.Errorf("page: %s, want 422 with %q and no confirmation\n%.2000s", resp.Status, tc.page, out)
			}
			if n := datasets(); n != 0 {
				t.Errorf("%d datasets stored", n)
			}
		})
	}
	h, body := multipartBody(t, "b.csv", csv(limit/2), fields)
	h["Authorization"] = api["Authorization"]
	if resp, out := env.Do(t, env.NewClient(), http.MethodPost, "/api/v1/import/budget", h, body); resp.StatusCode != http.StatusOK || datasets() != 1 {
		t.Errorf("a file under the limit: %s %.300s", resp.Status, out)
	}
}
