package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// The finance pages: upload a budget or accounts file, see the dry run,
// confirm to import exactly the bytes previewed, follow the import on a
// page that refreshes itself (no JavaScript), and read the datasets and
// summaries.

// staged is an upload previewed and waiting for its confirmation: kept
// on disk beside nothing else, for the user who sent it, for stageLife.
type staged struct {
	ID      string
	User    string
	Dir     string // the temporary folder holding the file
	Path    string
	Name    string
	SHA256  string
	Options importer.Options
	Created time.Time

	// The import, once confirmed.
	Started, Done bool
	Report        *importer.Report
	Err           error // why the import failed (uploadError words it)

	// A file of another kind than a budget (routes_files.go).
	Kind        FileKind
	FileOptions FileOptions
	FileOut     *FileOutcome
}

const stageLife = time.Hour

// stages are the uploads previewed or importing, by id.
type stages struct {
	mu sync.Mutex
	m  map[string]*staged
}

func (s *stages) put(st *staged) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]*staged{}
	}
	for id, old := range s.m { // forget what has waited too long
		if time.Since(old.Created) > stageLife {
			os.RemoveAll(old.Dir)
			delete(s.m, id)
		}
	}
	s.m[st.ID] = st
}

// get returns the stage id of user, or nil: another user's upload is not
// found, whoever asks.
func (s *stages) get(id, user string) *staged {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.m[id]; st != nil && st.User == user {
		return st
	}
	return nil
}

func (s *stages) update(fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn()
}

var financeRoles = []access.Role{access.Admin, access.Okonomi}

// importRoutes (routes.go's area "imports") are the import pages: upload, dry-run preview and confirm,
// and the finance tables.
func (a *App) importRoutes() []Route {
	return []Route{
		{Pattern: "GET /budsjett", Roles: budgetReaders, Handler: a.budgetPage},
		{Pattern: "GET /budsjett/sammenligning", Roles: budgetReaders, Handler: a.comparePage},
		{Pattern: "GET /import/budsjett", Roles: financeRoles, Handler: a.uploadForm},
		{Pattern: "POST /import/budsjett", Roles: financeRoles, Handler: a.uploadPreview},
		{Pattern: "POST /import/budsjett/{id}", Roles: financeRoles, Handler: a.uploadConfirm},
		{Pattern: "GET /import/budsjett/{id}", Roles: financeRoles, Handler: a.uploadStatus},
	}
}

type uploadData struct {
	Error   string
	Stage   *staged
	Outcome *importer.Outcome
	Current []budget.Dataset // the current datasets of the upload's years and versions
}

func (a *App) uploadForm(w http.ResponseWriter, r *http.Request) {
	render(w, r, http.StatusOK, uploadTemplate, page{Title: pickLang(r, "Importer budsjett eller regnskap", "Importer budsjett eller rekneskap"), Body: uploadData{}})
}

// uploadPreview stores the upload and shows its dry run.
func (a *App) uploadPreview(w http.ResponseWriter, r *http.Request) {
	title := pickLang(r, "Importer budsjett eller regnskap", "Importer budsjett eller rekneskap")
	if a.Imports == nil {
		a.fail(w, r, http.StatusServiceUnavailable, "unavailable", msgInternal)
		return
	}
	u, _ := CurrentUser(r)
	dir, form, path, name, err, ok := a.receiveUpload(w, r)
	if !ok {
		return
	}
	if err == nil {
		var opts importer.Options
		if opts, err = budgetOptions(form); err == nil {
			err = a.preview(w, r, u, dir, path, name, opts, title)
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		render(w, r, http.StatusUnprocessableEntity, uploadTemplate, page{Title: title, Body: uploadData{Error: a.uploadError(r, err)}})
	}
}

func (a *App) preview(w http.ResponseWriter, r *http.Request, u access.User, dir, path, name string, opts importer.Options, title string) error {
	sha, _, err := inputfile.Hash(r.Context(), path, name, a.maxUpload())
	if err != nil {
		return err
	}
	opts.Name, opts.MaxSize, opts.DryRun = name, a.maxUpload(), true
	rep, err := a.Imports.ImportBudget(r.Context(), path, opts)
	if err != nil {
		return err
	}
	st := &staged{ID: newID(), User: u.Name, Dir: dir, Path: path, Name: name, SHA256: sha, Options: opts, Created: time.Now()}
	out := rep.Outcome()
	data := uploadData{Outcome: &out, Current: a.currentFor(r.Context(), rep)}
	if rep.Status != importer.Rejected {
		a.stages.put(st)
		data.Stage = st
	} else {
		os.RemoveAll(dir)
	}
	render(w, r, http.StatusOK, previewTemplate, page{Title: title, Body: data})
	return nil
}

// currentFor lists the current datasets an import of rep would replace:
// those current for one of its years and versions in its part.
func (a *App) currentFor(ctx context.Context, rep *importer.Report) []budget.Dataset {
	if a.Reads == nil {
		return nil
	}
	sets, err := a.Reads.Datasets(ctx)
	if err != nil {
		return nil
	}
	keys := map[budget.Key]bool{}
	for _, t := range rep.Result.Totals {
		keys[t.Key] = true
	}
	var out []budget.Dataset
	for _, d := range sets {
		for _, k := range d.Current {
			if keys[k] && (d.Part == rep.Part || d.Part == budget.Begge || rep.Part == budget.Begge) {
				out = append(out, d)
				break
			}
		}
	}
	return out
}

// uploadConfirm imports the staged bytes, if they are still the ones
// previewed, in the background, and sends the browser to the status page.
func (a *App) uploadConfirm(w http.ResponseWriter, r *http.Request) {
	u, _ := CurrentUser(r)
	st := a.stages.get(r.PathValue("id"), u.Name)
	if st == nil || r.FormValue("sha256") != st.SHA256 {
		a.notFound(w, r)
		return
	}
	started := false
	a.stages.update(func() {
		if !st.Started { // a second click imports nothing twice
			st.Started, st.Options.DryRun, started = true, false, true
		}
	})
	if started {
		ctx := access.WithActor(context.WithoutCancel(r.Context()), access.ActorFrom(r.Context()))
		go a.runImport(ctx, st)
	}
	http.Redirect(w, r, "/import/budsjett/"+st.ID, http.StatusSeeOther)
}

func (a *App) runImport(ctx context.Context, st *staged) {
	defer os.RemoveAll(st.Dir)
	var rep *importer.Report
	sha, _, err := inputfile.Hash(ctx, st.Path, st.Name, a.maxUpload())
	if err == nil && sha != st.SHA256 {
		err = errChanged
	}
	if err == nil {
		rep, err = a.Imports.ImportBudget(ctx, st.Path, st.Options)
	}
	if err == nil && rep.Status == importer.Imported {
		err = access.Record(ctx, a.Store, a.now(), access.ActionImport,
			fmt.Sprintf("budget %s sha256 %s dataset %d", st.Name, rep.Result.SHA256, rep.Dataset.ID))
	}
	a.stages.update(func() {
		st.Done, st.Report = true, rep
		if err != nil {
			st.Err = err
		}
	})
}

// uploadStatus shows the import: refreshing itself until it is done.
func (a *App) uploadStatus(w http.ResponseWriter, r *http.Request) {
	u, _ := CurrentUser(r)
	st := a.stages.get(r.PathValue("id"), u.Name)
	if st == nil {
		a.notFound(w, r)
		return
	}
	var data uploadData
	var done bool
	a.stages.update(func() {
		done = st.Done
		snap := *st // the template reads it after the lock is let go
		data.Stage = &snap
		if st.Err != nil {
			data.Error = a.uploadError(r, st.Err)
		}
		if st.Report != nil {
			out := st.Report.Outcome()
			data.Outcome = &out
		}
	})
	p := page{Title: pickLang(r, "Importen", "Importen"), Body: data}
	if !done {
		p.Refresh = 2
	}
	render(w, r, http.StatusOK, statusTemplate, p)
}

type budgetData struct {
	Datasets []budget.Dataset
	Summary  *model.Summary
	Year     int
	Version  string
	By       string
	Error    string
}

// budgetPage lists the datasets and, for ?year=, a summary by ?by=.
func (a *App) budgetPage(w http.ResponseWriter, r *http.Request) {
	if a.Reads == nil {
		a.fail(w, r, http.StatusServiceUnavailable, "unavailable", msgInternal)
		return
	}
	d := budgetData{By: r.URL.Query().Get("by"), Version: r.URL.Query().Get("version")}
	if d.By == "" {
		d.By = "funksjon"
	}
	var err error
	if d.Datasets, err = a.Reads.Datasets(r.Context()); err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	sort.Slice(d.Datasets, func(i, j int) bool { return d.Datasets[i].ID > d.Datasets[j].ID })
	if y := r.URL.Query().Get("year"); y != "" {
		fmt.Sscan(y, &d.Year)
		var v budget.Version
		if d.Version != "" {
			v, err = budget.ParseVersion(d.Version)
		}
		if err == nil {
			d.Summary, err = a.Reads.Summary(r.Context(), d.Year, v, d.By)
		}
		if err != nil {
			d.Error = budget.ErrorMessage(err)
		}
	}
	render(w, r, http.StatusOK, budgetTemplate, page{Title: pickLang(r, "Budsjett og regnskap", "Budsjett og rekneskap"), Body: d})
}

type compareData struct {
	Year             int
	From, To, By     string
	Comparison       *model.Comparison
	Error            string
	Versions, Fields []string
}

// comparePage compares two versions of a year's budget (forslag and
// vedtatt unless ?from= and ?to= say otherwise), grouped by ?by=: the
// figures of budget compare.
func (a *App) comparePage(w http.ResponseWriter, r *http.Request) {
	if a.Reads == nil {
		a.fail(w, r, http.StatusServiceUnavailable, "unavailable", msgInternal)
		return
	}
	q := compareQuery(r)
	d := compareData{From: q.From, To: q.To, By: q.By, Versions: []string{"forslag", "vedtatt", "revidert", "regnskap"},
		Fields: []string{budget.ByArtGroup, "side", "part", "funksjon", "ansvar", "art", "tjeneste", "prosjekt", "bydel"}}
	if y := r.URL.Query().Get("year"); y != "" {
		var err error
		if d.Year, err = strconv.Atoi(y); err != nil {
			d.Error = pickLang(r, "Året må være et tall.", "Året må vere eit tal.")
		} else {
			from, err1 := budget.ParseVersion(d.From)
			to, err2 := budget.ParseVersion(d.To)
			if err = errors.Join(err1, err2); err == nil {
				d.Comparison, err = a.Reads.Compare(r.Context(), d.Year, from, to, d.By)
			}
			if err != nil {
				d.Error = budget.ErrorMessage(err)
			}
		}
	}
	render(w, r, http.StatusOK, compareTemplate, page{Title: pickLang(r, "Sammenlign to versjoner av budsjettet", "Samanlikn to versjonar av budsjettet"), Body: d})
}

// receiveUpload reads a page's upload into a new staging folder, which the
// caller removes unless it stages the file: the form's fields, the file's
// path and name, and err for an upload the page refuses (uploadError words
// it). ok is false when there is no folder, and the page is answered.
func (a *App) receiveUpload(w http.ResponseWriter, r *http.Request) (dir string, form map[string]string, path, name string, err error, ok bool) {
	allowSlow(w) // a large file over a slow network, then its dry run
	r.Body = http.MaxBytesReader(w, r.Body, a.maxUpload()+1<<20)
	dir, err = os.MkdirTemp("", "helsebudsjett-stage-")
	if err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return "", nil, "", "", nil, false
	}
	form, path, name, err = a.readUpload(r, dir)
	return dir, form, path, name, err, true
}

// uploadError words for the upload page why a file was refused: the size
// limit and a zip bomb in the page's language and without the command's
// --max-size, which a browser user cannot raise; else the importer's
// message, which names the file, row, column and value.
func (a *App) uploadError(r *http.Request, err error) string {
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig) || errors.Is(err, inputfile.ErrTooLarge):
		return fmt.Sprintf(pickLang(r, "Fila er større enn %d MB, grensen for opplasting. Sjekk at det er riktig fil. Ingenting er lagret.",
			"Fila er større enn %d MB, grensa for opplasting. Sjekk at det er rett fil. Ingenting er lagra."), a.maxUpload()>>20)
	case errors.Is(err, errChanged):
		return pickLang(r, "Fila er endret etter forhåndsvisningen. Ingenting er lagret; last den opp på nytt.", "Fila er endra etter førehandsvisinga. Ingenting er lagra; last ho opp på nytt.")
	case errors.Is(err, tabular.ErrZipBomb):
		return pickLang(r, "Fila blir avvist: den ville pakke seg ut til langt mer enn en arbeidsbok trenger, så den er skadet eller laget for å skade. Er det en ekte arbeidsbok, åpne den i Excel, lagre den på nytt og last opp den nye fila. Ingenting er lagret.",
			"Fila blir avvist: ho ville pakke seg ut til langt meir enn ei arbeidsbok treng, så ho er skadd eller laga for å skade. Er det ei ekte arbeidsbok, opne ho i Excel, lagre ho på nytt og last opp den nye fila. Ingenting er lagra.")
	}
	var fe *fieldError
	if errors.As(err, &fe) {
		return pickLang(r, fe.nb, fe.nn)
	}
	if budget.ErrorCode(err) == budget.EINTERNAL {
		return pickLang(r, "Noe gikk galt hos oss, og ingenting er lagret. Prøv igjen om litt.", "Noko gjekk gale hos oss, og ingenting er lagra. Prøv igjen om litt.")
	}
	// The importer's explanation names the part of the file to fix; it
	// is in the CLI's English, so the page says so.
	return pickLang(r, "Fila kan ikke importeres, og ingenting er lagret. Forklaringen fra importen (på engelsk): ",
		"Fila kan ikkje importerast, og ingenting er lagra. Forklaringa frå importen (på engelsk): ") + budget.ErrorMessage(err)
}

// errChanged: the staged file is not the one previewed.
var errChanged = errors.New("the file changed after the preview; nothing was stored")

func newID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func pickLang(r *http.Request, nb, nn string) string {
	if langOf(r) == "nn" {
		return nn
	}
	return nb
}

// kroner writes an amount in øre as a municipality writes it on a page,
// with the øre: "1 234 567,50", "−200 000,25" (narrow no-break spaces,
// the minus sign).
func kroner(ore int64) string { return pageNumber.Replace(budget.FormatKroner(ore)) }

var pageNumber = strings.NewReplacer(" ", "\u202f", "-", "−")

// amount writes an amount the import's JSON gives ("1100000.25") as
// kroner; what does not parse is written as it is.
func amount(s string) string {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return s
	}
	return kroner(d.Shift(2).IntPart())
}

// fieldIDs are the ids (after "m3-") of a tertial row's fields by the
// field names budget.CheckReports gives.
var fieldIDs = map[string]string{"status": "status", "spent": "brukt", "deviation": "avvik", "measure": "measure"}

// skipReasons name in Norwegian the reasons rows are not lines.
var skipReasons = map[string]string{"blank": "tomme rader", "header": "overskriftsrader", "title": "tittelrader",
	"sum_rows": "sumrader (kontrollert mot linjene)", "lookup_error": "oppslagsfeil med beløp 0 (#I/T, #N/A)", "error": "rader med feil"}

var funcs = template.FuncMap{"kroner": kroner, "amount": amount, "signed": func(ore int64) string {
	if ore > 0 {
		return "+" + kroner(ore)
	}
	return kroner(ore)
}, "fnum": func(f *float64) string {
	if f == nil {
		return "–"
	}
	return strings.Replace(strconv.FormatFloat(*f, 'f', 2, 64), ".", ",", 1)
}, "fieldID": func(f string) string { return fieldIDs[f] }, "reason": func(k string) string {
	if r, ok := skipReasons[k]; ok {
		return r
	}
	return k
}, "byFields": func() []string {
	return []string{"funksjon", "ansvar", "art", "art-group", "side", "part", "tjeneste", "prosjekt", "bydel"}
}}

func layoutTemplate(name, body string) *template.Template {
	return template.Must(template.Must(template.New(name).Funcs(funcs).Parse(layoutHTML)).Parse(body))
}

var (
	uploadTemplate  = layoutTemplate("upload", uploadHTML)
	previewTemplate = layoutTemplate("preview", previewHTML)
	statusTemplate  = layoutTemplate("status", statusHTML)
	budgetTemplate  = layoutTemplate("budget", budgetHTML)
	compareTemplate = layoutTemplate("compare", compareHTML)
)

const uploadHTML = `{{define "body"}}{{with .Body.Error}}<p class="message" role="alert" id="feil">{{.}}</p>{{end}}
<p>{{.T "Velg fila fra økonomisystemet (xlsx, csv eller KOSTRA-fil). Du får se hva som blir importert før noe lagres." "Vel fila frå økonomisystemet (xlsx, csv eller KOSTRA-fil). Du får sjå kva som blir importert før noko blir lagra."}}</p>
<form method="post" action="/import/budsjett" enctype="multipart/form-data">
<p><label for="fil">{{.T "Fil" "Fil"}}</label><br><input id="fil" name="file" type="file" required accept=".xlsx,.csv,.txt"></p>
<p><label for="ar">{{.T "År (for filer med én beløpskolonne)" "År (for filer med éin beløpskolonne)"}}</label><br><input id="ar" name="year" type="text" inputmode="numeric" pattern="[0-9]{4}" autocomplete="off"></p>
<fieldset><legend>{{.T "Versjon" "Versjon"}}</legend>
<p><input type="radio" id="v-vedtatt" name="version" value="vedtatt" checked> <label for="v-vedtatt">{{.T "vedtatt" "vedteke"}}</label>
<input type="radio" id="v-forslag" name="version" value="forslag"> <label for="v-forslag">{{.T "forslag" "forslag"}}</label>
<input type="radio" id="v-revidert" name="version" value="revidert"> <label for="v-revidert">{{.T "revidert" "revidert"}}</label>
<input type="radio" id="v-regnskap" name="version" value="regnskap"> <label for="v-regnskap">{{.T "regnskap" "rekneskap"}}</label></p></fieldset>
<fieldset><legend>{{.T "Del av budsjettet" "Del av budsjettet"}}</legend>
<p><input type="radio" id="d-auto" name="part" value="" checked> <label for="d-auto">{{.T "det fila viser" "det fila viser"}}</label>
<input type="radio" id="d-drift" name="part" value="drift"> <label for="d-drift">drift</label>
<input type="radio" id="d-investering" name="part" value="investering"> <label for="d-investering">investering</label>
<input type="radio" id="d-begge" name="part" value="begge"> <label for="d-begge">{{.T "begge" "begge"}}</label></p></fieldset>
<p><button type="submit">{{.T "Vis hva som blir importert" "Vis kva som blir importert"}}</button></p>
</form>{{end}}`

const outcomeHTML = `{{define "outcome"}}{{with .Body.Outcome}}
<h2>{{$.T "Summer" "Summar"}}</h2>
<table><caption>{{$.T "Beløp per år og versjon" "Beløp per år og versjon"}} ({{.Part}})</caption>
<thead><tr><th scope="col">{{$.T "År" "År"}}</th><th scope="col">{{$.T "Versjon" "Versjon"}}</th><th scope="col" class="num">{{$.T "Beløp (kr)" "Beløp (kr)"}}</th></tr></thead>
<tbody>{{range .Totals}}<tr><td>{{.Year}}</td><td>{{.Version}}</td><td class="num">{{amount .Amount}}</td></tr>{{end}}</tbody></table>
<p>{{$.T "Rader lest" "Rader lesne"}}: {{.RowsRead}}. {{$.T "Budsjettlinjer" "Budsjettlinjer"}}: {{.Lines}}.</p>
<table><caption>{{$.T "Rader som ikke blir linjer, etter grunn" "Rader som ikkje blir linjer, etter grunn"}}</caption>
<thead><tr><th scope="col">{{$.T "Grunn" "Grunn"}}</th><th scope="col" class="num">{{$.T "Rader" "Rader"}}</th></tr></thead>
<tbody>{{range $k, $v := .Skipped}}<tr><td>{{reason $k}}</td><td class="num">{{$v}}</td></tr>{{end}}</tbody></table>
{{if .Warnings}}<h2>{{$.T "Merknader" "Merknader"}}</h2><ul>{{range .Warnings}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{if .Errors}}<h2>{{$.T "Feil i fila" "Feil i fila"}}</h2>
<p class="message" role="alert">{{$.T "Fila har feil og blir ikke importert. Rett dem i fila og prøv igjen." "Fila har feil og blir ikkje importert. Rett dei i fila og prøv igjen."}}</p>
<table><caption>{{$.T "Feil per rad" "Feil per rad"}}</caption>
<thead><tr><th scope="col">{{$.T "Fil" "Fil"}}</th><th scope="col">{{$.T "Ark" "Ark"}}</th><th scope="col">{{$.T "Rad" "Rad"}}</th><th scope="col">{{$.T "Kolonne" "Kolonne"}}</th><th scope="col">{{$.T "Verdi" "Verdi"}}</th><th scope="col">{{$.T "Feil" "Feil"}}</th></tr></thead>
<tbody>{{range .Errors}}<tr><td>{{$.Body.Outcome.File}}</td><td>{{$.Body.Outcome.Sheet}}</td><td>{{.Row}}</td><td>{{.Column}}</td><td>{{.Value}}</td><td>{{.Message}}</td></tr>{{end}}</tbody></table>{{end}}
{{end}}{{end}}`

const previewHTML = `{{define "body"}}{{with .Body.Error}}<p class="message" role="alert">{{.}}</p>{{end}}
{{template "outcome" .}}
{{with .Body.Stage}}
<h2>{{$.T "Dette blir erstattet" "Dette blir erstatta"}}</h2>
{{if $.Body.Current}}<ul>{{range $.Body.Current}}<li>{{$.T "Datasett" "Datasett"}} {{.ID}}: {{.Source}} ({{.Part}})</li>{{end}}</ul>
<p>{{$.T "De blir liggende i historikken, men gjelder ikke lenger for disse årene og versjonene." "Dei blir liggjande i historikken, men gjeld ikkje lenger for desse åra og versjonane."}}</p>
{{else}}<p>{{$.T "Ingenting: det finnes ikke noe gjeldende datasett for disse årene og versjonene." "Ingenting: det finst ikkje noko gjeldande datasett for desse åra og versjonane."}}</p>{{end}}
<form method="post" action="/import/budsjett/{{.ID}}">
<input type="hidden" name="sha256" value="{{.SHA256}}">
<p><button type="submit">{{$.T "Importer" "Importer"}} {{.Name}}</button> <a href="/import/budsjett">{{$.T "Avbryt" "Avbryt"}}</a></p>
</form>{{else}}<p><a href="/import/budsjett">{{.T "Prøv en annen fil" "Prøv ei anna fil"}}</a></p>{{end}}{{end}}` + outcomeHTML

const statusHTML = `{{define "body"}}{{if not .Body.Stage.Done}}<p role="status">{{.T "Importerer" "Importerer"}} {{.Body.Stage.Name}} … {{.T "Siden oppdaterer seg selv." "Sida oppdaterer seg sjølv."}}</p>
{{else}}{{with .Body.Error}}<p class="message" role="alert">{{.}}</p>{{end}}
{{with .Body.Outcome}}<p role="status">{{if eq .Status "imported"}}{{$.T "Importert som datasett" "Importert som datasett"}} {{.Dataset}}.{{else if eq .Status "unchanged"}}{{$.T "Uendret: den samme fila er importert før." "Uendra: den same fila er importert før."}}{{else}}{{$.T "Ikke importert." "Ikkje importert."}}{{end}}</p>{{end}}
{{template "outcome" .}}
<p><a href="/budsjett{{with .Body.Outcome}}{{with .Totals}}?year={{(index . 0).Year}}&amp;version={{(index . 0).Version}}{{end}}{{end}}">{{.T "Se budsjettet" "Sjå budsjettet"}}</a></p>{{end}}{{end}}` + outcomeHTML

const compareHTML = `{{define "body"}}<form method="get" action="/budsjett/sammenligning"><fieldset><legend>{{.T "Hva skal sammenlignes" "Kva skal samanliknast"}}</legend>
<p><label for="ar">{{.T "År" "År"}}</label> <input id="ar" name="year" type="text" inputmode="numeric" value="{{if .Body.Year}}{{.Body.Year}}{{end}}" required>
<label for="fra">{{.T "Fra" "Frå"}}</label> <select id="fra" name="from">{{range .Body.Versions}}<option{{if eq . $.Body.From}} selected{{end}}>{{.}}</option>{{end}}</select>
<label for="til">{{.T "Til" "Til"}}</label> <select id="til" name="to">{{range .Body.Versions}}<option{{if eq . $.Body.To}} selected{{end}}>{{.}}</option>{{end}}</select>
<label for="etter">{{.T "Etter" "Etter"}}</label> <select id="etter" name="by">{{range .Body.Fields}}<option{{if eq . $.Body.By}} selected{{end}}>{{.}}</option>{{end}}</select>
<button type="submit">{{.T "Sammenlign" "Samanlikn"}}</button></p></fieldset></form>
{{with .Body.Error}}<p class="message" role="alert">{{.}}</p>{{end}}
{{with .Body.Comparison}}<table><caption>{{.Year}}: {{.From}} → {{.To}}, {{$.T "etter" "etter"}} {{.By}}</caption>
<thead><tr><th scope="col">{{.By}}</th><th scope="col" class="num">{{.From}} (kr)</th><th scope="col" class="num">{{.To}} (kr)</th><th scope="col" class="num">{{$.T "Endring (kr)" "Endring (kr)"}}</th><th scope="col" class="num">{{$.T "Nye linjer" "Nye linjer"}}</th><th scope="col" class="num">{{$.T "Fjernede linjer" "Fjerna linjer"}}</th><th scope="col" class="num">{{$.T "Endrede linjer" "Endra linjer"}}</th></tr></thead>
<tbody>{{range .Raw.Rows}}<tr><th scope="row">{{if .Group}}{{.Group}}{{else}}({{$.T "ingen" "ingen"}}){{end}}</th><td class="num">{{kroner .From}}</td><td class="num">{{kroner .To}}</td><td class="num">{{signed .Change}}</td><td class="num">{{.Added}}</td><td class="num">{{.Removed}}</td><td class="num">{{.Changed}}</td></tr>{{end}}</tbody>
<tfoot>{{with .Raw.Total}}<tr><th scope="row">{{$.T "Sum" "Sum"}}</th><td class="num">{{kroner .From}}</td><td class="num">{{kroner .To}}</td><td class="num">{{signed .Change}}</td><td class="num">{{.Added}}</td><td class="num">{{.Removed}}</td><td class="num">{{.Changed}}</td></tr>{{end}}</tfoot></table>
{{if .Unchanged}}<p>{{$.T "Versjonene er like." "Versjonane er like."}}</p>{{end}}{{end}}
<p><a href="/budsjett">{{.T "Tilbake til budsjettet" "Tilbake til budsjettet"}}</a></p>{{end}}`

const budgetHTML = `{{define "body"}}<p>{{if or (.User.Has "admin") (.User.Has "okonomi")}}<a href="/import/budsjett">{{.T "Importer en fil" "Importer ei fil"}}</a> · {{end}}<a href="/budsjett/sammenligning">{{.T "Sammenlign forslag og vedtatt budsjett" "Samanlikn forslag og vedteke budsjett"}}</a>{{with .Body.Summary}} · <a href="/api/v1/workbook/{{.Year}}.xlsx">{{$.T "Last ned arbeidsboka for" "Last ned arbeidsboka for"}} {{.Year}} (xlsx)</a>{{end}}</p>
<form method="get" action="/budsjett"><fieldset><legend>{{.T "Sammendrag" "Samandrag"}}</legend>
<p><label for="ar">{{.T "År" "År"}}</label> <input id="ar" name="year" type="text" inputmode="numeric" value="{{if .Body.Year}}{{.Body.Year}}{{end}}" required>
<label for="versjon">{{.T "Versjon" "Versjon"}}</label> <select id="versjon" name="version"><option value="">{{.T "den eneste, ellers vedtatt" "den einaste, elles vedteke"}}</option><option{{if eq .Body.Version "forslag"}} selected{{end}}>forslag</option><option{{if eq .Body.Version "vedtatt"}} selected{{end}}>vedtatt</option><option{{if eq .Body.Version "revidert"}} selected{{end}}>revidert</option><option{{if eq .Body.Version "regnskap"}} selected{{end}}>regnskap</option></select>
<label for="etter">{{.T "Etter" "Etter"}}</label> <select id="etter" name="by">{{range $b := (byFields)}}<option{{if eq $.Body.By $b}} selected{{end}}>{{$b}}</option>{{end}}</select>
<button type="submit">{{.T "Vis" "Vis"}}</button></p></fieldset></form>
{{with .Body.Error}}<p class="message" role="alert">{{.}}</p>{{end}}
{{with .Body.Summary}}<table><caption>{{.Year}} {{.Version}} {{$.T "etter" "etter"}} {{.By}}</caption>
<thead><tr><th scope="col">{{.By}}</th><th scope="col" class="num">{{$.T "Linjer" "Linjer"}}</th><th scope="col" class="num">{{$.T "Beløp (kr)" "Beløp (kr)"}}</th></tr></thead>
<tbody>{{range .Rows}}<tr><td>{{if .Value}}{{.Value}}{{else}}({{$.T "ingen" "ingen"}}){{end}}</td><td class="num">{{.Lines}}</td><td class="num">{{kroner .Ore}}</td></tr>{{end}}</tbody>
<tfoot><tr><th scope="row">{{$.T "Sum" "Sum"}}</th><td class="num">{{.Lines}}</td><td class="num">{{kroner .TotalOre}}</td></tr></tfoot></table>{{end}}
<h2>{{.T "Importerte filer" "Importerte filer"}}</h2>
{{if .Body.Datasets}}<table><caption>{{.T "Datasett, nyeste først" "Datasett, nyaste først"}}</caption>
<thead><tr><th scope="col">ID</th><th scope="col">{{.T "Fil" "Fil"}}</th><th scope="col">{{.T "Importert" "Importert"}}</th><th scope="col">{{.T "Del" "Del"}}</th><th scope="col" class="num">{{.T "Linjer" "Linjer"}}</th><th scope="col">{{.T "År og versjoner" "År og versjonar"}}</th></tr></thead>
<tbody>{{range .Body.Datasets}}<tr><td>{{.ID}}</td><td>{{.Source}}</td><td>{{.ImportedAt.Format "2006-01-02 15:04"}}</td><td>{{.Part}}</td><td class="num">{{.Lines}}</td><td>{{range $i, $t := .Totals}}{{if $i}}; {{end}}{{$t.Year}} {{$t.Version}}: {{kroner $t.Ore}}{{end}}</td></tr>{{end}}</tbody></table>
{{else}}<p>{{.T "Ingen filer er importert ennå." "Ingen filer er importerte enno."}}</p>{{end}}{{end}}`
