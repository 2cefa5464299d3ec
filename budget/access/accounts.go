package access

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// Store is what Accounts needs of the store (budget/sqlite implements it).
// Errors follow budget's codes: ENOTFOUND for no such user, ECONFLICT for a
// name taken.
type Store interface {
	Recorder
	AddUser(ctx context.Context, u User, passwordHash string) (User, error)
	Users(ctx context.Context) ([]User, error)
	UserCredentials(ctx context.Context, name string) (User, string, error)
	RemoveUser(ctx context.Context, name string) error
	SetPassword(ctx context.Context, name, hash string) error
	AddToken(ctx context.Context, name, hash string) error
}

// Accounts manages local users and checks passwords. Every change, and every
// failed sign-in, goes to the audit log with the actor in ctx.
type Accounts struct {
	Store  Store
	Argon2 Argon2Params     // DefaultArgon2 when zero
	Now    func() time.Time // time.Now when nil
	// PerAccount and PerAddress throttle failed sign-ins; nil means no limit
	// (the command line, which has no remote caller).
	PerAccount, PerAddress *Throttle
}

// ErrSignIn is the one answer to a failed sign-in, whatever failed (no
// such user, wrong password, no password set, too many attempts), so the
// answer never tells whether an account exists.
var ErrSignIn = budget.Errorf(budget.EINVALID, "wrong user name or password, or too many attempts: wait a few minutes and try again")

func (a *Accounts) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

func (a *Accounts) params() Argon2Params {
	if a.Argon2 == (Argon2Params{}) {
		return DefaultArgon2
	}
	return a.Argon2
}

// Add stores a new user; password "" leaves it without one (single sign-on
// or API tokens only).
func (a *Accounts) Add(ctx context.Context, u User, password string) (User, error) {
	if err := u.Validate(); err != nil {
		return u, err
	}
	hash := ""
	if password != "" {
		var err error
		if hash, err = HashPassword(password, a.params()); err != nil {
			return u, err
		}
	}
	u, err := a.Store.AddUser(ctx, u, hash)
	if err != nil {
		return u, err
	}
	return u, Record(ctx, a.Store, a.now(), ActionUserAdd, describe(u))
}

// describe is a user's name, roles and units for the audit log.
func describe(u User) string {
	var roles []string
	for _, r := range u.Roles {
		roles = append(roles, string(r))
	}
	s := fmt.Sprintf("%s roles=%s", u.Name, strings.Join(roles, ","))
	if len(u.Units) > 0 {
		s += " units=" + strings.Join(u.Units, ",")
	}
	return s
}

// List returns every user.
func (a *Accounts) List(ctx context.Context) ([]User, error) { return a.Store.Users(ctx) }

// Remove deletes the user named name, its sessions and tokens.
func (a *Accounts) Remove(ctx context.Context, name string) error {
	if err := a.Store.RemoveUser(ctx, name); err != nil {
		return err
	}
	return Record(ctx, a.Store, a.now(), ActionUserRemove, name)
}

// Passwd sets the password of the user named name and ends its sessions.
func (a *Accounts) Passwd(ctx context.Context, name, password string) error {
	hash, err := HashPassword(password, a.params())
	if err != nil {
		return err
	}
	if err := a.Store.SetPassword(ctx, name, hash); err != nil {
		return err
	}
	return Record(ctx, a.Store, a.now(), ActionUserPasswd, name)
}

// NewToken makes an API token for the user named name and returns it; only
// its hash is stored, so it can be shown this once.
func (a *Accounts) NewToken(ctx context.Context, name string) (string, error) {
	tok, hash := NewToken()
	if err := a.Store.AddToken(ctx, name, hash); err != nil {
		return "", err
	}
	return tok, Record(ctx, a.Store, a.now(), ActionUserToken, name)
}

// Authenticate checks name and password from addr. It returns the user,
// or ErrSignIn for every kind of failure, after the same work whether the
// user exists or not. Failures count against the account and the address;
// a throttled account or address is refused without checking the password.
// Each failure is recorded in the audit log with the name tried.
func (a *Accounts) Authenticate(ctx context.Context, name, password, addr string) (User, error) {
	now := a.now()
	acct := strings.ToLower(name)
	// A name that cannot be a user is not written to the log as typed: it
	// may be a password typed into the wrong field.
	tried := name
	if ValidName(name) != nil {
		tried = "(not a valid user name)"
	}
	if blocked(a.PerAccount, acct, now) || blocked(a.PerAddress, addr, now) {
		return User{}, a.failed(ctx, acct, addr, tried+" (throttled)")
	}
	u, hash, err := a.Store.UserCredentials(ctx, name)
	switch {
	case budget.ErrorCode(err) == budget.ENOTFOUND:
		VerifyNobody(password)
		return User{}, a.failed(ctx, acct, addr, tried)
	case err != nil:
		return User{}, err
	case hash == "":
		VerifyNobody(password)
		return User{}, a.failed(ctx, acct, addr, tried)
	case !VerifyPassword(hash, password):
		return User{}, a.failed(ctx, acct, addr, tried)
	}
	if a.PerAccount != nil {
		a.PerAccount.Reset(acct)
	}
	return u, nil
}

func blocked(t *Throttle, key string, now time.Time) bool { return t != nil && t.Blocked(key, now) }

// failed counts and records a failed sign-in and returns ErrSignIn (or the
// audit log's error, which must not be swallowed).
func (a *Accounts) failed(ctx context.Context, acct, addr, detail string) error {
	now := a.now()
	if a.PerAccount != nil {
		a.PerAccount.Fail(acct, now)
	}
	if a.PerAddress != nil {
		a.PerAddress.Fail(addr, now)
	}
	ctx = WithActor(ctx, Actor{Name: "", Addr: addr})
	if err := Record(ctx, a.Store, now, ActionLoginFailed, detail); err != nil {
		return errors.Join(ErrSignIn, err)
	}
	return ErrSignIn
}
