package web

import (
	"html/template"
	"net/http"
)

// brokenTemplate fails when executed: its body calls a method on nothing.
var brokenTemplate = template.Must(template.Must(template.New("broken").Parse(layoutHTML)).Parse(`{{define "body"}}{{.Body.Missing}}{{end}}`))

// RenderBroken renders a page whose template fails, for the tests of
// render's handling of template errors.
func RenderBroken(w http.ResponseWriter, r *http.Request) {
	render(w, r, http.StatusOK, brokenTemplate, page{Title: "x", Body: 42})
}
