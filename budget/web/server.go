// Package web is helsebudsjett's web application and the HTTP side of
// `helsebudsjett serve`.
//
// The application (App) is one route table (routes.go): each route names
// the roles that may use it, or says it is public, and whether it is bound
// to a unit; one middleware (guard) signs the caller in from an API token
// or a server-side session and enforces the route's roles, answering 401
// (JSON, for /api/) or a redirect to the sign-in page when no one is
// signed in and 403 to a role the route does not admit. Go's
// CrossOriginProtection refuses cross-origin state-changing requests;
// every response carries a Content-Security-Policy without script.
//
// Without App, Server is the read-only wheel server: "/" draws the year as
// a wheel (SVG in an HTML page in Norwegian, no JavaScript),
// "/arshjul.ics" is the calendar to subscribe to, and "/healthz" answers
// with the last run and the next trigger as JSON; it answers GET and HEAD
// and nothing else (405). With App the wheel page is /arshjul, for
// signed-in users.
//
// Either way the server answers only requests whose Host is one of its
// names: the loopback names, the address it listens on, and the names in
// Hosts; any other Host gets 421, so a web page elsewhere cannot read it
// through DNS rebinding. Binding to a loopback address is the caller's
// default; the server itself binds to whatever Addr says.
package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

// Entry is one occurrence of the year and whether it has run ("" when not).
type Entry = wheel.Entry

// Health is what /healthz reports.
type Health struct {
	Status      string     `json:"status"` // "ok", or "error" when the last trigger failed
	Now         time.Time  `json:"now"`
	LastRun     *wheel.Run `json:"last_run"`
	LastTrigger time.Time  `json:"last_trigger,omitzero"`
	LastError   string     `json:"last_error,omitempty"`
	NextTrigger *Next      `json:"next_trigger"`
}

// Next is the next occurrence of the wheel.
type Next struct {
	Task string    `json:"task"`
	At   time.Time `json:"at"`
}

// Source gives the server what it shows; cmd wires it to the workspace.
type Source interface {
	// Name is the wheel's title in lang.
	Name(ctx context.Context, lang string) (string, error)
	// Year returns the year's occurrences in time order with their runs.
	Year(ctx context.Context, year int) ([]Entry, error)
	// Calendar returns the iCalendar file.
	Calendar(ctx context.Context) ([]byte, error)
	Health(ctx context.Context) (Health, error)
}

// Server is the HTTP side of `helsebudsjett serve`.
type Server struct {
	Addr   string
	Source Source
	Lang   string           // "nb" (default) or "nn"
	Now    func() time.Time // the clock (time.Now when nil)
	// Hosts are further names (or addresses) the server answers to, beside
	// localhost, 127.0.0.1, ::1 and the host of Addr.
	Hosts []string
	// App, when set, is the web application served with the wheel: its
	// route table, sign-in and roles (the wheel page moves to /arshjul).
	// Without it the server is the read-only wheel server described above.
	App *App
	// TLSCert and TLSKey, when both set, make the server speak HTTPS.
	TLSCert, TLSKey string

	ln  net.Listener
	srv *http.Server
	wg  sync.WaitGroup
	err error
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// slowDeadline is how long a request that is slow by nature may take: an
// upload of a large budget over a municipal network, a document whose
// rendering takes longer than a page (the server's timeouts are a page's).
const slowDeadline = 15 * time.Minute

// allowSlow lifts the server's read and write timeouts for this request to
// slowDeadline. Where the writer cannot (a test's recorder), nothing
// changes.
func allowSlow(w http.ResponseWriter) {
	rc := http.NewResponseController(w)
	until := time.Now().Add(slowDeadline)
	_ = rc.SetReadDeadline(until)
	_ = rc.SetWriteDeadline(until)
}

// Open listens on Addr and serves in the background until Close.
func (s *Server) Open() error {
	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return err
	}
	s.ln = ln
	s.srv = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		var err error
		if s.TLSCert != "" && s.TLSKey != "" {
			err = s.srv.ServeTLS(ln, s.TLSCert, s.TLSKey)
		} else {
			err = s.srv.Serve(ln)
		}
		if !errors.Is(err, http.ErrServerClosed) {
			s.err = err
		}
	}()
	return nil
}

// URL is the base URL the server listens on, "http://127.0.0.1:8080".
func (s *Server) URL() string {
	if s.TLSCert != "" && s.TLSKey != "" {
		return "https://" + s.ln.Addr().String()
	}
	return "http://" + s.ln.Addr().String()
}

// Close stops accepting connections and waits, until ctx is done, for the
// requests in flight; then it closes the connections still open (a
// browser's preconnected socket that never sends a request, a request that
// outlasts the wait). A stop asked for is not a failure: only the
// server's own error is returned.
func (s *Server) Close(ctx context.Context) error {
	if s.srv == nil {
		return nil
	}
	err := s.srv.Shutdown(ctx)
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		err = s.srv.Close()
	}
	s.wg.Wait()
	if err == nil {
		err = s.err
	}
	return err
}

// Handler returns the routes: the application's when App is set, else
// the wheel's with the GET-only guard in front; the Host check is in front
// of both.
func (s *Server) Handler() http.Handler {
	if s.App != nil {
		return s.knownHost(s.App.Handler(s))
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", s.page)
	mux.HandleFunc("/arshjul.ics", s.calendar)
	mux.HandleFunc("/healthz", s.health)
	mux.HandleFunc("/static/arshjul.css", stylesheet(wheelCSS))
	return s.knownHost(getOnly(mux))
}

// loopbackNames are the Host names every server answers to.
var loopbackNames = []string{"localhost", "127.0.0.1", "::1"}

// knownHost answers 421 Misdirected Request to a request whose Host is not
// one of the server's names.
func (s *Server) knownHost(h http.Handler) http.Handler {
	names := map[string]bool{}
	for _, n := range append(append([]string{}, loopbackNames...), s.Hosts...) {
		names[strings.ToLower(strings.Trim(n, "[]"))] = true
	}
	if host, _, err := net.SplitHostPort(s.Addr); err == nil && host != "" {
		if ip := net.ParseIP(host); ip == nil || !ip.IsUnspecified() {
			names[strings.ToLower(host)] = true
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
		if !names[host] {
			http.Error(w, "unknown host: this server answers to "+strings.Join(sortedNames(names), ", ")+"; start it with --host NAME to add one", http.StatusMisdirectedRequest)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func sortedNames(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for n := range m {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// getOnly refuses every method but GET and HEAD: the server never changes
// anything, so nothing else has a meaning.
func getOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "only GET and HEAD", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		h.ServeHTTP(w, r)
	})
}
