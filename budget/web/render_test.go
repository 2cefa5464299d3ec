package web_test

import (
	"bytes"
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/web"
)

// lockedBuffer is a log destination the server's goroutines may write
// while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestRender_templateErrorLogged: a page whose template fails answers 500
// without the template's error, and the error is on the server's logger
// with the method, path and route, so an operator can find it (it was
// swallowed before).
func TestRender_templateErrorLogged(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	app := &web.App{Store: db, Extra: []web.Route{{Pattern: "GET /feil/{x}", Public: true, Handler: web.RenderBroken}}}
	srv := &web.Server{App: app}
	var logged lockedBuffer
	ts := httptest.NewUnstartedServer(srv.Handler())
	ts.Config.ErrorLog = log.New(&logged, "", 0)
	ts.Start()
	defer ts.Close()

	resp, err := http.Get(ts.URL + "/feil/a")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if got, want := resp.StatusCode, http.StatusInternalServerError; got != want {
		t.Fatalf("status %d, want %d", got, want)
	}
	if strings.Contains(string(body), "Missing") {
		t.Errorf("the page shows the template's error: %s", body)
	}
	got := logged.String()
	for _, want := range []string{"GET /feil/a", `route "GET /feil/{x}"`, "template broken", "Missing"} {
		if !strings.Contains(got, want) {
			t.Errorf("log %q lacks %q", got, want)
		}
	}
}
