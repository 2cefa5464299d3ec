package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/web/webtest"
)

type countingImports struct{ calls int }

func (c *countingImports) ImportBudget(context.Context, string, importer.Options) (*importer.Report, error) {
	c.calls++
	return nil, context.Canceled
}

// TestAPIImport_limits: an upload over the limit is refused with 413 and a
// JSON error before the import runs; a body that is not a form, or a form
// without a file, is 400.
func TestAPIImport_limits(t *testing.T) {
	imp := &countingImports{}
	env := webtest.NewWith(t, func(a *web.App) { a.Imports, a.MaxUpload = imp, 4<<10 })
	token := env.Token(t, "okonomi")
	send := func(body *bytes.Buffer, ctype string) (*http.Response, string) {
		h := http.Header{"Authorization": {"Bearer " + token}, "Content-Type": {ctype}}
		return env.Do(t, env.NewClient(), http.MethodPost, "/api/v1/import/budget", h, body.String())
	}
	var big bytes.Buffer
	mw := multipart.NewWriter(&big)
	fw, _ := mw.CreateFormFile("file", "stor.csv")
	fw.Write([]byte(strings.Repeat("3100;202;010;1 000\n", 100000)))
	mw.Close()
	resp, body := send(&big, mw.FormDataContentType())
	wantJSONError(t, resp, body, http.StatusRequestEntityTooLarge)

	var none bytes.Buffer
	mw = multipart.NewWriter(&none)
	mw.WriteField("year", "2027")
	mw.Close()
	resp, body = send(&none, mw.FormDataContentType())
	wantJSONError(t, resp, body, http.StatusBadRequest)
	resp, body = send(bytes.NewBufferString("year=2027"), "application/x-www-form-urlencoded")
	wantJSONError(t, resp, body, http.StatusBadRequest)
	if imp.calls != 0 {
		t.Errorf("the import ran %d times for refused uploads", imp.calls)
	}
}
