package main

import (
	"context"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
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
	behindProxy := fs.Bool("behind-proxy", false, "a reverse proxy in front terminates TLS: session cookies are Secure, the client address is the last X-Forwarded-For entry")
	tlsCert := fs.String("tls-cert", "", "serve HTTPS with this certificate (PEM; with --tls-key)")
	tlsKey := fs.String("tls-key", "", "the certificate's private key (PEM)")
	publicReport := fs.Bool("public-report", false, "publish the public edition of the annual report at /rapport/ to anyone, without signing in")
	oidcFile := fs.String("oidc", "", "single sign-on configuration (YAML: issuer, client_id, client_secret_env, redirect_url, roles)")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("serve takes no arguments; use --addr HOST:PORT")
	}
	if (*tlsCert == "") != (*tlsKey == "") {
		return usagef("give both --tls-cert and --tls-key, or neither")
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
	if err := runner.EnsureWheel(ctx, db, time.Now()); err != nil {
		return err
	}
	r := newRunner(db, rf.outDir(db), time.Now)
	d := &runner.Daemon{Runner: r, Mailer: mailer, Log: e.stderr, Grace: *grace}
	app, err := newApp(ctx, db, *oidcFile, *lang, *behindProxy || *tlsCert != "", *behindProxy, e)
	if err != nil {
		return err
	}
	docs := &documents.Service{DB: db, Workspace: documents.OpenFunc(db),
		LettersConfig:    filepath.Join(filepath.Dir(db.Path()), documents.LettersConfigFile),
		LettersTemplates: filepath.Join(filepath.Dir(db.Path()), documents.LettersTemplatesDir)}
	app.Reports, app.PublicReport = docs, *publicReport
	app.Imports = budgetImports{db}
	app.Files = fileImports{db}
	app.Tertial = tertial.Web{DB: db}
	app.Documents = docs
	app.Wheel = d
	app.Reads = model.Reads{DB: db, Catalogue: func(ctx context.Context) (*indicators.Catalogue, error) { return catalogue(ctx, db) }}
	src := &serveSource{db: db, daemon: d, lang: *lang}
	app.WheelYear = src
	srv := &web.Server{Addr: *addr, Lang: *lang, Hosts: hosts, Source: src,
		App: app, TLSCert: *tlsCert, TLSKey: *tlsKey}
	if err := srv.Open(); err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	if err := d.Open(ctx); err != nil {
		_ = srv.Close(context.Background())
		return err
	}
	fmt.Fprintf(e.stdout, "Serving helsebudsjett at %s/ (sign in at %s/logg-inn; the årshjul at /arshjul, calendar /arshjul.ics, health /healthz). Stop with Ctrl-C.\n",
		srv.URL(), srv.URL())
	if users, err := db.Users(ctx); err == nil && len(users) == 0 {
		fmt.Fprintf(e.stderr, "helsebudsjett: note: the workspace has no users yet; add the first admin:\n  helsebudsjett user add NAME --role admin --password-stdin --db %s\n", db.Path())
	}
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
	w, _, err := runner.InForce(ctx, s.db)
	if err != nil {
		return "", err
	}
	return w.Name.In(lang), nil
}

func (s *serveSource) Year(ctx context.Context, year int) ([]web.Entry, error) {
	w, _, err := runner.InForce(ctx, s.db)
	if err != nil {
		return nil, err
	}
	return runner.YearEntries(ctx, s.db, w, year, time.Now())
}

// Calendar is this year and next, so a subscriber sees a year ahead.
func (s *serveSource) Calendar(ctx context.Context) ([]byte, error) {
	return runner.Calendar(ctx, s.db, time.Now().In(wheel.Oslo()).Year(), 2, s.lang)
}

func (s *serveSource) Health(ctx context.Context) (web.Health, error) {
	now := time.Now().In(wheel.Oslo())
	h := web.Health{Status: "ok", Now: now}
	last, err := s.db.LastRun(ctx)
	if err != nil {
		return h, err
	}
	h.LastRun = last
	plan, err := runner.PlanLoader(s.db)(ctx)
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

// newApp wires the web application to the workspace: accounts with the
// sign-in throttle (5 failures per account, 20 per address, in 15 minutes),
// and single sign-on when --oidc names a configuration.
func newApp(ctx context.Context, db *sqlite.DB, oidcFile, lang string, secure, behindProxy bool, e *env) (*web.App, error) {
	acc := &access.Accounts{Store: db,
		PerAccount: &access.Throttle{Max: 5, Window: 15 * time.Minute},
		PerAddress: &access.Throttle{Max: 20, Window: 15 * time.Minute}}
	app := &web.App{Store: db, Accounts: acc, Secure: secure, BehindProxy: behindProxy, Lang: lang}
	// Sessions abandoned by closed browsers are removed at start; live
	// ones are checked at every request.
	lt := access.DefaultLifetimes
	if _, err := db.DeleteSessionsBefore(ctx, time.Now().Add(-lt.Idle), time.Now().Add(-lt.Absolute)); err != nil {
		return nil, err
	}
	if oidcFile == "" {
		return app, nil
	}
	data, err := inputfile.ReadAll(ctx, oidcFile, oidcFile, 1<<20)
	if err != nil {
		return nil, err
	}
	cfg, err := web.ParseSSOConfig(oidcFile, data)
	if err != nil {
		return nil, err
	}
	secret := ""
	if cfg.ClientSecretEnv != "" {
		if secret = e.getenv(cfg.ClientSecretEnv); secret == "" {
			return nil, budget.Errorf(budget.EINVALID, "%s: the client secret's environment variable %s is empty", oidcFile, cfg.ClientSecretEnv)
		}
	}
	if app.SSO, err = web.NewSSO(ctx, cfg, secret); err != nil {
		return nil, err
	}
	return app, nil
}

// budgetImports gives the web application the budget import, as import
// budget runs it.
type budgetImports struct{ db *sqlite.DB }

func (b budgetImports) ImportBudget(ctx context.Context, path string, opts importer.Options) (*importer.Report, error) {
	return importer.Run(ctx, b.db, path, opts)
}
