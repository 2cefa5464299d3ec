package webtest

import (
	"context"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/ics"
)

// wheelSource serves the default wheel from memory, none of it run.
type wheelSource struct{ w *wheel.Wheel }

func (s wheelSource) Name(_ context.Context, lang string) (string, error) {
	return s.w.Name.In(lang), nil
}

func (s wheelSource) Year(_ context.Context, year int) ([]web.Entry, error) {
	var out []web.Entry
	for _, o := range s.w.Year(year) {
		out = append(out, web.Entry{Occ: o})
	}
	return out, nil
}

func (s wheelSource) Calendar(context.Context) ([]byte, error) {
	var b strings.Builder
	err := ics.Write(&b, s.w.Name, s.w.Year(2027), ics.Options{})
	return []byte(b.String()), err
}

func (s wheelSource) Health(context.Context) (web.Health, error) {
	return web.Health{Status: "ok"}, nil
}
