package web

import (
	"context"
	"html/template"
	"net/http"
	"strconv"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
)

// ReportPages gives the annual report as a web page: the files of its
// folder by name (index.html and the stylesheet it links to), as
// `helsebudsjett report --format html` writes them. An unknown year is a
// budget.ENOTFOUND or EINVALID error.
type ReportPages interface {
	ReportPage(ctx context.Context, year int, public bool, lang string) (map[string][]byte, error)
	// ReportYears are the years a report can be made for, newest first.
	ReportYears(ctx context.Context) ([]int, error)
}

// internalReaders may read the internal edition, with figures under the
// small-number threshold: the staff who work with them, not council
// members and other readers.
var internalReaders = []access.Role{access.Admin, access.Okonomi, access.Folkehelse, access.Kommunedirektor}

// publishRoutes are the published annual report as a web page: the
// public edition for every signed-in role (council members have
// lesetilgang), and for anyone when the municipality publishes it
// (App.PublicReport); the internal edition only for internalReaders.
func (a *App) publishRoutes() []Route {
	public := func(rt Route) Route {
		if a.PublicReport {
			rt.Roles, rt.Public = nil, true
		} else {
			rt.Roles = Everyone
		}
		return rt
	}
	return []Route{
		public(Route{Pattern: "GET /rapport/{$}", Handler: a.reportYears}),
		public(Route{Pattern: "GET /rapport/{year}/{$}", Handler: a.reportPage(true)}),
		public(Route{Pattern: "GET /rapport/{year}/{file}", Handler: a.reportFile(true)}),
		{Pattern: "GET /rapport/{year}/intern/{$}", Roles: internalReaders, Handler: a.reportPage(false)},
		{Pattern: "GET /rapport/{year}/intern/{file}", Roles: internalReaders, Handler: a.reportFile(false)},
	}
}

func (a *App) reportYear(w http.ResponseWriter, r *http.Request) (int, bool) {
	if a.Reports == nil {
		a.fail(w, r, http.StatusServiceUnavailable, "unavailable", msgInternal)
		return 0, false
	}
	y, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || y < 1900 || y > 2200 {
		a.notFound(w, r)
		return 0, false
	}
	return y, true
}

func (a *App) renderReport(w http.ResponseWriter, r *http.Request, public bool) (map[string][]byte, bool) {
	allowSlow(w) // the report takes longer to make than a page
	year, ok := a.reportYear(w, r)
	if !ok {
		return nil, false
	}
	files, err := a.Reports.ReportPage(r.Context(), year, public, langOf(r))
	if c := budget.ErrorCode(err); c == budget.ENOTFOUND || c == budget.EINVALID {
		a.notFound(w, r)
		return nil, false
	} else if err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return nil, false
	}
	for name, b := range files {
		if name != "index.html" {
			a.reportFiles.Store(name, b)
		}
	}
	return files, true
}

func (a *App) reportPage(public bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rememberLang(w, r, a.Secure)
		files, ok := a.renderReport(w, r, public)
		if !ok {
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(files["index.html"])
	}
}

func (a *App) reportFile(public bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("file")
		b, ok := a.reportFiles.Load(name)
		if !ok {
			files, ok := a.renderReport(w, r, public)
			if !ok {
				return
			}
			if b, ok = files[name]; !ok || name == "index.html" {
				a.notFound(w, r)
				return
			}
		}
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		_, _ = w.Write(b.([]byte))
	}
}

var reportYearsTemplate = template.Must(template.Must(template.New("reports").Parse(layoutHTML)).Parse(`{{define "body"}}<ul>
{{range .Body}}<li><a href="/rapport/{{.}}/">{{$.T "Årsrapport" "Årsrapport"}} {{.}}</a></li>
{{else}}<li>{{.T "Ingen rapporter ennå." "Ingen rapportar enno."}}</li>
{{end}}</ul>{{end}}`))

func (a *App) reportYears(w http.ResponseWriter, r *http.Request) {
	if a.Reports == nil {
		a.fail(w, r, http.StatusServiceUnavailable, "unavailable", msgInternal)
		return
	}
	years, err := a.Reports.ReportYears(r.Context())
	if err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	title := "Årsrapporter"
	if langOf(r) == "nn" {
		title = "Årsrapportar"
	}
	render(w, r, http.StatusOK, reportYearsTemplate, page{Title: title, Body: years})
}
