package runner

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/smtp"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"go.yaml.in/yaml/v3"
)

// MailConfig is how reminders reach an SMTP server. The password is never
// in the file: PasswordEnv names the environment variable that holds it.
type MailConfig struct {
	Host        string `yaml:"host"`
	Port        int    `yaml:"port"`
	StartTLS    bool   `yaml:"starttls"`
	From        string `yaml:"from"`
	Username    string `yaml:"username"`
	PasswordEnv string `yaml:"password_env"`
}

// Check returns an EINVALID error when the configuration lacks host or
// from, or when from is not one e-mail address or a field holds a line
// break (which could add headers to every message sent).
func (c MailConfig) Check() error {
	if c.Host == "" || c.From == "" {
		return budget.Errorf(budget.EINVALID, "give host and from")
	}
	for _, f := range []struct{ name, v string }{{"host", c.Host}, {"username", c.Username}, {"password_env", c.PasswordEnv}} {
		if strings.ContainsAny(f.v, "\r\n") {
			return budget.Errorf(budget.EINVALID, "%s holds a line break", f.name)
		}
	}
	if err := wheel.CheckAddress(c.From); err != nil {
		return budget.Errorf(budget.EINVALID, "from: %v", err)
	}
	return nil
}

// Outbox is what the mailer needs of the workspace.
type Outbox interface {
	Messages(ctx context.Context, states ...string) ([]wheel.Message, error)
	MarkSending(ctx context.Context, id int64) (bool, error)
	MarkSent(ctx context.Context, id int64, at time.Time) error
	MarkFailedAttempt(ctx context.Context, id int64, reason string, next time.Time, giveUp bool) error
}

// Mailer sends the outbox's pending messages. A message is marked sending,
// and that committed, before the SMTP conversation begins; only a failure
// the server reported (or one before the message was handed over) makes it
// pending again, with exponential backoff. A message left "sending" by a
// crash or a broken connection at the very end is never sent again
// automatically: it may have arrived, and a reminder twice is the one thing
// the outbox promises not to do.
type Mailer struct {
	Outbox   Outbox
	Config   MailConfig
	Password string
	// TLS is the client TLS configuration for STARTTLS (ServerName is
	// filled in from Host when empty).
	TLS         *tls.Config
	Now         func() time.Time
	MaxAttempts int           // 8 when zero
	Backoff     time.Duration // the first retry delay, doubled each time, at most 6 h; 1 minute when zero
	Timeout     time.Duration // per message; 30 s when zero
}

func (m *Mailer) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

// Flush sends every pending message whose next attempt is due and returns
// how many the server accepted. It returns the first error of the outbox
// itself; a failed send is recorded on the message, not returned.
func (m *Mailer) Flush(ctx context.Context) (int, error) {
	msgs, err := m.Outbox.Messages(ctx, wheel.MsgPending)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, msg := range msgs {
		if msg.NextAttempt.After(m.now()) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return sent, err
		}
		ok, err := m.Outbox.MarkSending(ctx, msg.ID)
		if err != nil {
			return sent, err
		}
		if !ok {
			continue // another sender took it
		}
		msg.Attempts++
		serr, handedOver := m.send(ctx, msg)
		switch {
		case serr == nil:
			sent++
			if err := m.Outbox.MarkSent(context.WithoutCancel(ctx), msg.ID, m.now()); err != nil {
				return sent, err
			}
		case handedOver:
			// Left in "sending": the server may have it.
		default:
			max := m.MaxAttempts
			if max == 0 {
				max = 8
			}
			giveUp := msg.Attempts >= max || isPermanent(serr)
			if err := m.Outbox.MarkFailedAttempt(context.WithoutCancel(ctx), msg.ID, serr.Error(),
				m.now().Add(m.backoff(msg.Attempts)), giveUp); err != nil {
				return sent, err
			}
		}
	}
	return sent, nil
}

func (m *Mailer) backoff(attempts int) time.Duration {
	d := m.Backoff
	if d == 0 {
		d = time.Minute
	}
	for i := 1; i < attempts && d < 6*time.Hour; i++ {
		d *= 2
	}
	return min(d, 6*time.Hour)
}

// isPermanent reports a 5xx reply: the server refuses, retrying won't help.
func isPermanent(err error) bool {
	var te *textproto.Error
	return errors.As(err, &te) && te.Code >= 500
}

// send delivers one message. handedOver is true when the failure came after
// the whole message was written to the server without a reply from it, so
// whether it was accepted is unknown.
func (m *Mailer) send(ctx context.Context, msg wheel.Message) (err error, handedOver bool) {
	timeout := m.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	addr := net.JoinHostPort(m.Config.Host, strconv.Itoa(m.Config.Port))
	d := net.Dialer{Timeout: timeout}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("connect to %s: %w", addr, err), false
	}
	_ = conn.SetDeadline(time.Now().Add(timeout))
	c, err := smtp.NewClient(conn, m.Config.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp %s: %w", addr, err), false
	}
	defer c.Close()
	if err := c.Hello("localhost"); err != nil {
		return err, false
	}
	if m.Config.StartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return fmt.Errorf("smtp %s does not offer STARTTLS, which the mail configuration requires", addr), false
		}
		cfg := &tls.Config{ServerName: m.Config.Host, MinVersion: tls.VersionTLS12}
		if m.TLS != nil {
			cfg = m.TLS.Clone()
			if cfg.ServerName == "" {
				cfg.ServerName = m.Config.Host
			}
		}
		if err := c.StartTLS(cfg); err != nil {
			return fmt.Errorf("smtp %s: STARTTLS: %w", addr, err), false
		}
	}
	if m.Config.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", m.Config.Username, m.Password, m.Config.Host)); err != nil {
			return fmt.Errorf("smtp %s: login as %s: %w", addr, m.Config.Username, err), false
		}
	}
	if err := c.Mail(m.Config.From); err != nil {
		return err, false
	}
	if err := c.Rcpt(msg.Address); err != nil {
		return err, false
	}
	w, err := c.Data()
	if err != nil {
		return err, false
	}
	if _, err := w.Write(m.compose(msg)); err != nil {
		return err, false
	}
	if err := w.Close(); err != nil {
		var te *textproto.Error
		return err, !errors.As(err, &te) // a reply means it was refused; no reply, unknown
	}
	_ = c.Quit() // the message is accepted; a failed QUIT changes nothing
	return nil, false
}

// compose writes the message with headers. Message-ID is derived from the
// outbox row, so a receiving system can spot a duplicate too.
func (m *Mailer) compose(msg wheel.Message) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <outbox-%d.run-%d@helsebudsjett>\r\n",
		m.Config.From, msg.Address, mime.QEncoding.Encode("utf-8", msg.Subject),
		m.now().Format(time.RFC1123Z), msg.ID, msg.RunID)
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	qp := quotedprintable.NewWriter(&b)
	_, _ = qp.Write(bytes.ReplaceAll([]byte(msg.Body), []byte("\n"), []byte("\r\n")))
	_ = qp.Close()
	return b.Bytes()
}

// NewMailer reads an SMTP configuration (YAML: host, port, starttls, from,
// username, password_env; name for messages) into a Mailer on outbox: the
// port defaults to 587, and the password is read from the environment
// variable the configuration names (getenv), which must not be empty.
func NewMailer(outbox Outbox, name string, data []byte, getenv func(string) string) (*Mailer, error) {
	var cfg MailConfig
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		return nil, budget.Errorf(budget.EINVALID, "mail configuration %s: %v", name, err)
	}
	if err := cfg.Check(); err != nil {
		return nil, budget.Errorf(budget.EINVALID, "mail configuration %s: %v", name, err)
	}
	if cfg.Port == 0 {
		cfg.Port = 587
	}
	m := &Mailer{Outbox: outbox, Config: cfg}
	if cfg.PasswordEnv != "" {
		if m.Password = getenv(cfg.PasswordEnv); m.Password == "" {
			return nil, budget.Errorf(budget.EINVALID, "mail configuration %s: the environment variable %s (password_env) is empty", name, cfg.PasswordEnv)
		}
	}
	return m, nil
}
