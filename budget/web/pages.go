package web

import (
	"bytes"
	"html/template"
	"log"
	"net/http"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
)

// page is what the layout needs; Body is the page's own template data.
type page struct {
	Lang    string
	Title   string
	User    *access.User
	Self    string // the path, for the language links
	Message string
	Body    any
	Refresh int // seconds after which the page loads itself again (a status page); 0 never
	Year    int // the current year, for links to the year's documents
}

// T picks the text for the page's language: {{.T "bokmål" "nynorsk"}}.
func (p page) T(nb, nn string) string {
	if p.Lang == "nn" {
		return nn
	}
	return nb
}

// RoleName is a role's name in the page's language.
func (p page) RoleName(r access.Role) string {
	names := map[access.Role][2]string{
		access.Admin:           {"administrator", "administrator"},
		access.Okonomi:         {"økonomi", "økonomi"},
		access.Folkehelse:      {"folkehelsekoordinator", "folkehelsekoordinator"},
		access.Kommunedirektor: {"kommunedirektørens stab", "kommunedirektøren sin stab"},
		access.Enhet:           {"enhetsleder", "einingsleiar"},
		access.Lesetilgang:     {"lesetilgang", "lesetilgang"},
	}
	n := names[r]
	if p.Lang == "nn" {
		return n[1]
	}
	return n[0]
}

const layoutHTML = `{{define "layout"}}<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} – Helsebudsjett</title>
{{if .Refresh}}<meta http-equiv="refresh" content="{{.Refresh}}">{{end}}
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<a class="skip" href="#innhold">{{.T "Hopp til innholdet" "Hopp til innhaldet"}}</a>
<header>
<p class="site"><a href="/">Helsebudsjett</a></p>
<nav aria-label="{{.T "Språk" "Språk"}}"><ul>
<li><a href="{{.Self}}?lang=nb" lang="nb"{{if eq .Lang "nb"}} aria-current="true"{{end}}>bokmål</a></li>
<li><a href="{{.Self}}?lang=nn" lang="nn"{{if eq .Lang "nn"}} aria-current="true"{{end}}>nynorsk</a></li>
</ul></nav>
{{with .User}}<form method="post" action="/logg-ut" class="logout"><p>{{$.T "Innlogget som" "Innlogga som"}} <strong>{{.Name}}</strong>
<button type="submit">{{$.T "Logg ut" "Logg ut"}}</button></p></form>{{end}}
</header>
<main id="innhold">
<h1>{{.Title}}</h1>
{{if .Message}}<p class="message" role="alert">{{.Message}}</p>{{end}}
{{template "body" .}}
</main>
</body>
</html>{{end}}`

const loginHTML = `{{define "body"}}<form method="post" action="/logg-inn">
<input type="hidden" name="neste" value="{{.Body.Next}}">
<p><label for="namn">{{.T "Brukernavn" "Brukarnamn"}}</label><br>
<input id="namn" name="namn" type="text" autocomplete="username" required autofocus value="{{.Body.Name}}"></p>
<p><label for="passord">{{.T "Passord" "Passord"}}</label><br>
<input id="passord" name="passord" type="password" autocomplete="current-password" required></p>
<p><button type="submit">{{.T "Logg inn" "Logg inn"}}</button></p>
</form>
{{if .Body.SSO}}<h2>{{.T "Kommunens pålogging" "Kommunen si pålogging"}}</h2>
<p><a class="button" href="/sso/start?neste={{.Body.Next}}">{{.T "Logg inn med kommunens pålogging" "Logg inn med kommunen si pålogging"}}</a></p>{{end}}{{end}}`

const homeHTML = `{{define "body"}}<p>{{.T "Rollene dine" "Rollene dine"}}: {{range $i, $r := .User.Roles}}{{if $i}}, {{end}}{{$.RoleName $r}}{{end}}{{if .User.Units}} ({{.T "enheter" "einingar"}} {{range $i, $u := .User.Units}}{{if $i}}, {{end}}{{$u}}{{end}}){{end}}.</p>
<h2>{{.T "Sider" "Sider"}}</h2>
<ul>
<li><a href="/arshjul">{{.T "Årshjulet" "Årshjulet"}}</a></li>
<li><a href="/rapport/">{{.T "Årsrapportene" "Årsrapportane"}}</a></li>
<li><a href="/indikatorer">{{.T "Indikatorene" "Indikatorane"}}</a></li>
<li><a href="/tiltak">{{.T "Tiltakene og status" "Tiltaka og status"}}</a></li>
{{range .User.Units}}<li><a href="/brev/{{$.Year}}/{{.}}">{{$.T "Oppdragsbrevet til" "Oppdragsbrevet til"}} {{.}} ({{$.Year}})</a></li>{{end}}
{{if or (.User.Has "kommunedirektor") (.User.Has "admin")}}<li><a href="/dokumenter">{{.T "Oppdragsbrev, årsrapport og arbeidsbok" "Oppdragsbrev, årsrapport og arbeidsbok"}}</a></li>{{end}}
{{if or (.User.Has "enhet") (.User.Has "kommunedirektor") (.User.Has "admin")}}<li><a href="/tertial">{{.T "Tertialrapport for tiltakene" "Tertialrapport for tiltaka"}}</a></li>{{end}}
{{if or (.User.Has "okonomi") (.User.Has "admin")}}<li><a href="/import/budsjett">{{.T "Importer budsjett eller regnskap" "Importer budsjett eller rekneskap"}}</a></li>{{end}}
{{if or (.User.Has "folkehelse") (.User.Has "admin")}}<li>{{.T "Importer for folkehelsa" "Importer for folkehelsa"}}: <a href="/import/omrader">{{.T "områder" "område"}}</a>, <a href="/import/indikatorer">{{.T "indikatorverdier" "indikatorverdiar"}}</a>, <a href="/import/mal">{{.T "mål" "mål"}}</a>, <a href="/import/katalog">{{.T "indikatorkatalogen" "indikatorkatalogen"}}</a></li>{{end}}
{{if or (.User.Has "kommunedirektor") (.User.Has "admin")}}<li>{{.T "Importer for kommunedirektøren" "Importer for kommunedirektøren"}}: <a href="/import/enheter">{{.T "enheter" "einingar"}}</a>, <a href="/import/tiltak">{{.T "tiltak" "tiltak"}}</a>, <a href="/import/vurderinger">{{.T "vurderinger" "vurderingar"}}</a></li>{{end}}
{{if or (.User.Has "okonomi") (.User.Has "admin") (.User.Has "folkehelse") (.User.Has "kommunedirektor")}}<li><a href="/budsjett">{{.T "Budsjett og regnskap" "Budsjett og rekneskap"}}</a></li>{{end}}
{{if .User.Has "admin"}}<li><a href="/admin/logg">{{.T "Logg over hvem som gjorde hva" "Logg over kven som gjorde kva"}}</a></li>{{end}}
</ul>
<h2>{{.T "Økter" "Økter"}}</h2>
<form method="post" action="/logg-ut-overalt"><p>{{.T "Har du vært innlogget på en annen maskin du ikke har tilgang til nå?" "Har du vore innlogga på ei anna maskin du ikkje har tilgang til no?"}}
<button type="submit">{{.T "Logg ut overalt" "Logg ut overalt"}}</button></p></form>{{end}}`

const messageHTML = `{{define "body"}}<p><a href="/">{{.T "Til forsiden" "Til framsida"}}</a></p>{{end}}`

var (
	loginTemplate   = template.Must(template.Must(template.New("login").Parse(layoutHTML)).Parse(loginHTML))
	homeTemplate    = template.Must(template.Must(template.New("home").Parse(layoutHTML)).Parse(homeHTML))
	messageTemplate = template.Must(template.Must(template.New("message").Parse(layoutHTML)).Parse(messageHTML))
)

// render writes a page of the layout with status. A template that fails
// answers 500 "internal error" and is logged, with the route, on the
// server's logger (serverLog), since the person who sees the 500 cannot
// tell anyone what broke.
func render(w http.ResponseWriter, r *http.Request, status int, t *template.Template, p page) {
	p.Lang = langOf(r)
	p.Self = r.URL.Path
	if u, ok := CurrentUser(r); ok {
		p.User = &u
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "layout", p); err != nil {
		serverLog(r).Printf("helsebudsjett: %s %s (route %q): template %s: %v", r.Method, r.URL.Path, r.Pattern, t.Name(), err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

// serverLog is the logger of the http.Server serving r (its ErrorLog),
// or, as net/http itself does when that is nil, the standard logger.
func serverLog(r *http.Request) *log.Logger {
	if s, ok := r.Context().Value(http.ServerContextKey).(*http.Server); ok && s.ErrorLog != nil {
		return s.ErrorLog
	}
	return log.Default()
}

// renderMessage writes a page that only says m.
func renderMessage(w http.ResponseWriter, r *http.Request, status int, m msg) {
	lang := langOf(r)
	title := map[int][2]string{
		http.StatusForbidden:           {"Ingen tilgang", "Inga tilgang"},
		http.StatusNotFound:            {"Finnes ikke", "Finst ikkje"},
		http.StatusInternalServerError: {"Feil", "Feil"},
	}[status]
	if title[0] == "" {
		title = [2]string{"Melding", "Melding"}
	}
	t := title[0]
	if lang == "nn" {
		t = title[1]
	}
	render(w, r, status, messageTemplate, page{Title: t, Message: m[lang]})
}

// appCSS styles the application's pages; served as a file so the
// Content-Security-Policy admits no inline style or script.
const appCSS = `body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 0 1rem 2rem; color: #1d1d1b; line-height: 1.5; }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; border-bottom: 1px solid #ccc; padding: .5rem 0; }
header ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; }
.site { font-weight: bold; margin: 0; }
a { color: #0b5394; }
a[aria-current] { font-weight: bold; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
label { font-weight: 600; }
input[type=text], input[type=password] { font: inherit; padding: .4rem; border: 1px solid #555; border-radius: 3px; min-width: 18rem; }
button, .button { font: inherit; padding: .4rem 1rem; background: #0b5394; color: #fff; border: 0; border-radius: 3px; cursor: pointer; text-decoration: none; display: inline-block; }
:focus-visible { outline: 3px solid #e8a317; outline-offset: 2px; }
.message { background: #fdecea; border-left: 4px solid #b3261e; padding: .5rem 1rem; }
.logout p { margin: 0; }
table { border-collapse: collapse; }
caption { text-align: left; font-weight: 600; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tfoot th, tfoot td { font-weight: bold; border-top: 2px solid #1d1d1b; }
fieldset { border: 1px solid #bbb; margin: 1rem 0; }
select { font: inherit; padding: .3rem; }
textarea { font: inherit; padding: .4rem; border: 1px solid #555; border-radius: 3px; max-width: 100%; }
.field-error { color: #b3261e; font-weight: 600; display: block; }
.saved { background: #e6f4ea; border-left: 4px solid #1e7b34; padding: .5rem 1rem; }
button.secondary { background: #fff; color: #0b5394; border: 2px solid #0b5394; }
figure.chart { margin: 1rem 0; max-width: 44rem; }
figure.chart svg { width: 100%; height: auto; display: block; }
.axis { stroke: #1d1d1b; stroke-width: 1; }
.tick { font-size: 12px; fill: #1d1d1b; }
.line { fill: none; stroke-width: 2; }
.dot { stroke: none; }
.s0 { stroke: #000; fill: #000; stroke-width: 3; } .s1 { stroke: #1f4e79; fill: #1f4e79; } .s2 { stroke: #a03c14; fill: #a03c14; stroke-dasharray: 6 3; }
.s3 { stroke: #2e6b30; fill: #2e6b30; stroke-dasharray: 2 3; } .s4 { stroke: #6a3d9a; fill: #6a3d9a; stroke-dasharray: 8 3 2 3; }
.s5 { stroke: #806000; fill: #806000; stroke-dasharray: 4 4; } .s6 { stroke: #006d77; fill: #006d77; stroke-dasharray: 1 2; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.swatch { display: inline-block; width: 1.5rem; height: 0; border-top: 3px solid; margin-right: .4rem; vertical-align: middle; }
.swatch.s0 { border-color: #000; } .swatch.s1 { border-color: #1f4e79; } .swatch.s2 { border-color: #a03c14; border-top-style: dashed; }
.swatch.s3 { border-color: #2e6b30; border-top-style: dotted; } .swatch.s4 { border-color: #6a3d9a; border-top-style: dashed; }
.swatch.s5 { border-color: #806000; border-top-style: dashed; } .swatch.s6 { border-color: #006d77; border-top-style: dotted; }
.table { overflow-x: auto; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.table:focus { outline: 3px solid #e8a317; }
`

// safeNext is where to go after sign-in: a path on this server only, so
// the sign-in page is no open redirect.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsAny(next, "\r\n") || strings.HasPrefix(next, "/logg-") {
		return "/"
	}
	return next
}
