package web

import (
	"bytes"
	"context"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

// TertialForms is the tertial report filled in the browser
// (budget/tertial.Web implements it): the same forms as the workbooks, a
// draft per unit and period, and a submission stored as a snapshot like an
// imported form.
type TertialForms interface {
	Forms(ctx context.Context, period budget.Period) ([]tertial.Form, error)
	Entry(ctx context.Context, unit string, period budget.Period) (*tertial.Entry, error)
	// Form is unit's blank form for period, as template report writes it.
	Form(ctx context.Context, unit string, period budget.Period) (tertial.Form, error)
	SaveDraft(ctx context.Context, unit string, period budget.Period, reports []budget.MeasureReport, by string) error
	Submit(ctx context.Context, unit string, period budget.Period, reports []budget.MeasureReport, by string) (*budget.ReportSnapshot, bool, []budget.ReportProblem, error)
}

// reporters fill in tertial reports: unit leaders for their own units, the
// rådmann's office and administrators for any.
var reporters = []access.Role{access.Enhet, access.Kommunedirektor, access.Admin}

// pageRoutes are the pages of units: the tertial report in a form.
func (a *App) pageRoutes() []Route {
	return []Route{
		{Pattern: "GET /tertial", Roles: reporters, Handler: a.tertialList},
		{Pattern: "GET /tertial/{period}/{unit}", Roles: reporters, Unit: "unit", Handler: a.tertialForm},
		{Pattern: "POST /tertial/{period}/{unit}", Roles: reporters, Unit: "unit", Handler: a.tertialPost},
		// The xlsx round trip, for units that prefer Excel: the CLI's form
		// for the unit, and its upload with preview and confirm.
		{Pattern: "GET /tertial/{period}/{unit}/skjema.xlsx", Roles: reporters, Unit: "unit", Handler: a.tertialWorkbook},
		{Pattern: "GET /tertial/{period}/{unit}/skjema", Roles: reporters, Unit: "unit", Handler: func(w http.ResponseWriter, r *http.Request) {
			a.fileForm(w, r, kindOf(FileTertial), http.StatusOK, "")
		}},
		{Pattern: "POST /tertial/{period}/{unit}/skjema", Roles: reporters, Unit: "unit", Handler: func(w http.ResponseWriter, r *http.Request) { a.filePreview(w, r, kindOf(FileTertial)) }},
		{Pattern: "POST /tertial/{period}/{unit}/skjema/{id}", Roles: reporters, Unit: "unit", Handler: func(w http.ResponseWriter, r *http.Request) { a.fileConfirm(w, r, kindOf(FileTertial)) }},
		{Pattern: "GET /tertial/{period}/{unit}/skjema/{id}", Roles: reporters, Unit: "unit", Handler: func(w http.ResponseWriter, r *http.Request) { a.fileStatus(w, r, kindOf(FileTertial)) }},
	}
}

// currentPeriod is the period a unit reports on at now: the year's first
// tertial from May, the second from September, and until then the year
// before's annual report.
func currentPeriod(now time.Time) budget.Period {
	t := now.In(wheel.Oslo())
	switch {
	case t.Month() >= time.September:
		return budget.Period{Year: t.Year(), Term: budget.T2}
	case t.Month() >= time.May:
		return budget.Period{Year: t.Year(), Term: budget.T1}
	}
	return budget.Period{Year: t.Year() - 1, Term: budget.TermYear}
}

func (a *App) tertialList(w http.ResponseWriter, r *http.Request) {
	if a.Tertial == nil {
		a.fail(w, r, http.StatusServiceUnavailable, "unavailable", msgInternal)
		return
	}
	period := currentPeriod(a.now())
	if s := r.URL.Query().Get("periode"); s != "" {
		p, err := budget.ParsePeriod(s)
		if err != nil {
			a.notFound(w, r)
			return
		}
		period = p
	}
	forms, err := a.Tertial.Forms(r.Context(), period)
	if err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	u, _ := CurrentUser(r)
	var mine []tertial.Form
	for _, f := range forms {
		if !u.Has(access.Enhet) || u.Has(access.Admin) || u.Has(access.Kommunedirektor) || u.HasUnit(f.Unit.Code) {
			mine = append(mine, f)
		}
	}
	render(w, r, http.StatusOK, tertialListTemplate, page{Title: pickLang(r, "Tertialrapport", "Tertialrapport"),
		Body: tertialListData{Period: period, Forms: mine, Periods: periodsAround(period)}})
}

type tertialListData struct {
	Period  budget.Period
	Periods []budget.Period
	Forms   []tertial.Form
}

// periodsAround are the periods of period's year and the year before.
func periodsAround(p budget.Period) []budget.Period {
	var out []budget.Period
	for _, y := range []int{p.Year, p.Year - 1} {
		for _, t := range budget.Terms {
			out = append(out, budget.Period{Year: y, Term: t})
		}
	}
	return out
}

// tertialRow is one measure of the form as the page shows it: the
// values entered and the problems found with them, by field.
type tertialRow struct {
	Index    int
	Row      tertial.Row
	Status   string
	Spent    string
	Comment  string
	Note     string
	Problems map[string]string // field (status, spent, deviation, measure) → message
}

type tertialFormData struct {
	Unit      budget.Unit
	Period    budget.Period
	Rows      []tertialRow
	Draft     bool
	Statuses  []budget.Progress
	Errors    int
	Saved     string // a message after saving or submitting
	Submitted bool
}

func (a *App) tertialEntry(w http.ResponseWriter, r *http.Request) (*tertial.Entry, budget.Period, bool) {
	if a.Tertial == nil {
		a.fail(w, r, http.StatusServiceUnavailable, "unavailable", msgInternal)
		return nil, budget.Period{}, false
	}
	period, err := budget.ParsePeriod(r.PathValue("period"))
	if err != nil {
		a.notFound(w, r)
		return nil, period, false
	}
	e, err := a.Tertial.Entry(r.Context(), r.PathValue("unit"), period)
	switch {
	case budget.ErrorCode(err) == budget.EINVALID || budget.ErrorCode(err) == budget.ENOTFOUND:
		a.notFound(w, r)
		return nil, period, false
	case err != nil:
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return nil, period, false
	}
	return e, period, true
}

// tertialWorkbook is the unit's form as the workbook template report
// --unit writes: the same bytes.
func (a *App) tertialWorkbook(w http.ResponseWriter, r *http.Request) {
	_, period, ok := a.tertialEntry(w, r)
	if !ok {
		return
	}
	form, err := a.Tertial.Form(r.Context(), r.PathValue("unit"), period)
	var b bytes.Buffer
	if err == nil {
		err = tertial.WriteForm(&b, form)
	}
	if err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": tertial.FileName(form.Unit.Code, period)}))
	_, _ = w.Write(b.Bytes())
}

func (a *App) tertialForm(w http.ResponseWriter, r *http.Request) {
	e, period, ok := a.tertialEntry(w, r)
	if !ok {
		return
	}
	d := tertialFormData{Unit: e.Form.Unit, Period: period, Draft: e.Draft, Statuses: budget.Progresses}
	for i, row := range e.Form.Rows {
		tr := tertialRow{Index: i, Row: row}
		if rep := row.Report; rep != nil {
			tr.Status, tr.Comment, tr.Note = string(rep.Status), rep.Comment, rep.Deviation
			if rep.SpentGiven {
				// plain, so it reads back as typed: 12500,50
				tr.Spent = strings.Replace(budget.FormatOre(rep.SpentOre), ".", ",", 1)
			}
		}
		d.Rows = append(d.Rows, tr)
	}
	switch r.URL.Query().Get("lagret") {
	case "utkast":
		d.Saved = pickLang(r, "Utkastet er lagret. Det teller ikke som rapport før du sender det inn.", "Utkastet er lagra. Det tel ikkje som rapport før du sender det inn.")
	case "sendt":
		d.Saved, d.Submitted = pickLang(r, "Rapporten er sendt inn.", "Rapporten er send inn."), true
	}
	render(w, r, http.StatusOK, tertialFormTemplate, page{Title: fmt.Sprintf("%s %s – %s", pickLang(r, "Tertialrapport", "Tertialrapport"), period.Label(), e.Form.Unit.Name), Body: d})
}

// tertialPost saves a draft (action=lagre) or submits (action=send).
func (a *App) tertialPost(w http.ResponseWriter, r *http.Request) {
	e, period, ok := a.tertialEntry(w, r)
	if !ok {
		return
	}
	u, _ := CurrentUser(r)
	d := tertialFormData{Unit: e.Form.Unit, Period: period, Statuses: budget.Progresses}
	var reports []budget.MeasureReport
	for i, row := range e.Form.Rows {
		p := fmt.Sprintf("m%d-", i)
		tr := tertialRow{Index: i, Row: row, Status: r.PostFormValue(p + "status"), Spent: strings.TrimSpace(r.PostFormValue(p + "brukt")),
			Comment: strings.TrimSpace(r.PostFormValue(p + "kommentar")), Note: strings.TrimSpace(r.PostFormValue(p + "avvik")), Problems: map[string]string{}}
		rep := budget.MeasureReport{Measure: row.Measure.Nr, Comment: tr.Comment, Deviation: tr.Note}
		if tr.Status != "" {
			st, err := budget.ParseProgress(tr.Status)
			if err != nil {
				tr.Problems["status"] = msgStatus(r)
			}
			rep.Status = st
		}
		if tr.Spent != "" {
			pa, err := budgetfile.ParseAmount(tr.Spent, budgetfile.StyleComma)
			if err != nil || pa.Ore < 0 {
				tr.Problems["spent"] = pickLang(r, "Skriv det som er brukt hittil i år i kroner, for eksempel 1 234 567 eller 1234567,50.", "Skriv det som er brukt hittil i år i kroner, til dømes 1 234 567 eller 1234567,50.")
			}
			rep.SpentOre, rep.SpentGiven = pa.Ore, true
		}
		d.Rows = append(d.Rows, tr)
		if tr.Status != "" || tr.Spent != "" || tr.Comment != "" || tr.Note != "" {
			reports = append(reports, rep)
		}
	}
	by := u.Name
	if r.PostFormValue("action") == "lagre" {
		if err := a.Tertial.SaveDraft(r.Context(), e.Form.Unit.Code, period, reports, by); err != nil {
			a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
			return
		}
		http.Redirect(w, r, r.URL.Path+"?lagret=utkast", http.StatusSeeOther)
		return
	}
	problems := 0
	for _, tr := range d.Rows {
		problems += len(tr.Problems)
	}
	if problems == 0 {
		snap, created, ps, err := a.Tertial.Submit(r.Context(), e.Form.Unit.Code, period, reports, by)
		if err != nil {
			a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
			return
		}
		if len(ps) == 0 {
			if created {
				detail := fmt.Sprintf("tertial report %s %s snapshot %d", e.Form.Unit.Code, period, snap.ID)
				if err := access.Record(r.Context(), a.Store, a.now(), access.ActionReportSubmit, detail); err != nil {
					a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
					return
				}
			}
			http.Redirect(w, r, r.URL.Path+"?lagret=sendt", http.StatusSeeOther)
			return
		}
		index := map[string]int{} // measure → row of the page
		for i, tr := range d.Rows {
			index[tr.Row.Measure.Nr] = i
		}
		for _, p := range ps {
			i := index[reports[p.Index].Measure]
			d.Rows[i].Problems[p.Field] = problemText(r, p.Field)
			problems++
		}
	}
	d.Errors = problems
	render(w, r, http.StatusUnprocessableEntity, tertialFormTemplate, page{Title: fmt.Sprintf("%s %s – %s", pickLang(r, "Tertialrapport", "Tertialrapport"), period.Label(), e.Form.Unit.Name), Body: d})
}

func msgStatus(r *http.Request) string {
	return pickLang(r, "Velg status: ikke startet, i rute, forsinket, fullført eller avbrutt.", "Vel status: ikkje starta, i rute, forseinka, fullført eller avbroten.")
}

// problemText says in the page's language what to do about a problem
// budget.CheckReports found with a field.
func problemText(r *http.Request, field string) string {
	switch field {
	case "status":
		return msgStatus(r)
	case "deviation":
		return pickLang(r, "Forsinket eller avbrutt må forklares: hva er forsinket eller stanset, hvorfor, og hva gjøres med det.",
			"Forseinka eller avbroten må forklarast: kva er forseinka eller stansa, kvifor, og kva blir gjort med det.")
	case "spent":
		return pickLang(r, "Brukt hittil kan ikke være under null.", "Brukt hittil kan ikkje vere under null.")
	}
	return pickLang(r, "Tiltaket kan ikke rapporteres av denne enheten for denne perioden.", "Tiltaket kan ikkje rapporterast av denne eininga for denne perioden.")
}

var (
	tertialListTemplate = layoutTemplate("tertial-list", tertialListHTML)
	tertialFormTemplate = layoutTemplate("tertial-form", tertialFormHTML)
)

const tertialListHTML = `{{define "body"}}<form method="get" action="/tertial"><p><label for="periode">{{.T "Periode" "Periode"}}</label>
<select id="periode" name="periode">{{range .Body.Periods}}<option value="{{.}}"{{if eq . $.Body.Period}} selected{{end}}>{{.Label}}</option>{{end}}</select>
<button type="submit">{{.T "Vis" "Vis"}}</button></p></form>
{{if .Body.Forms}}<ul>{{range .Body.Forms}}<li><a href="/tertial/{{$.Body.Period}}/{{.Unit.Code}}">{{.Unit.Name}} ({{.Unit.Code}})</a>: {{len .Rows}} {{$.T "tiltak" "tiltak"}}</li>{{end}}</ul>
{{else}}<p>{{.T "Ingen skjema for deg i denne perioden." "Ingen skjema for deg i denne perioden."}}</p>{{end}}{{end}}`

const tertialFormHTML = `{{define "body"}}{{$b := .Body}}
{{with $b.Saved}}<p class="saved" role="status">{{.}}</p>{{end}}
{{if $b.Errors}}<div class="message" role="alert" id="feil"><p>{{.T "Rapporten er ikke sendt inn. Rett dette:" "Rapporten er ikkje send inn. Rett dette:"}}</p><ul>
{{range $b.Rows}}{{$r := .}}{{range $f, $m := .Problems}}<li><a href="#m{{$r.Index}}-{{fieldID $f}}">{{$.T "Tiltak" "Tiltak"}} {{$r.Row.Measure.Nr}}: {{$m}}</a></li>{{end}}{{end}}
</ul></div>{{end}}
{{if $b.Draft}}<p>{{.T "Skjemaet viser et lagret utkast. Det teller ikke som rapport før du sender det inn." "Skjemaet viser eit lagra utkast. Det tel ikkje som rapport før du sender det inn."}}</p>{{end}}
<p>{{.T "Enhet" "Eining"}}: {{$b.Unit.Name}} ({{$b.Unit.Code}}). {{.T "Periode" "Periode"}}: {{$b.Period.Label}}. {{.T "Forsinket og avbrutt må forklares." "Forseinka og avbroten må forklarast."}}</p>
<p>{{.T "Vil du heller fylle ut i Excel?" "Vil du heller fylle ut i Excel?"}} <a href="/tertial/{{$b.Period}}/{{$b.Unit.Code}}/skjema.xlsx">{{.T "Last ned skjemaet" "Last ned skjemaet"}} (xlsx)</a> · <a href="/tertial/{{$b.Period}}/{{$b.Unit.Code}}/skjema">{{.T "last opp det utfylte skjemaet" "last opp det utfylte skjemaet"}}</a></p>
<form method="post" action="/tertial/{{$b.Period}}/{{$b.Unit.Code}}">
{{range $b.Rows}}{{$p := printf "m%d-" .Index}}<fieldset id="m{{.Index}}-measure">
<legend>{{$.T "Tiltak" "Tiltak"}} {{.Row.Measure.Nr}}: {{.Row.Measure.Name}}{{if .Row.BudgetKnown}} ({{$.T "budsjett" "budsjett"}} {{kroner .Row.BudgetOre}} kr){{end}}</legend>
{{with index .Problems "measure"}}<p class="field-error" id="{{$p}}measure-feil">{{.}}</p>{{end}}
<p><label for="{{$p}}status">Status</label><br>
<select id="{{$p}}status" name="{{$p}}status"{{with index .Problems "status"}} aria-invalid="true" aria-describedby="{{$p}}status-feil"{{end}}>
<option value="">{{$.T "velg" "vel"}}</option>{{$st := .Status}}{{range $b.Statuses}}<option{{if eq (print .) $st}} selected{{end}}>{{.}}</option>{{end}}</select>
{{with index .Problems "status"}}<span class="field-error" id="{{$p}}status-feil">{{.}}</span>{{end}}</p>
<p><label for="{{$p}}brukt">{{$.T "Brukt hittil i år (kr)" "Brukt hittil i år (kr)"}}</label><br>
<input id="{{$p}}brukt" name="{{$p}}brukt" type="text" inputmode="decimal" autocomplete="off" value="{{.Spent}}"{{with index .Problems "spent"}} aria-invalid="true" aria-describedby="{{$p}}brukt-feil"{{end}}>
{{with index .Problems "spent"}}<span class="field-error" id="{{$p}}brukt-feil">{{.}}</span>{{end}}</p>
<p><label for="{{$p}}kommentar">{{$.T "Kommentar" "Kommentar"}}</label><br>
<textarea id="{{$p}}kommentar" name="{{$p}}kommentar" rows="2" cols="60">{{.Comment}}</textarea></p>
<p><label for="{{$p}}avvik">{{$.T "Avviksforklaring (må fylles ut ved forsinket eller avbrutt)" "Avviksforklaring (må fyllast ut ved forseinka eller avbroten)"}}</label><br>
<textarea id="{{$p}}avvik" name="{{$p}}avvik" rows="2" cols="60"{{with index .Problems "deviation"}} aria-invalid="true" aria-describedby="{{$p}}avvik-feil"{{end}}>{{.Note}}</textarea>
{{with index .Problems "deviation"}}<span class="field-error" id="{{$p}}avvik-feil">{{.}}</span>{{end}}</p>
</fieldset>{{end}}
<p><button type="submit" name="action" value="lagre" class="secondary">{{.T "Lagre utkast" "Lagre utkast"}}</button>
<button type="submit" name="action" value="send">{{.T "Send inn" "Send inn"}}</button></p>
</form>
<p><a href="/tertial?periode={{$b.Period}}">{{.T "Alle skjema" "Alle skjema"}}</a></p>{{end}}`

// runDue runs what the wheel has due now, as the daemon would at its next
// trigger, and writes who asked to the audit log.
func (a *App) runDue(w http.ResponseWriter, r *http.Request) {
	if a.Wheel == nil {
		a.fail(w, r, http.StatusServiceUnavailable, "unavailable", msgInternal)
		return
	}
	u, _ := CurrentUser(r)
	if err := a.Wheel.Trigger("by hand: " + u.Name); err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	if err := access.Record(r.Context(), a.Store, a.now(), access.ActionDocument, "wheel run-due by hand"); err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	http.Redirect(w, r, "/arshjul?kjort=1", http.StatusSeeOther)
}
