package web

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

// auditQuery reads ?limit= (default 200, at most 10 000) and ?action=.
func auditQuery(r *http.Request) access.AuditQuery {
	q := access.AuditQuery{Limit: 200, Action: r.URL.Query().Get("action")}
	if n, err := strconv.Atoi(r.URL.Query().Get("limit")); err == nil && n > 0 {
		q.Limit = min(n, 10_000)
	}
	return q
}

// apiAudit answers the audit log in the shape of `audit list --json`.
func (a *App) apiAudit(w http.ResponseWriter, r *http.Request) {
	log, err := a.Store.AuditLog(r.Context(), auditQuery(r))
	if err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	if log == nil {
		log = []access.Event{}
	}
	writeJSON(w, http.StatusOK, log)
}

type auditRow struct {
	When, Who, From, What, Detail string
}

func (a *App) auditPage(w http.ResponseWriter, r *http.Request) {
	log, err := a.Store.AuditLog(r.Context(), auditQuery(r))
	if err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	rows := make([]auditRow, 0, len(log))
	for i := len(log) - 1; i >= 0; i-- { // newest first
		e := log[i]
		rows = append(rows, auditRow{When: e.At.In(wheel.Oslo()).Format("02.01.2006 15:04:05"), Who: e.Actor,
			From: e.Addr, What: e.Action, Detail: e.Detail})
	}
	render(w, r, http.StatusOK, auditTemplate, page{Title: "Logg", Body: rows})
}

const auditHTML = `{{define "body"}}<p>{{.T "De siste hendelsene, nyeste først: innlogginger, mislykkede innlogginger, endringer av brukere og roller, importer og dokumenter." "Dei siste hendingane, nyaste først: innloggingar, mislukka innloggingar, endringar av brukarar og roller, importar og dokument."}}</p>
{{if .Body}}<table>
<caption>{{.T "Logg over hvem som gjorde hva" "Logg over kven som gjorde kva"}}</caption>
<thead><tr><th scope="col">{{.T "Tidspunkt" "Tidspunkt"}}</th><th scope="col">{{.T "Hvem" "Kven"}}</th><th scope="col">{{.T "Fra adresse" "Frå adresse"}}</th><th scope="col">{{.T "Hendelse" "Hending"}}</th><th scope="col">{{.T "Detaljer" "Detaljar"}}</th></tr></thead>
<tbody>{{range .Body}}<tr><td>{{.When}}</td><td>{{.Who}}</td><td>{{.From}}</td><td>{{.What}}</td><td>{{.Detail}}</td></tr>
{{end}}</tbody></table>{{else}}<p>{{.T "Loggen er tom." "Loggen er tom."}}</p>{{end}}{{end}}`

var auditTemplate = template.Must(template.Must(template.New("audit").Parse(layoutHTML)).Parse(auditHTML))
