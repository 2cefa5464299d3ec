package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"regexp"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/web/webtest"
)

// recordingImports answers every import as checked and counts the real
// (not dry-run) ones.
type recordingImports struct{ imports int }

func (r *recordingImports) ImportBudget(_ context.Context, path string, o importer.Options) (*importer.Report, error) {
	st := importer.DryRun
	if !o.DryRun {
		r.imports++
		st = importer.Unchanged
	}
	return &importer.Report{Status: st, Result: &budgetfile.Result{File: o.Name}}, nil
}

// TestUpload_confirmOnlyOwnPreview: the preview stages the upload for the
// user who sent it; another finance user confirming it, or a confirmation
// naming other bytes (sha256), finds nothing and imports nothing; the
// sender's confirmation imports once, however often it is sent.
func TestUpload_confirmOnlyOwnPreview(t *testing.T) {
	imp := &recordingImports{}
	env := webtest.NewWith(t, func(a *web.App) { a.Imports = imp })
	owner, other := env.Client(t, "okonomi"), env.Client(t, "admin")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("version", "vedtatt")
	fw, _ := mw.CreateFormFile("file", "b.csv")
	fw.Write([]byte("Ansvar;Funksjon;Art;Beløp\n3100;202;010;5\n"))
	mw.Close()
	resp, page := env.Do(t, owner, http.MethodPost, "/import/budsjett", http.Header{"Content-Type": {mw.FormDataContentType()}}, body.String())
	m := regexp.MustCompile(`action="(/import/budsjett/[0-9a-f]+)"[\s\S]*name="sha256" value="([0-9a-f]+)"`).FindStringSubmatch(page)
	if resp.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("preview: %s\n%s", resp.Status, page)
	}
	confirm, sha := m[1], m[2]
	form := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	if resp, _ := env.Do(t, other, http.MethodPost, confirm, form, "sha256="+sha); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another user's confirmation: %s, want 404", resp.Status)
	}
	if resp, _ := env.Do(t, owner, http.MethodPost, confirm, form, "sha256=00"+sha[2:]); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a confirmation of other bytes: %s, want 404", resp.Status)
	}
	for range 2 {
		if resp, _ := env.Do(t, owner, http.MethodPost, confirm, form, "sha256="+sha); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("the sender's confirmation: %s, want 303 to the status page", resp.Status)
		}
	}
	for i := 0; i < 100; i++ {
		if _, page := env.Get(t, owner, confirm); regexp.MustCompile(`Uendret`).MatchString(page) {
			break
		}
	}
	if imp.imports != 1 {
		t.Errorf("%d imports, want 1", imp.imports)
	}
}
