package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
)

// Documents makes the documents for download (reports/documents on the
// workspace): the letters, the workbook and the annual report.
type Documents interface {
	// LettersZip writes the year's letters to units (every recipient when
	// empty) as a zip and returns how many it holds.
	LettersZip(ctx context.Context, w io.Writer, year int, units []string, lang string) (int, error)
	Letter(ctx context.Context, year int, unit, lang string) ([]byte, error)
	Workbook(ctx context.Context, w io.Writer, year int, lang string) error
	Report(ctx context.Context, year int, public bool, lang string) ([]byte, error)
	Units(ctx context.Context) ([]budget.Unit, error)
}

var letterReaders = []access.Role{access.Admin, access.Kommunedirektor, access.Enhet}

// documentRoutes are the downloads and the rådmann's office's page of
// documents.
func (a *App) documentRoutes() []Route {
	return []Route{
		{Pattern: "GET /dokumenter", Roles: []access.Role{access.Admin, access.Kommunedirektor}, Handler: a.documentsPage},
		{Pattern: "GET /brev/{year}/{unit}", Roles: letterReaders, Unit: "unit", Handler: a.letterPDF},
		{Pattern: "GET /api/v1/letters/{file}", Roles: letterReaders, Handler: a.lettersZip},
		{Pattern: "GET /api/v1/workbook/{file}", Roles: budgetReaders, Handler: a.workbookFile},
		{Pattern: "GET /api/v1/report/{file}", Roles: Everyone, Handler: a.reportPDF},
	}
}

// docYear reads "2027.zip" as 2027 when the suffix is ext.
func docYear(file, ext string) (int, bool) {
	s, ok := strings.CutSuffix(file, ext)
	y, err := strconv.Atoi(s)
	return y, ok && err == nil && y >= 1900 && y <= 2200
}

func (a *App) docs(w http.ResponseWriter, r *http.Request) (Documents, bool) {
	allowSlow(w) // a document takes longer to make than a page
	if a.Documents == nil {
		a.fail(w, r, http.StatusServiceUnavailable, "unavailable", msgInternal)
		return nil, false
	}
	return a.Documents, true
}

// sendDocument answers a made document, or the error as the API does, and
// writes the audit log.
func (a *App) sendDocument(w http.ResponseWriter, r *http.Request, data []byte, err error, ctype, name, what string) {
	switch c := budget.ErrorCode(err); {
	case c == budget.ENOTFOUND || c == budget.EINVALID:
		a.fail(w, r, http.StatusNotFound, "not_found", msg{"nb": budget.ErrorMessage(err), "nn": budget.ErrorMessage(err), "en": budget.ErrorMessage(err)})
		return
	case err != nil:
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	if err := access.Record(r.Context(), a.Store, a.now(), access.ActionDocument, what); err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	_, _ = w.Write(data)
}

func docLang(r *http.Request) string {
	if r.URL.Query().Get("lang") == "nn" {
		return "nn"
	}
	return "nb"
}

// lettersZip is all the year's letters as a zip; a unit leader gets its
// own units' letters only.
func (a *App) lettersZip(w http.ResponseWriter, r *http.Request) {
	d, ok := a.docs(w, r)
	if !ok {
		return
	}
	year, ok := docYear(r.PathValue("file"), ".zip")
	if !ok {
		a.notFound(w, r)
		return
	}
	var units []string
	if u, _ := CurrentUser(r); !u.Has(access.Admin) && !u.Has(access.Kommunedirektor) {
		if units = u.Units; len(units) == 0 {
			a.fail(w, r, http.StatusForbidden, "forbidden", msgForbidden)
			return
		}
	}
	var buf bytes.Buffer
	n, err := d.LettersZip(r.Context(), &buf, year, units, docLang(r))
	a.sendDocument(w, r, buf.Bytes(), err, "application/zip", fmt.Sprintf("oppdragsbrev-%d.zip", year),
		fmt.Sprintf("letters %d (%d) %s", year, n, strings.Join(units, ",")))
}

func (a *App) letterPDF(w http.ResponseWriter, r *http.Request) {
	d, ok := a.docs(w, r)
	if !ok {
		return
	}
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		a.notFound(w, r)
		return
	}
	unit := r.PathValue("unit")
	data, err := d.Letter(r.Context(), year, unit, docLang(r))
	a.sendDocument(w, r, data, err, "application/pdf", fmt.Sprintf("oppdragsbrev-%d-%s.pdf", year, unit), fmt.Sprintf("letter %d %s", year, unit))
}

func (a *App) workbookFile(w http.ResponseWriter, r *http.Request) {
	d, ok := a.docs(w, r)
	if !ok {
		return
	}
	year, ok := docYear(r.PathValue("file"), ".xlsx")
	if !ok {
		a.notFound(w, r)
		return
	}
	var buf bytes.Buffer
	err := d.Workbook(r.Context(), &buf, year, docLang(r))
	a.sendDocument(w, r, buf.Bytes(), err, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		fmt.Sprintf("helsebudsjett-%d.xlsx", year), fmt.Sprintf("workbook %d", year))
}

// reportPDF is the annual report: the public edition (?public=1) for
// anyone signed in, the internal one for the staff who work with small
// numbers only.
func (a *App) reportPDF(w http.ResponseWriter, r *http.Request) {
	d, ok := a.docs(w, r)
	if !ok {
		return
	}
	year, ok := docYear(r.PathValue("file"), ".pdf")
	if !ok {
		a.notFound(w, r)
		return
	}
	public := r.URL.Query().Get("public") == "1"
	if u, _ := CurrentUser(r); !public && !hasAny(u, internalReaders) {
		a.fail(w, r, http.StatusForbidden, "forbidden", msgForbidden)
		return
	}
	data, err := d.Report(r.Context(), year, public, docLang(r))
	edition := "intern"
	if public {
		edition = "offentlig"
	}
	a.sendDocument(w, r, data, err, "application/pdf", fmt.Sprintf("arsrapport-%d-%s.pdf", year, edition), fmt.Sprintf("report %d %s", year, edition))
}

type documentsData struct {
	Year  int
	Units []budget.Unit
}

func (a *App) documentsPage(w http.ResponseWriter, r *http.Request) {
	d, ok := a.docs(w, r)
	if !ok {
		return
	}
	units, err := d.Units(r.Context())
	if err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	year := a.lettersYear() // the home page's, so both link the same letters
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 1900 && y <= 2200 {
		year = y
	}
	render(w, r, http.StatusOK, documentsTemplate, page{Title: pickLang(r, "Dokumenter", "Dokument"), Body: documentsData{Year: year, Units: units}})
}

var documentsTemplate = layoutTemplate("documents", `{{define "body"}}{{$y := .Body.Year}}
<form method="get" action="/dokumenter"><p><label for="ar">{{.T "År" "År"}}</label> <input id="ar" name="year" type="text" inputmode="numeric" value="{{$y}}"> <button type="submit">{{.T "Vis" "Vis"}}</button></p></form>
<h2>{{.T "Oppdragsbrev" "Oppdragsbrev"}} {{$y}}</h2>
<ul><li><a href="/api/v1/letters/{{$y}}.zip">{{.T "Alle brevene (zip), bokmål" "Alle breva (zip), bokmål"}}</a></li>
<li><a href="/api/v1/letters/{{$y}}.zip?lang=nn">{{.T "Alle brevene (zip), nynorsk" "Alle breva (zip), nynorsk"}}</a></li></ul>
<table><caption>{{.T "Brev per enhet" "Brev per eining"}}</caption>
<thead><tr><th scope="col">{{.T "Enhet" "Eining"}}</th><th scope="col">{{.T "Bokmål" "Bokmål"}}</th><th scope="col">{{.T "Nynorsk" "Nynorsk"}}</th></tr></thead>
<tbody>{{range .Body.Units}}<tr><th scope="row">{{.Name}} ({{.Code}})</th><td><a href="/brev/{{$y}}/{{.Code}}">PDF<span class="visually-hidden"> {{.Name}} bokmål</span></a></td><td><a href="/brev/{{$y}}/{{.Code}}?lang=nn">PDF<span class="visually-hidden"> {{.Name}} nynorsk</span></a></td></tr>{{end}}</tbody></table>
<h2>{{.T "Årsrapport" "Årsrapport"}} {{$y}}</h2>
<ul><li><a href="/api/v1/report/{{$y}}.pdf">{{.T "Intern utgave (PDF)" "Intern utgåve (PDF)"}}</a></li>
<li><a href="/api/v1/report/{{$y}}.pdf?public=1">{{.T "Offentlig utgave (PDF)" "Offentleg utgåve (PDF)"}}</a></li>
<li><a href="/api/v1/report/{{$y}}.pdf?public=1&amp;lang=nn">{{.T "Offentlig utgave på nynorsk (PDF)" "Offentleg utgåve på nynorsk (PDF)"}}</a></li>
<li><a href="/rapport/{{$y}}/">{{.T "Som nettside" "Som nettside"}}</a></li></ul>
<h2>{{.T "Helsebudsjettet" "Helsebudsjettet"}}</h2>
<ul><li><a href="/api/v1/workbook/{{$y}}.xlsx">{{.T "Arbeidsboka" "Arbeidsboka"}} {{$y}} (xlsx)</a></li></ul>{{end}}`)
