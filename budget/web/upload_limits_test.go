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
		// The page says it in Norwegian, without the command's --max-size
		// that a browser user cannot raise.
		{"just over the limit", csv(limit + 1000), "b.csv", http.StatusUnprocessableEntity, "larger than the limit", "større enn 1 MB"},
		{"far over the limit", csv(3 * limit), "b.csv", http.StatusRequestEntityTooLarge, `"too_large"`, "større enn 1 MB"},
		// The bomb (1.0 MB packed) is over this limit already; under a
		// larger one TestUpload_zipBombPage sees it refused as a bomb.
		{"zip bomb", bomb, "bombe.xlsx", http.StatusUnprocessableEntity, `"rejected"`, "større enn 1 MB"},
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
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(out, tc.page) || strings.Contains(out, `name="sha256"`) || strings.Contains(out, "--max-size") {
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

// TestUpload_zipBombPage uploads the zip bomb under a limit its packed size
// passes: the page refuses it as damaged or made to harm, in Norwegian,
// without the command's --max-size, and stores nothing.
func TestUpload_zipBombPage(t *testing.T) {
	env := webtest.NewWith(t, func(a *web.App) {
		a.Imports = workspaceImports{a.Store.(*sqlite.DB)}
		a.MaxUpload = 4 << 20
	})
	bomb, err := os.ReadFile("../importer/testdata/bomb.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"nb", "nn"} {
		h, body := multipartBody(t, "bombe.xlsx", bomb, map[string]string{"year": "2027", "part": "drift"})
		h.Set("Origin", env.URL)
		resp, out := env.Do(t, env.Client(t, "okonomi"), http.MethodPost, "/import/budsjett?lang="+lang, h, body)
		want := map[string]string{"nb": "skadet eller laget for å skade", "nn": "skadd eller laga for å skade"}[lang]
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(out, want) || strings.Contains(out, "--max-size") {
			t.Errorf("%s: %s, want 422 saying %q\n%.1500s", lang, resp.Status, want, out)
		}
	}
	if ds, err := env.DB.Datasets(context.Background()); err != nil || len(ds) != 0 {
		t.Errorf("stored %d datasets (%v)", len(ds), err)
	}
}
