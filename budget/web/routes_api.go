package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// Reads are the figures the JSON API serves, each the value the matching
// CLI command prints with --json, so the two share one definition
// (reports/model.Reads implements it).
type Reads interface {
	Datasets(ctx context.Context) ([]budget.Dataset, error)
	Summary(ctx context.Context, year int, version budget.Version, by string) (*model.Summary, error)
	Measures(ctx context.Context, year int) (*model.MeasurePlan, error)
	Indicator(ctx context.Context, o model.ShowOptions) (*model.IndicatorView, error)
	Indicators(ctx context.Context) ([]indicators.Indicator, error)
	MeasureStatus(ctx context.Context, year int) ([]model.MeasureStatus, error)
	Compare(ctx context.Context, year int, from, to budget.Version, by string) (*model.Comparison, error)
}

// budgetReaders may read budget figures that are not yet published (a
// proposal, the accounts): the staff, not council members or units.
var budgetReaders = []access.Role{access.Admin, access.Okonomi, access.Folkehelse, access.Kommunedirektor}

// apiRoutes are the JSON API under /api/v1, with the CLI's --json shapes.
func (a *App) apiRoutes() []Route {
	return []Route{
		{Pattern: "GET /api/v1/budget/datasets", Roles: budgetReaders, Handler: a.apiDatasets},
		{Pattern: "GET /api/v1/budget/summary", Roles: budgetReaders, Handler: a.apiSummary},
		{Pattern: "GET /api/v1/budget/compare", Roles: budgetReaders, Handler: a.apiCompare},
		{Pattern: "GET /api/v1/measures", Roles: budgetReaders, Handler: a.apiMeasures},
		{Pattern: "GET /api/v1/indicators/{id}", Roles: Everyone, Handler: a.apiIndicator},
		{Pattern: "GET /api/v1/wheel", Roles: Everyone, Handler: a.apiWheel},
		{Pattern: "POST /api/v1/import/budget", Roles: []access.Role{access.Admin, access.Okonomi}, Handler: a.apiImportBudget},
	}
}

// reads returns the read service, or answers 503 when none is wired.
func (a *App) reads(w http.ResponseWriter) (Reads, bool) {
	if a.Reads == nil {
		writeError(w, http.StatusServiceUnavailable, "unavailable", "the workspace is not open to the API")
		return nil, false
	}
	return a.Reads, true
}

// answer writes v, or the error as the CLI would classify it: not found
// 404, invalid input 400, anything else 500 without detail.
func answer(w http.ResponseWriter, v any, err error) {
	var oe *model.OptionError
	switch {
	case err == nil:
		writeJSON(w, http.StatusOK, v)
	case errors.As(err, &oe):
		writeError(w, http.StatusBadRequest, "invalid", oe.Msg)
	case budget.ErrorCode(err) == budget.ENOTFOUND:
		writeError(w, http.StatusNotFound, "not_found", budget.ErrorMessage(err))
	case budget.ErrorCode(err) == budget.EINVALID:
		writeError(w, http.StatusBadRequest, "invalid", budget.ErrorMessage(err))
	default:
		writeError(w, http.StatusInternalServerError, "internal", "internal error")
	}
}

// intParam reads an integer query parameter; "" gives 0.
func intParam(w http.ResponseWriter, r *http.Request, name string, required bool) (int, bool) {
	s := r.URL.Query().Get(name)
	if s == "" && !required {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1900 || n > 2200 {
		writeError(w, http.StatusBadRequest, "invalid", "parameter "+name+": give a year such as 2027, not "+strconv.Quote(s))
		return 0, false
	}
	return n, true
}

func (a *App) apiDatasets(w http.ResponseWriter, r *http.Request) {
	if rd, ok := a.reads(w); ok {
		v, err := rd.Datasets(r.Context())
		answer(w, v, err)
	}
}

func (a *App) apiSummary(w http.ResponseWriter, r *http.Request) {
	rd, ok := a.reads(w)
	if !ok {
		return
	}
	year, ok := intParam(w, r, "year", true)
	if !ok {
		return
	}
	var version budget.Version
	if s := r.URL.Query().Get("version"); s != "" {
		v, err := budget.ParseVersion(s)
		if err != nil {
			writeError(w, http.StatusBadRequest, "invalid", "parameter version: "+err.Error())
			return
		}
		version = v
	}
	by := r.URL.Query().Get("by")
	if by == "" {
		by = "funksjon" // the CLI's default
	}
	v, err := rd.Summary(r.Context(), year, version, by)
	answer(w, v, err)
}

// apiCompare is `budget compare --json`: ?year= (required), ?from=
// (forslag), ?to= (vedtatt), ?by= (art-group), the CLI's defaults.
func (a *App) apiCompare(w http.ResponseWriter, r *http.Request) {
	rd, ok := a.reads(w)
	if !ok {
		return
	}
	year, ok := intParam(w, r, "year", true)
	if !ok {
		return
	}
	q := compareQuery(r)
	from, err := budget.ParseVersion(q.From)
	if err == nil {
		var to budget.Version
		if to, err = budget.ParseVersion(q.To); err == nil {
			v, err := rd.Compare(r.Context(), year, from, to, q.By)
			answer(w, v, err)
			return
		}
	}
	writeError(w, http.StatusBadRequest, "invalid", "parameter from or to: "+err.Error())
}

// compareQuery reads a comparison's ?from=, ?to= and ?by=, with the
// defaults of budget compare.
func compareQuery(r *http.Request) (q struct{ From, To, By string }) {
	q.From, q.To, q.By = r.URL.Query().Get("from"), r.URL.Query().Get("to"), r.URL.Query().Get("by")
	if q.From == "" {
		q.From = string(budget.Forslag)
	}
	if q.To == "" {
		q.To = string(budget.Vedtatt)
	}
	if q.By == "" {
		q.By = budget.ByArtGroup
	}
	return q
}

func (a *App) apiMeasures(w http.ResponseWriter, r *http.Request) {
	rd, ok := a.reads(w)
	if !ok {
		return
	}
	year, ok := intParam(w, r, "year", false)
	if !ok {
		return
	}
	v, err := rd.Measures(r.Context(), year)
	answer(w, v, err)
}

// apiIndicator is indicators show: with small numbers suppressed for
// every caller but the staff who work with them, and for them too with
// ?public=1.
func (a *App) apiIndicator(w http.ResponseWriter, r *http.Request) {
	rd, ok := a.reads(w)
	if !ok {
		return
	}
	q := r.URL.Query()
	o := model.ShowOptions{ID: r.PathValue("id"), Area: q.Get("area"), By: q.Get("by"), Groups: q.Get("groups"), Public: q.Get("public") == "1"}
	if o.By == "" {
		o.By = "lavinntekt" // the CLI's default
	}
	o.Lang = indicators.Bokmal
	if q.Get("lang") == "nn" {
		o.Lang = indicators.Nynorsk
	}
	for _, wv := range q["where"] {
		name, value, ok := strings.Cut(wv, "=")
		if !ok || strings.TrimSpace(name) == "" {
			writeError(w, http.StatusBadRequest, "invalid", "parameter where: write DIM=VALUE, not "+strconv.Quote(wv))
			return
		}
		o.Where = append(o.Where, indicators.Dim{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value)})
	}
	if u, _ := CurrentUser(r); !hasAny(u, budgetReaders) {
		o.Public = true // council members and units never get a figure under the threshold
	}
	v, err := rd.Indicator(r.Context(), o)
	answer(w, v, err)
}

func hasAny(u access.User, roles []access.Role) bool {
	for _, r := range roles {
		if u.Has(r) {
			return true
		}
	}
	return false
}

// apiWheel is wheel list --json: the year's tasks (?year=, this year in
// Oslo by default) with their runs, titles in ?lang=nn or bokmål.
func (a *App) apiWheel(w http.ResponseWriter, r *http.Request) {
	if a.WheelYear == nil {
		writeError(w, http.StatusServiceUnavailable, "unavailable", "the wheel is not open to the API")
		return
	}
	year, ok := intParam(w, r, "year", false)
	if !ok {
		return
	}
	if year == 0 {
		year = a.now().In(wheel.Oslo()).Year()
	}
	lang := "nb"
	if r.URL.Query().Get("lang") == "nn" {
		lang = "nn"
	}
	entries, err := a.WheelYear.Year(r.Context(), year)
	if err != nil {
		answer(w, nil, err)
		return
	}
	items := make([]wheel.ListItem, 0, len(entries))
	for _, e := range entries {
		items = append(items, wheel.NewListItem(e.Occ, e.Status, lang))
	}
	writeJSON(w, http.StatusOK, items)
}
