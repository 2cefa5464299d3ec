package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
)

// The public-health coordinator's and the rådmann's office's file imports
// in the browser and the API: areas, indicator tables, targets and
// catalogue changes; units, measures and ratings. Each works as the budget
// upload does: the file is staged and its dry run shown, confirming
// imports exactly the bytes previewed, and a page that refreshes itself
// follows the import.

// FileKind names a kind of file the pages import: the last part of its
// upload page's path (/import/indikatorer).
type FileKind string

// The kinds of file, with the import command each is the browser's form of.
const (
	FileAreas      FileKind = "omrader"     // import areas
	FileIndicators FileKind = "indikatorer" // import indicators
	FileTargets    FileKind = "mal"         // import targets
	FileCatalogue  FileKind = "katalog"     // import catalogue
	FileUnits      FileKind = "enheter"     // import units
	FileMeasures   FileKind = "tiltak"      // import measures
	FileRatings    FileKind = "vurderinger" // import ratings
	FileTertial    FileKind = "tertial"     // import report --unit --period: a unit's filled-in form
)

// FileOptions are an upload's options: the flags of its import command.
type FileOptions struct {
	Name    string // the file's name as uploaded, for messages
	MaxSize int64
	DryRun  bool
	Sheet   string
	// The indicator import's --indicator, --scale, --period-format, and the
	// repeatable --where, --exclude (COLUMN=VALUE) and --area-alias
	// (TEXT=AREA).
	Indicator, Scale, PeriodFormat string
	Where, Exclude, AreaAliases    []string
	ReplaceAll                     bool // import measures --replace-all
	// The tertial form's --unit and --period: a form for another unit or
	// period is refused.
	Unit, Period string
}

// FileOutcome is what the import of a file did: the summary the pages show
// (its File is the name uploaded) and JSON, the object the import
// command's --json prints, which the API answers.
type FileOutcome struct {
	imports.Outcome
	Home       string   // areas: the area marked egen
	Added      []string // areas: codes added from the built-in geography (parents, or areas an indicator table names)
	Replaced   []int64  // indicators: the vintages the import replaces
	New        []string // catalogue: indicators new to the catalogue
	Overridden []string // catalogue: built-in indicators the file changes
	Blank      []string // tertial: the measures whose cells were all left blank
	Notes      []string // the importer's own notes, in the command's words
	JSON       any
}

// FileImports imports files of each FileKind through the services the
// import commands call (cmd wires it). The error is non-nil only when the
// import could not be carried out, and nothing was stored; a file refused
// for what it holds is an outcome with status rejected.
type FileImports interface {
	ImportFile(ctx context.Context, kind FileKind, path string, opts FileOptions) (*FileOutcome, error)
}

// fileKind describes a kind's pages.
type fileKind struct {
	Kind     FileKind
	API      string // the API's name: POST /api/v1/import/{API}
	Title    [2]string
	Help     [2]string
	Accept   string
	Roles    []access.Role
	Indicate bool // the indicator import's options
	Measures bool // import measures' --replace-all
	// Bind, when set, reads the options the page's path fixes (the unit and
	// period of a tertial form) and returns the upload's path; else it is
	// /import/{Kind}.
	Bind func(r *http.Request, o *FileOptions) string
}

// base is the path of k's upload page for r.
func (k *fileKind) base(r *http.Request, o *FileOptions) string {
	if k.Bind != nil {
		return k.Bind(r, o)
	}
	return "/import/" + string(k.Kind)
}

var (
	healthRoles  = []access.Role{access.Admin, access.Folkehelse}
	officeRoles  = []access.Role{access.Admin, access.Kommunedirektor}
	fileKindList = []fileKind{
		{Kind: FileAreas, API: "areas", Title: [2]string{"Importer områder", "Importer område"}, Accept: ".csv,.xlsx,.txt", Roles: healthRoles,
			Help: [2]string{"Områdene kommunen måler indikatorene for (bydeler, soner), med innbyggertall: csv, xlsx eller SSBs Klass-uttrekk.", "Områda kommunen måler indikatorane for (bydelar, soner), med innbyggjartal: csv, xlsx eller Klass-uttrekk frå SSB."}},
		{Kind: FileIndicators, API: "indicators", Title: [2]string{"Importer indikatorverdier", "Importer indikatorverdiar"}, Accept: ".csv,.xlsx,.json,.txt", Roles: healthRoles, Indicate: true,
			Help: [2]string{"En tabell fra Kommunehelsa, SSB eller egne tall (csv, xlsx eller JSON-stat). Hver import blir en ny årgang; den forrige blir liggende i historikken.", "Ein tabell frå Kommunehelsa, SSB eller eigne tal (csv, xlsx eller JSON-stat). Kvar import blir ein ny årgang; den førre blir liggjande i historikken."}},
		{Kind: FileTargets, API: "targets", Title: [2]string{"Importer mål", "Importer mål"}, Accept: ".csv,.xlsx,.yaml,.yml", Roles: healthRoles,
			Help: [2]string{"Målene for indikatorene per område (csv, xlsx eller yaml). Alle mål i fila må passe, ellers blir ingenting lagret.", "Måla for indikatorane per område (csv, xlsx eller yaml). Alle måla i fila må passe, elles blir ingenting lagra."}},
		{Kind: FileCatalogue, API: "catalogue", Title: [2]string{"Importer endringer i indikatorkatalogen", "Importer endringar i indikatorkatalogen"}, Accept: ".yaml,.yml,.xlsx", Roles: healthRoles,
			Help: [2]string{"Nye indikatorer eller endringer av de innebygde (yaml eller xlsx).", "Nye indikatorar eller endringar av dei innebygde (yaml eller xlsx)."}},
		{Kind: FileUnits, API: "units", Title: [2]string{"Importer enheter", "Importer einingar"}, Accept: ".xlsx,.csv", Roles: officeRoles,
			Help: [2]string{"Enhetene som får oppdragsbrev, med leder og koder (xlsx eller csv). Fila erstatter enhetene som er lagret.", "Einingane som får oppdragsbrev, med leiar og kodar (xlsx eller csv). Fila erstattar einingane som er lagra."}},
		{Kind: FileMeasures, API: "measures", Title: [2]string{"Importer tiltak", "Importer tiltak"}, Accept: ".xlsx,.csv", Roles: officeRoles, Measures: true,
			Help: [2]string{"Tiltaksarbeidsboka: tiltakene med enhet, indikatorer, måltall og koblinger til budsjettet. Koblinger som ikke treffer noen budsjettlinje og linjer som telles mer enn én gang, blir vist før du importerer.", "Tiltaksarbeidsboka: tiltaka med eining, indikatorar, måltal og koplingar til budsjettet. Koplingar som ikkje treffer nokon budsjettlinje og linjer som blir talde meir enn éin gong, blir viste før du importerer."}},
		{Kind: FileRatings, API: "ratings", Title: [2]string{"Importer vurderinger", "Importer vurderingar"}, Accept: ".xlsx,.csv", Roles: officeRoles,
			Help: [2]string{"Vurderingsarket: hvor mye av hver funksjon som virker på ulikhet i helse.", "Vurderingsarket: kor mykje av kvar funksjon som verkar på ulikskap i helse."}},
		{Kind: FileTertial, Title: [2]string{"Last opp utfylt tertialskjema", "Last opp utfylt tertialskjema"}, Accept: ".xlsx", Roles: reporters,
			Help: [2]string{"Skjemaet du lastet ned for denne enheten og perioden, fylt ut i Excel. Et skjema for en annen enhet eller periode blir avvist.", "Skjemaet du lasta ned for denne eininga og perioden, fylt ut i Excel. Eit skjema for ei anna eining eller ein annan periode blir avvist."},
			Bind: func(r *http.Request, o *FileOptions) string {
				o.Unit, o.Period = r.PathValue("unit"), r.PathValue("period")
				return "/tertial/" + url.PathEscape(o.Period) + "/" + url.PathEscape(o.Unit) + "/skjema"
			}},
	}
)

func kindOf(k FileKind) *fileKind {
	for i := range fileKindList {
		if fileKindList[i].Kind == k {
			return &fileKindList[i]
		}
	}
	return nil
}

// fileRoutes (routes.go's area "imports") are the upload pages and API
// calls of each FileKind.
func (a *App) fileRoutes() []Route {
	var out []Route
	for _, k := range fileKindList {
		k := k
		if k.Bind != nil {
			continue
		}
		p := "/import/" + string(k.Kind)
		out = append(out,
			Route{Pattern: "GET " + p, Roles: k.Roles, Handler: func(w http.ResponseWriter, r *http.Request) { a.fileForm(w, r, &k, http.StatusOK, "") }},
			Route{Pattern: "POST " + p, Roles: k.Roles, Handler: func(w http.ResponseWriter, r *http.Request) { a.filePreview(w, r, &k) }},
			Route{Pattern: "POST " + p + "/{id}", Roles: k.Roles, Handler: func(w http.ResponseWriter, r *http.Request) { a.fileConfirm(w, r, &k) }},
			Route{Pattern: "GET " + p + "/{id}", Roles: k.Roles, Handler: func(w http.ResponseWriter, r *http.Request) { a.fileStatus(w, r, &k) }},
			Route{Pattern: "POST /api/v1/import/" + k.API, Roles: k.Roles, Handler: func(w http.ResponseWriter, r *http.Request) { a.apiImportFile(w, r, &k) }},
		)
	}
	return out
}

type fileData struct {
	Kind    *fileKind
	Base    string // the upload's path
	Error   string
	Stage   *staged
	Outcome *FileOutcome
	Form    map[string]string
}

// Back is the page an upload bound to a page returns to: the tertial form
// the upload's path ends in /skjema below.
func (d fileData) Back() string { return strings.TrimSuffix(d.Base, "/skjema") }

func (k *fileKind) title(r *http.Request) string { return pickLang(r, k.Title[0], k.Title[1]) }

func (a *App) fileForm(w http.ResponseWriter, r *http.Request, k *fileKind, status int, msg string) {
	render(w, r, status, fileFormTemplate, page{Title: k.title(r), Body: fileData{Kind: k, Base: k.base(r, &FileOptions{}), Error: msg, Form: map[string]string{}}})
}

// fileOptions reads an upload's options from its form; repeated fields
// (where, exclude, area_alias) come one per line.
func fileOptions(k *fileKind, form map[string]string) (FileOptions, error) {
	o := FileOptions{Sheet: form["sheet"]}
	if k.Indicate {
		o.Indicator, o.Scale, o.PeriodFormat = form["indicator"], form["scale"], form["period_format"]
		o.Where, o.Exclude, o.AreaAliases = lines(form["where"]), lines(form["exclude"]), lines(form["area_alias"])
	}
	if k.Measures {
		o.ReplaceAll = form["replace_all"] == "1" || form["replace_all"] == "true"
	}
	switch form["dry_run"] {
	case "", "0", "false":
	case "1", "true":
		o.DryRun = true
	default:
		return o, fmt.Errorf("dry_run %q: use true or false", form["dry_run"])
	}
	return o, nil
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// filePreview stages the upload and shows its dry run.
func (a *App) filePreview(w http.ResponseWriter, r *http.Request, k *fileKind) {
	if a.Files == nil {
		a.fail(w, r, http.StatusServiceUnavailable, "unavailable", msgInternal)
		return
	}
	u, _ := CurrentUser(r)
	dir, form, path, name, err, ok := a.receiveUpload(w, r)
	if !ok {
		return
	}
	var opts FileOptions
	var sha string
	var out *FileOutcome
	if err == nil {
		opts, err = fileOptions(k, form)
	}
	base := k.base(r, &opts)
	if err == nil {
		sha, _, err = inputfile.Hash(r.Context(), path, name, a.maxUpload())
	}
	if err == nil {
		opts.Name, opts.MaxSize, opts.DryRun = name, a.maxUpload(), true
		out, err = a.Files.ImportFile(r.Context(), k.Kind, path, opts)
	}
	if err != nil {
		os.RemoveAll(dir)
		render(w, r, http.StatusUnprocessableEntity, fileFormTemplate, page{Title: k.title(r), Body: fileData{Kind: k, Base: base, Error: a.uploadError(r, err), Form: form}})
		return
	}
	data := fileData{Kind: k, Base: base, Outcome: out, Form: form}
	if out.Status == imports.Rejected {
		os.RemoveAll(dir)
	} else {
		opts.DryRun = false
		st := &staged{ID: newID(), User: u.Name, Dir: dir, Path: path, Name: name, SHA256: sha, Created: time.Now(), Kind: k.Kind, FileOptions: opts}
		a.stages.put(st)
		data.Stage = st
	}
	render(w, r, http.StatusOK, filePreviewTemplate, page{Title: k.title(r), Body: data})
}

// fileConfirm imports the staged bytes, if they are still the ones
// previewed, in the background, and sends the browser to the status page.
func (a *App) fileConfirm(w http.ResponseWriter, r *http.Request, k *fileKind) {
	u, _ := CurrentUser(r)
	st := a.stages.get(r.PathValue("id"), u.Name)
	var bound FileOptions
	base := k.base(r, &bound)
	if st == nil || st.Kind != k.Kind || st.FileOptions.Unit != bound.Unit || st.FileOptions.Period != bound.Period || r.FormValue("sha256") != st.SHA256 {
		a.notFound(w, r)
		return
	}
	started := false
	a.stages.update(func() {
		if !st.Started { // a second click imports nothing twice
			st.Started, started = true, true
		}
	})
	if started {
		ctx := access.WithActor(context.WithoutCancel(r.Context()), access.ActorFrom(r.Context()))
		go a.runFileImport(ctx, st)
	}
	http.Redirect(w, r, base+"/"+st.ID, http.StatusSeeOther)
}

func (a *App) runFileImport(ctx context.Context, st *staged) {
	defer os.RemoveAll(st.Dir)
	var out *FileOutcome
	sha, _, err := inputfile.Hash(ctx, st.Path, st.Name, a.maxUpload())
	if err == nil && sha != st.SHA256 {
		err = errChanged
	}
	if err == nil {
		out, err = a.Files.ImportFile(ctx, st.Kind, st.Path, st.FileOptions)
	}
	if err == nil && out.Status == imports.Imported {
		err = access.Record(ctx, a.Store, a.now(), access.ActionImport, fmt.Sprintf("%s %s sha256 %s", st.Kind, st.Name, sha))
	}
	a.stages.update(func() {
		st.Done, st.FileOut = true, out
		if err != nil {
			st.Err = err
		}
	})
}

// fileStatus shows the import: refreshing itself until it is done.
func (a *App) fileStatus(w http.ResponseWriter, r *http.Request, k *fileKind) {
	u, _ := CurrentUser(r)
	st := a.stages.get(r.PathValue("id"), u.Name)
	var bound FileOptions
	base := k.base(r, &bound)
	if st == nil || st.Kind != k.Kind || st.FileOptions.Unit != bound.Unit || st.FileOptions.Period != bound.Period {
		a.notFound(w, r)
		return
	}
	data := fileData{Kind: k, Base: base}
	a.stages.update(func() {
		snap := *st // the template reads it after the lock is let go
		data.Stage, data.Outcome = &snap, st.FileOut
		if st.Err != nil {
			data.Error = a.uploadError(r, st.Err)
		}
	})
	p := page{Title: k.title(r), Body: data}
	if !data.Stage.Done {
		p.Refresh = 2
	}
	render(w, r, http.StatusOK, fileStatusTemplate, p)
}

// apiImportFile is POST /api/v1/import/{areas,indicators,…}: a multipart
// form with file, the command's options (sheet; for indicators indicator,
// scale, period_format, and where, exclude and area_alias one per line;
// for measures replace_all) and dry_run, answered with the object the
// import command's --json prints (200 when imported, unchanged or a dry
// run; 422 when the file was refused, nothing stored).
func (a *App) apiImportFile(w http.ResponseWriter, r *http.Request, k *fileKind) {
	if a.Files == nil {
		writeError(w, http.StatusServiceUnavailable, "unavailable", "the workspace is not open to imports")
		return
	}
	form, path, name, done, ok := a.apiUpload(w, r)
	if !ok {
		return
	}
	defer done()
	opts, err := fileOptions(k, form)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid", err.Error())
		return
	}
	opts.Name, opts.MaxSize = name, a.maxUpload()
	out, err := a.Files.ImportFile(r.Context(), k.Kind, path, opts)
	if err != nil {
		status, msg := importFailure(err)
		writeJSON(w, status, imports.Failed(name, errors.New(msg)))
		return
	}
	if out.Status == imports.Imported {
		sha, _, _ := inputfile.Hash(r.Context(), path, name, a.maxUpload())
		if err := access.Record(r.Context(), a.Store, a.now(), access.ActionImport, fmt.Sprintf("%s %s sha256 %s", k.API, name, sha)); err != nil {
			writeError(w, http.StatusInternalServerError, "internal", "internal error")
			return
		}
	}
	status := http.StatusOK
	if out.Status == imports.Rejected {
		status = http.StatusUnprocessableEntity
	}
	writeJSON(w, status, out.JSON)
}

var (
	fileFormTemplate    = layoutTemplate("fileform", fileFormHTML)
	filePreviewTemplate = layoutTemplate("filepreview", filePreviewHTML+fileOutcomeHTML)
	fileStatusTemplate  = layoutTemplate("filestatus", fileStatusHTML+fileOutcomeHTML)
)

const fileFormHTML = `{{define "body"}}{{with .Body.Error}}<p class="message" role="alert" id="feil">{{.}}</p>{{end}}
{{with .Body.Kind}}<p>{{$.T (index .Help 0) (index .Help 1)}} {{$.T "Du får se hva som blir importert før noe lagres." "Du får sjå kva som blir importert før noko blir lagra."}}</p>
<form method="post" action="{{$.Body.Base}}" enctype="multipart/form-data">
<p><label for="fil">{{$.T "Fil" "Fil"}}</label><br><input id="fil" name="file" type="file" required accept="{{.Accept}}"></p>
{{if not .Bind}}<p><label for="ark">{{$.T "Ark i arbeidsboka (tomt: det første med data)" "Ark i arbeidsboka (tomt: det første med data)"}}</label><br><input id="ark" name="sheet" type="text" autocomplete="off" value="{{index $.Body.Form "sheet"}}"></p>{{end}}
{{if .Indicate}}<p><label for="indikator">{{$.T "Indikator (id, tomt når fila sier det selv)" "Indikator (id, tomt når fila seier det sjølv)"}}</label><br><input id="indikator" name="indicator" type="text" autocomplete="off" value="{{index $.Body.Form "indicator"}}"></p>
<fieldset><legend>{{$.T "Andelene i fila er" "Delane i fila er"}}</legend>
<p><input type="radio" id="s-auto" name="scale" value=""{{if eq (index $.Body.Form "scale") ""}} checked{{end}}> <label for="s-auto">{{$.T "prosent (0–100)" "prosent (0–100)"}}</label>
<input type="radio" id="s-fraction" name="scale" value="fraction"{{if eq (index $.Body.Form "scale") "fraction"}} checked{{end}}> <label for="s-fraction">{{$.T "brøk (0–1)" "brøk (0–1)"}}</label></p></fieldset>
<fieldset><legend>{{$.T "Perioder som 2011-12 er" "Periodar som 2011-12 er"}}</legend>
<p><input type="radio" id="p-auto" name="period_format" value=""{{if eq (index $.Body.Form "period_format") ""}} checked{{end}}> <label for="p-auto">{{$.T "skoleår, om ikke fila ellers har måneder" "skuleår, om ikkje fila elles har månader"}}</label>
<input type="radio" id="p-school" name="period_format" value="school-year"{{if eq (index $.Body.Form "period_format") "school-year"}} checked{{end}}> <label for="p-school">{{$.T "skoleår" "skuleår"}}</label>
<input type="radio" id="p-month" name="period_format" value="month"{{if eq (index $.Body.Form "period_format") "month"}} checked{{end}}> <label for="p-month">{{$.T "måned" "månad"}}</label></p></fieldset>
<p><label for="hvor">{{$.T "Ta bare med rader der KOLONNE=VERDI (én per linje)" "Ta berre med rader der KOLONNE=VERDI (éin per linje)"}}</label><br><textarea id="hvor" name="where" rows="2" cols="40">{{index $.Body.Form "where"}}</textarea></p>
<p><label for="utenom">{{$.T "Ta bort rader der KOLONNE=VERDI (én per linje)" "Ta bort rader der KOLONNE=VERDI (éin per linje)"}}</label><br><textarea id="utenom" name="exclude" rows="2" cols="40">{{index $.Body.Form "exclude"}}</textarea></p>
<p><label for="alias">{{$.T "Les geografien TEKST som området OMRÅDE, TEKST=OMRÅDE (én per linje, f.eks. «I alt=0»)" "Les geografien TEKST som området OMRÅDE, TEKST=OMRÅDE (éin per linje, t.d. «I alt=0»)"}}</label><br><textarea id="alias" name="area_alias" rows="2" cols="40">{{index $.Body.Form "area_alias"}}</textarea></p>{{end}}
{{if .Measures}}<p><input type="checkbox" id="alle" name="replace_all" value="1"> <label for="alle">{{$.T "Godta en fil uten tiltak (sletter alle tiltakene)" "Godta ei fil utan tiltak (slettar alle tiltaka)"}}</label></p>{{end}}
<p><button type="submit">{{$.T "Vis hva som blir importert" "Vis kva som blir importert"}}</button></p>
</form>{{end}}{{end}}`

const fileOutcomeHTML = `{{define "fileoutcome"}}{{with .Body.Outcome}}
<p>{{$.T "Rader lest" "Rader lesne"}}: {{.RowsRead}}. {{$.T "Funnet" "Funne"}}: {{.Count}}.</p>
{{if .Skipped}}<table><caption>{{$.T "Rader som ikke blir tatt med, etter grunn" "Rader som ikkje blir tekne med, etter grunn"}}</caption>
<thead><tr><th scope="col">{{$.T "Grunn" "Grunn"}}</th><th scope="col" class="num">{{$.T "Rader" "Rader"}}</th></tr></thead>
<tbody>{{range $k, $v := .Skipped}}<tr><td>{{reason $k}}</td><td class="num">{{$v}}</td></tr>{{end}}</tbody></table>{{end}}
{{if or .Home .Added .Replaced .New .Overridden .Blank .Notes}}<h2>{{$.T "Dette skjer også" "Dette skjer òg"}}</h2><ul>
{{with .Home}}<li>{{$.T "Kommunen selv (rolle egen)" "Kommunen sjølv (rolle eigen)"}}: {{.}}</li>{{end}}
{{with .Added}}<li>{{$.T "Områder fra den innebygde geografien som blir lagt til" "Område frå den innebygde geografien som blir lagde til"}}: {{range $i, $c := .}}{{if $i}}, {{end}}{{$c}}{{end}}</li>{{end}}
{{with .Replaced}}<li>{{$.T "Erstatter årgang" "Erstattar årgang"}} {{range $i, $c := .}}{{if $i}}, {{end}}{{$c}}{{end}} {{$.T "(samme fil importert med andre valg)" "(same fil importert med andre val)"}}</li>{{end}}
{{with .New}}<li>{{$.T "Nye indikatorer" "Nye indikatorar"}}: {{range $i, $c := .}}{{if $i}}, {{end}}{{$c}}{{end}}</li>{{end}}
{{with .Overridden}}<li>{{$.T "Endrer de innebygde indikatorene" "Endrar dei innebygde indikatorane"}}: {{range $i, $c := .}}{{if $i}}, {{end}}{{$c}}{{end}}</li>{{end}}
{{with .Blank}}<li>{{$.T "Tiltak uten svar i skjemaet" "Tiltak utan svar i skjemaet"}}: {{range $i, $c := .}}{{if $i}}, {{end}}{{$c}}{{end}}</li>{{end}}
{{range .Notes}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{if .Warnings}}<h2>{{$.T "Merknader" "Merknader"}}</h2><ul>{{range .Warnings}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{with .Message}}<p class="message" role="alert">{{.}}</p>{{end}}
{{if .Errors}}<h2>{{$.T "Feil i fila" "Feil i fila"}}</h2>
<p class="message" role="alert">{{$.T "Fila har feil og blir ikke importert. Rett dem i fila og prøv igjen." "Fila har feil og blir ikkje importert. Rett dei i fila og prøv igjen."}}</p>
<table><caption>{{$.T "Feil per rad" "Feil per rad"}}</caption>
<thead><tr><th scope="col">{{$.T "Fil" "Fil"}}</th><th scope="col">{{$.T "Ark" "Ark"}}</th><th scope="col">{{$.T "Rad" "Rad"}}</th><th scope="col">{{$.T "Kolonne" "Kolonne"}}</th><th scope="col">{{$.T "Verdi" "Verdi"}}</th><th scope="col">{{$.T "Feil" "Feil"}}</th></tr></thead>
<tbody>{{range .Errors}}<tr><td>{{$.Body.Outcome.File}}</td><td>{{$.Body.Outcome.Sheet}}</td><td>{{.Row}}</td><td>{{.Column}}{{with .Field}} ({{.}}){{end}}</td><td>{{.Value}}</td><td>{{.Message}}</td></tr>{{end}}</tbody></table>{{end}}
{{end}}{{end}}`

const filePreviewHTML = `{{define "body"}}{{with .Body.Outcome}}<p role="status">{{if eq .Status "rejected"}}{{$.T "Fila blir ikke importert." "Fila blir ikkje importert."}}{{else if eq .Status "unchanged"}}{{$.T "Den samme fila er importert før med de samme valgene: ingenting ville endre seg." "Den same fila er importert før med dei same vala: ingenting ville endra seg."}}{{else}}{{$.T "Slik blir fila importert. Ingenting er lagret ennå." "Slik blir fila importert. Ingenting er lagra enno."}}{{end}}</p>{{end}}
{{template "fileoutcome" .}}
{{with .Body.Stage}}<form method="post" action="{{$.Body.Base}}/{{.ID}}">
<input type="hidden" name="sha256" value="{{.SHA256}}">
<p><button type="submit">{{$.T "Importer" "Importer"}} {{.Name}}</button> <a href="{{$.Body.Base}}">{{$.T "Avbryt" "Avbryt"}}</a></p>
</form>{{else}}<p><a href="{{.Body.Base}}">{{.T "Prøv en annen fil" "Prøv ei anna fil"}}</a></p>{{end}}{{end}}`

const fileStatusHTML = `{{define "body"}}{{if not .Body.Stage.Done}}<p role="status">{{.T "Importerer" "Importerer"}} {{.Body.Stage.Name}} … {{.T "Siden oppdaterer seg selv." "Sida oppdaterer seg sjølv."}}</p>
{{else}}{{with .Body.Error}}<p class="message" role="alert">{{.}}</p>{{end}}
{{with .Body.Outcome}}<p role="status">{{if eq .Status "imported"}}{{$.T "Importert." "Importert."}}{{else if eq .Status "unchanged"}}{{$.T "Uendret: den samme fila er importert før." "Uendra: den same fila er importert før."}}{{else}}{{$.T "Ikke importert." "Ikkje importert."}}{{end}}</p>{{end}}
{{template "fileoutcome" .}}
<p>{{if .Body.Kind.Bind}}<a href="{{.Body.Back}}">{{.T "Tilbake til skjemaet" "Tilbake til skjemaet"}}</a>{{else}}<a href="/">{{.T "Til forsiden" "Til framsida"}}</a>{{end}}</p>{{end}}{{end}}`
