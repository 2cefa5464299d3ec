package access

import (
	"context"
	"time"
)

// Event is one line of the audit log: who did what, when, from where. Its
// JSON form is the one `audit list --json` and the API print.
type Event struct {
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`  // the user's name; "cli:NAME" for the command line; "" when no one signed in
	Addr   string    `json:"addr"`   // the client's address; "" on the command line
	Action string    `json:"action"` // one of the Action constants
	Detail string    `json:"detail"` // what it touched: a file and its sha256, a year, a user name; never a secret
}

// Actions recorded in the audit log.
const (
	ActionLoginFailed  = "login.failed"
	ActionLogin        = "login"
	ActionLogout       = "logout"
	ActionLogoutAll    = "logout.all"
	ActionUserAdd      = "user.add"
	ActionUserRemove   = "user.remove"
	ActionUserPasswd   = "user.passwd"
	ActionUserToken    = "user.token"
	ActionUserRoles    = "user.roles"
	ActionImport       = "import"        // Detail: what was imported (kind, file, sha256, year/version/part)
	ActionDocument     = "document"      // Detail: which document (letters, workbook, report) and for what
	ActionReportSubmit = "report.submit" // a unit's tertial report submitted
	ActionBackup       = "backup"
)

// Recorder writes audit events. The store implements it; importers and
// document services take one and call Record (the helper below) after
// their work is committed. A nil Recorder records nothing.
type Recorder interface {
	Record(ctx context.Context, e Event) error
}

// Actor is who is acting in a request or a command.
type Actor struct {
	Name string
	Addr string
}

type actorKey struct{}

// WithActor returns ctx carrying a, so services deep in a call can record
// who acted without taking it as a parameter.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor ctx carries, the zero Actor when none.
func ActorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(actorKey{}).(Actor)
	return a
}

// Record writes an event for action and detail with the actor in ctx and
// the time now to rec; a nil rec records nothing.
func Record(ctx context.Context, rec Recorder, now time.Time, action, detail string) error {
	if rec == nil {
		return nil
	}
	a := ActorFrom(ctx)
	return rec.Record(ctx, Event{At: now, Actor: a.Name, Addr: a.Addr, Action: action, Detail: detail})
}

// AuditQuery narrows a reading of the audit log: Limit > 0 keeps the
// newest Limit events; Action, when set, keeps only that action.
type AuditQuery struct {
	Limit  int
	Action string
}
