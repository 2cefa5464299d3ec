package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

func (s *Server) lang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "nn" || l == "nb" {
		return l
	}
	if s.Lang == "nn" {
		return "nn"
	}
	return "nb"
}

func (s *Server) calendar(w http.ResponseWriter, r *http.Request) {
	data, err := s.Source.Calendar(r.Context())
	if err != nil {
		http.Error(w, "could not make the calendar", http.StatusInternalServerError)
		return
	}
	sum := sha256.Sum256(data)
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="arshjul.ics"`)
	w.Header().Set("Cache-Control", "max-age=300")
	// ServeContent answers If-None-Match with 304, which calendar clients
	// polling every few hours use.
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	http.ServeContent(w, r, "arshjul.ics", time.Time{}, bytes.NewReader(data))
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	h, err := s.Source.Health(r.Context())
	code := http.StatusOK
	if err != nil {
		h.Status, h.LastError, code = "error", err.Error(), http.StatusServiceUnavailable
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(h)
}

func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	now := s.now().In(wheel.Oslo())
	year := now.Year()
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 1900 && y <= 2200 {
		year = y
	}
	lang := s.lang(r)
	entries, err := s.Source.Year(r.Context(), year)
	if err != nil {
		http.Error(w, "could not read the wheel", http.StatusInternalServerError)
		return
	}
	name, err := s.Source.Name(r.Context(), lang)
	if err != nil {
		http.Error(w, "could not read the wheel", http.StatusInternalServerError)
		return
	}
	var b bytes.Buffer
	data := buildPage(name, year, lang, now, entries)
	data.Self = r.URL.Path
	if u, ok := CurrentUser(r); ok && s.App != nil && s.App.Wheel != nil && (u.Has(access.Admin) || u.Has(access.Kommunedirektor)) {
		data.CanRun = true
	}
	if r.URL.Query().Get("kjort") == "1" {
		data.Message = "Det som var forfalt, er kjørt. Se kolonnen Kjøring."
	}
	if err := pageTemplate.Execute(&b, data); err != nil {
		http.Error(w, "could not draw the wheel", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
	_, _ = w.Write(b.Bytes())
}

// stylesheet serves one of the embedded style sheets.
func stylesheet(css string) http.HandlerFunc {
	sum := sha256.Sum256([]byte(css))
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "max-age=3600")
		w.Header().Set("ETag", etag)
		http.ServeContent(w, r, "style.css", time.Time{}, strings.NewReader(css))
	}
}
