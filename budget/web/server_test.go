package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/ics"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

// source serves the default wheel from memory.
type source struct{ w *wheel.Wheel }

func (s source) Name(_ context.Context, lang string) (string, error) { return s.w.Name.In(lang), nil }

func (s source) Year(_ context.Context, year int) ([]web.Entry, error) {
	var out []web.Entry
	for _, o := range s.w.Year(year) {
		st := ""
		if o.At.Before(time.Date(2026, 5, 1, 0, 0, 0, 0, wheel.Oslo())) {
			st = wheel.RunDone
		}
		out = append(out, web.Entry{Occ: o, Status: st})
	}
	return out, nil
}

func (s source) Calendar(context.Context) ([]byte, error) {
	var b strings.Builder
	err := ics.Write(&b, s.w.Name, s.w.Year(2026), ics.Options{})
	return []byte(b.String()), err
}

func (s source) Health(context.Context) (web.Health, error) {
	return web.Health{Status: "ok", Now: time.Date(2026, 5, 10, 12, 0, 0, 0, wheel.Oslo()),
		LastRun:     &wheel.Run{TaskID: "tertial1-innspill", Status: wheel.RunDone},
		NextTrigger: &web.Next{Task: "tertial1-rapport", At: time.Date(2026, 5, 20, 8, 0, 0, 0, wheel.Oslo())}}, nil
}

func startServer(t testing.TB) *web.Server {
	t.Helper()
	w, err := wheel.Parse("arshjul.yaml", templates.Arshjul)
	if err != nil {
		t.Fatal(err)
	}
	s := &web.Server{Addr: "127.0.0.1:0", Source: source{w},
		Now: func() time.Time { return time.Date(2026, 5, 10, 12, 0, 0, 0, wheel.Oslo()) }}
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	return s
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestServer_page(t *testing.T) {
	s := startServer(t)
	resp, body := get(t, s.URL()+"/")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET / = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{"<svg", "januar", "desember", `class="hand"`, "Neste frister",
		"mandag 18. mai 2026", "flyttet fra 17.05.2026 (17. mai)", `href="/arshjul.ics"`, `class="month now"`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(body, "<script") {
		t.Error("page has a script")
	}
	if _, body := get(t, s.URL()+"/?lang=nn&year=2027"); !strings.Contains(body, "verksemdene") || strings.Contains(body, `class="hand"`) {
		t.Error("nynorsk page for 2027 wrong")
	}
}

func TestServer_calendarAndHealth(t *testing.T) {
	s := startServer(t)
	resp, body := get(t, s.URL()+"/arshjul.ics")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/calendar") || !strings.Contains(body, "BEGIN:VCALENDAR\r\n") {
		t.Errorf("GET /arshjul.ics = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	req, _ := http.NewRequest("GET", s.URL()+"/arshjul.ics", nil)
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	if r2, err := http.DefaultClient.Do(req); err != nil || r2.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET: %v %v", r2.StatusCode, err)
	}
	resp, body = get(t, s.URL()+"/healthz")
	var h struct {
		Status      string                `json:"status"`
		LastRun     struct{ Task string } `json:"last_run"`
		NextTrigger struct {
			Task string
			At   time.Time
		} `json:"next_trigger"`
	}
	if err := json.Unmarshal([]byte(body), &h); err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz %d %s: %v", resp.StatusCode, body, err)
	}
	if h.Status != "ok" || h.LastRun.Task != "tertial1-innspill" || h.NextTrigger.Task != "tertial1-rapport" {
		t.Errorf("healthz = %s", body)
	}
}

func TestServer_onlyGET(t *testing.T) {
	s := startServer(t)
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH"} {
		req, _ := http.NewRequest(m, s.URL()+"/healthz", strings.NewReader("x"))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s = %d, Allow %q", m, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
	if resp, _ := get(t, s.URL()+"/nope"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /nope = %d", resp.StatusCode)
	}
}

// TestServer_closeWithOpenConnection: a browser's preconnected socket that
// never sends a request kept the stop waiting out its whole grace and then
// failing (serve exited 1 on Ctrl-C); after the grace it is closed and the
// stop succeeds.
func TestServer_closeWithOpenConnection(t *testing.T) {
	s := startServer(t)
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	time.Sleep(50 * time.Millisecond) // the server has accepted it
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if err := s.Close(ctx); err != nil {
		t.Fatalf("close with an idle new connection: %v, want nil", err)
	}
	conn.SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, err := conn.Read(make([]byte, 1)); err == nil {
		t.Error("the connection is still open after the stop")
	}
}
