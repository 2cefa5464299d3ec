package web_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

// TestServer_knownHosts: the server answers only to its own names, so a
// page on another site cannot read the wheel by pointing its own name at
// 127.0.0.1 (DNS rebinding); --host adds names.
func TestServer_knownHosts(t *testing.T) {
	w, err := wheel.Parse("arshjul.yaml", templates.Arshjul)
	if err != nil {
		t.Fatal(err)
	}
	s := &web.Server{Addr: "127.0.0.1:0", Source: source{w}, Hosts: []string{"hjul.fjordvik.kommune.no"}}
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	for _, c := range []struct {
		host string
		want int
	}{
		{"", http.StatusOK}, // the URL's own 127.0.0.1:port
		{"localhost:8080", http.StatusOK},
		{"LOCALHOST", http.StatusOK},
		{"[::1]:8080", http.StatusOK},
		{"hjul.fjordvik.kommune.no", http.StatusOK},
		{"hjul.fjordvik.kommune.no.:80", http.StatusOK},
		{"evil.example", http.StatusMisdirectedRequest},
		{"evil.example:8080", http.StatusMisdirectedRequest},
		{"127.0.0.2", http.StatusMisdirectedRequest},
		{"localhost.evil.example", http.StatusMisdirectedRequest},
	} {
		t.Run(c.host, func(t *testing.T) {
			req, _ := http.NewRequest("GET", s.URL()+"/healthz", nil)
			if c.host != "" {
				req.Host = c.host
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != c.want {
				t.Errorf("Host %q: %d, want %d", c.host, resp.StatusCode, c.want)
			}
		})
	}
}
