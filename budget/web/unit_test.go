package web_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/web/webtest"
)

// TestGuard_unitBound: on a unit-bound route an enhet user reaches only its
// own units, by the path or, where a handler finds the unit elsewhere, by
// RequireUnit; kommunedirektor reaches every unit; a listing knows whether
// to filter.
func TestGuard_unitBound(t *testing.T) {
	env := webtest.New(t)
	units := []access.Role{access.Kommunedirektor, access.Enhet}
	ok := func(w http.ResponseWriter, r *http.Request) {
		if web.SeesAllUnits(r) {
			w.Header().Set("X-Sees", "all")
		} else {
			w.Header().Set("X-Sees", "own")
		}
		w.WriteHeader(http.StatusOK)
	}
	env.App.Extra = []web.Route{
		{Pattern: "GET /api/v1/test/brev/{unit}", Roles: units, Unit: "unit", Handler: ok},
		{Pattern: "GET /api/v1/test/dokument", Roles: units, Handler: func(w http.ResponseWriter, r *http.Request) {
			if web.RequireUnit(w, r, r.URL.Query().Get("enhet")) {
				ok(w, r)
			}
		}},
	}
	// Extra routes are read when the handler is built: serve a new one.
	srv := &web.Server{App: env.App}
	h := srv.Handler()
	for _, tc := range []struct {
		who, path string
		want      int
		sees      string
	}{
		{"enhet", "/api/v1/test/brev/3100", 200, "own"},
		{"enhet", "/api/v1/test/brev/9999", 403, ""},
		{"kommunedirektor", "/api/v1/test/brev/9999", 200, "all"},
		{"okonomi", "/api/v1/test/brev/3100", 403, ""},
		{"enhet", "/api/v1/test/dokument?enhet=3100", 200, "own"},
		{"enhet", "/api/v1/test/dokument?enhet=9999", 403, ""},
		{"kommunedirektor", "/api/v1/test/dokument?enhet=9999", 200, "all"},
	} {
		t.Run(tc.who+" "+tc.path, func(t *testing.T) {
			req, _ := http.NewRequest("GET", "http://127.0.0.1"+tc.path, nil)
			req.Header.Set("Authorization", "Bearer "+env.Token(t, tc.who))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.want || rec.Header().Get("X-Sees") != tc.sees {
				t.Errorf("got %d (sees %q), want %d (%q)", rec.Code, rec.Header().Get("X-Sees"), tc.want, tc.sees)
			}
		})
	}
}
