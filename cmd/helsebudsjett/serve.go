package main

import (
	"context"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
)

// cmdServe runs the daemon and the HTTP side until ctx is cancelled
// (SIGINT, SIGTERM): then it stops accepting triggers and requests, lets a
// running task finish within --grace, and returns nil (exit 0).
func cmdServe(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("serve", e)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (loopback by default)")
	rf := runFlags{out: fs.String("out", "", "output folder (default helsebudsjett-ut beside the workspace)"),
		mail: fs.String("mail", "", "SMTP configuration (YAML: host, port, starttls, from, username, password_env)")}
	grace := fs.Duration("grace", 30*time.Second, "how long a running task may finish after a stop signal")
	lang := fs.String("lang", "nb", "page and calendar in nb (bokmål) or nn (nynorsk)")
	var hosts hostFlags
	fs.Var(&hosts, "host", "a further host name the server answers to, beside the loopback names and the --addr host (repeatable)")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("serve takes no arguments; use --addr HOST:PORT")
	}
	if host, _, err := net.SplitHostPort(*addr); err != nil {
		return usagef("--addr %q: give HOST:PORT, such as 127.0.0.1:8080", *addr)
	} else if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(e.stderr, "helsebudsjett: note: %s is not a loopback address; the wheel is visible to others on the network\n", *addr)
	}
	db, err := openWorkspace(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	mailer, err := newMailer(*rf.mail, db, e)
	if err != nil {
		return err
	}
	if err := ensureWheel(ctx, db, time.Now()); err != nil {
		return err
	}
	r := newRunner(db, rf.outDir(db), time.Now)
	d := &runner.Daemon{Runner: r, Mailer: mailer, Log: e.stderr, Grace: *grace}
	srv := &web.Server{Addr: *addr, Lang: *lang, Hosts: hosts, Source: &serveSource{db: db, daemon: d, lang: *lang}}
	if err := srv.Open(); err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	if err := d.Open(ctx); err != nil {
		_ = srv.Close(context.Background())
		return err
	}
	fmt.Fprintf(e.stdout, "Serving the årshjul at %s/ (calendar %s/arshjul.ics, health %s/healthz). Stop with Ctrl-C.\n",
		srv.URL(), srv.URL(), srv.URL())
	<-ctx.Done()
	fmt.Fprintln(e.stderr, "helsebudsjett: stopping: no new triggers; waiting for a running task")
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	herr := srv.Close(shut)
	derr := d.Close()
	if derr != nil {
		return derr
	}
	return herr
}

// hostFlags collects repeated --host flags.
type hostFlags []string

func (h *hostFlags) String() string { return strings.Join(*h, ",") }

func (h *hostFlags) Set(s string) error {
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			*h = append(*h, n)
		}
	}
	return nil
}

// serveSource gives the web server the workspace's wheel.
type serveSource struct {
	db     *sqlite.DB
	daemon *runner.Daemon
	lang   string
}

func (s *serveSource) Name(ctx context.Context, lang string) (string, error) {
	w, _, err := loadWheel(ctx, s.db)
	if err != nil {
		return "", err
	}
	return w.Name.In(lang), nil
}

func (s *serveSource) Year(ctx context.Context, year int) ([]web.Entry, error) {
	w, _, err := loadWheel(ctx, s.db)
	if err != nil {
		return nil, err
	}
	return yearEntries(ctx, s.db, w, year)
}

// Calendar is this year and next, so a subscriber sees a year ahead.
func (s *serveSource) Calendar(ctx context.Context) ([]byte, error) {
	return calendarBytes(ctx, s.db, time.Now().In(wheel.Oslo()).Year(), 2, s.lang)
}

func (s *serveSource) Health(ctx context.Context) (web.Health, error) {
	now := time.Now().In(wheel.Oslo())
	h := web.Health{Status: "ok", Now: now}
	last, err := s.db.LastRun(ctx)
	if err != nil {
		return h, err
	}
	h.LastRun = last
	plan, err := planLoader(s.db)(ctx)
	if err != nil {
		return h, err
	}
	if o := runner.Next(plan, now); o != nil {
		h.NextTrigger = &web.Next{Task: o.Task.ID, At: o.At}
	}
	var terr error
	h.LastTrigger, terr = s.daemon.Status()
	if terr != nil {
		h.Status, h.LastError = "error", terr.Error()
	}
	return h, nil
}
