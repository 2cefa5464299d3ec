package runner_test

import (
	"context"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
)

// smtpServer is a minimal SMTP server on 127.0.0.1 that keeps what it is
// given. With reject set it answers DATA's end with 451.
type smtpServer struct {
	ln     net.Listener
	mu     sync.Mutex
	msgs   []string
	reject bool
	wg     sync.WaitGroup
}

func startSMTP(t *testing.T) *smtpServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.wg.Add(1)
			go func() { defer s.wg.Done(); s.serve(c) }()
		}
	}()
	t.Cleanup(func() { ln.Close(); s.wg.Wait() })
	return s
}

func (s *smtpServer) port() int { return s.ln.Addr().(*net.TCPAddr).Port }

func (s *smtpServer) received() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.msgs...)
}

func (s *smtpServer) serve(c net.Conn) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	tp := textproto.NewConn(c)
	reply := func(line string) { _ = tp.PrintfLine("%s", line) }
	reply("220 127.0.0.1 test ESMTP")
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		switch cmd {
		case "EHLO":
			reply("250-127.0.0.1")
			reply("250 8BITMIME")
		case "HELO", "MAIL", "RCPT", "RSET", "NOOP":
			reply("250 OK")
		case "DATA":
			reply("354 go ahead")
			body, err := tp.ReadDotBytes()
			if err != nil {
				return
			}
			s.mu.Lock()
			reject := s.reject
			if !reject {
				s.msgs = append(s.msgs, string(body))
			}
			s.mu.Unlock()
			if reject {
				reply("451 try again later")
			} else {
				reply("250 queued")
			}
		case "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 not implemented")
		}
	}
}

const remindWheel = `contacts: {økonomiavdelingen: okonomi@fjordvik.example, helse: helse@fjordvik.example}
tasks:
  - {id: regnskap, title: {nb: Regnskap avlagt}, schedule: "0 8 1 2 *", deadline: {date: "02-15"}, responsible: [økonomiavdelingen, helse], action: remind}
`

func TestMailer_Flush_neverTwice(t *testing.T) {
	srv := startSMTP(t)
	r, db, c := setup(t, remindWheel, oslo(2026, 1, 1, 0, 0))
	c.Set(oslo(2026, 2, 1, 8, 0))
	if runs := runDue(t, r, c.Now()); len(runs) != 1 {
		t.Fatalf("runs %+v", runs)
	}
	cfg := runner.MailConfig{Host: "127.0.0.1", Port: srv.port(), From: "arshjul@fjordvik.example"}
	m := &runner.Mailer{Outbox: db, Config: cfg, Now: c.Now}
	n, err := m.Flush(context.Background())
	if err != nil || n != 2 {
		t.Fatalf("Flush = %d, %v; want 2 sent", n, err)
	}
	got := srv.received()
	if len(got) != 2 || !strings.Contains(got[0], "Subject: =?utf-8?q?") || !strings.Contains(got[0], "Message-ID: <outbox-1.run-1@helsebudsjett>") ||
		!strings.Contains(got[0], "frist_16.02.2026") {
		t.Errorf("received %q", got)
	}
	// A restart: a new handle on the workspace and a new mailer.
	db.Close()
	db2 := openDB(t, db.Path())
	m2 := &runner.Mailer{Outbox: db2, Config: cfg, Now: c.Now}
	if n, err := m2.Flush(context.Background()); err != nil || n != 0 {
		t.Errorf("after restart Flush = %d, %v; want 0", n, err)
	}
	r2 := newRunner(db2, t.TempDir(), c)
	if runs := runDue(t, r2, c.Now()); len(runs) != 0 {
		t.Errorf("after restart RunDue ran %d", len(runs))
	}
	if got := srv.received(); len(got) != 2 {
		t.Errorf("server has %d messages, want 2", len(got))
	}
	msgs, _ := db2.Messages(context.Background())
	for _, msg := range msgs {
		if msg.State != wheel.MsgSent || msg.Attempts != 1 {
			t.Errorf("message %d: state %s attempts %d", msg.ID, msg.State, msg.Attempts)
		}
	}
}

func TestMailer_Flush_retryAndCrash(t *testing.T) {
	srv := startSMTP(t)
	r, db, c := setup(t, remindWheel, oslo(2026, 1, 1, 0, 0))
	c.Set(oslo(2026, 2, 1, 8, 0))
	runDue(t, r, c.Now())
	ctx := context.Background()
	// A crash after message 2 was marked sending: it may have gone out.
	if ok, err := db.MarkSending(ctx, 2); !ok || err != nil {
		t.Fatal(ok, err)
	}
	srv.mu.Lock()
	srv.reject = true
	srv.mu.Unlock()
	m := &runner.Mailer{Outbox: db, Config: runner.MailConfig{Host: "127.0.0.1", Port: srv.port(), From: "a@b.example"}, Now: c.Now}
	if n, err := m.Flush(ctx); err != nil || n != 0 {
		t.Fatalf("Flush with a refusing server = %d, %v", n, err)
	}
	msgs, _ := db.Messages(ctx)
	if msgs[0].State != wheel.MsgPending || msgs[0].Attempts != 1 || !msgs[0].NextAttempt.After(c.Now()) || !strings.Contains(msgs[0].LastError, "451") {
		t.Errorf("after a 451: %+v", msgs[0])
	}
	srv.mu.Lock()
	srv.reject = false
	srv.mu.Unlock()
	if n, _ := m.Flush(ctx); n != 0 {
		t.Errorf("sent %d before the backoff ran out", n)
	}
	c.Set(c.Now().Add(2 * time.Minute))
	if n, err := m.Flush(ctx); err != nil || n != 1 {
		t.Errorf("after the backoff Flush = %d, %v; want 1", n, err)
	}
	msgs, _ = db.Messages(ctx)
	if msgs[0].State != wheel.MsgSent || msgs[0].Attempts != 2 || msgs[1].State != wheel.MsgSending {
		t.Errorf("outbox %+v", msgs)
	}
	if got := srv.received(); len(got) != 1 {
		t.Errorf("server has %d messages, want 1 (the one left sending is never resent)", len(got))
	}
}

// TestNewMailer: the port defaults to 587, the password comes from the
// variable named, and an empty variable or a bad configuration is refused
// naming the file.
func TestNewMailer(t *testing.T) {
	env := map[string]string{"SMTP_PASSORD": "hemmelig"}
	getenv := func(k string) string { return env[k] }
	m, err := runner.NewMailer(nil, "epost.yaml", []byte("host: smtp.kommune.no\nfrom: helsebudsjett@kommune.no\nusername: hb\npassword_env: SMTP_PASSORD\n"), getenv)
	if err != nil || m.Config.Port != 587 || m.Password != "hemmelig" {
		t.Fatalf("mailer %+v, %v", m, err)
	}
	for _, bad := range []string{
		"host: smtp.kommune.no\nfrom: helsebudsjett@kommune.no\npassword_env: TOM\n",
		"host: [\n",
	} {
		if _, err := runner.NewMailer(nil, "epost.yaml", []byte(bad), getenv); err == nil || !strings.Contains(err.Error(), "epost.yaml") {
			t.Errorf("%q: %v, want a refusal naming epost.yaml", bad, err)
		}
	}
}
