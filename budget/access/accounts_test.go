package access_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
)

func newAccounts(t *testing.T) (*access.Accounts, *sqlite.DB, *time.Time) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := time.Date(2027, 3, 1, 8, 0, 0, 0, time.UTC)
	a := &access.Accounts{Store: db, Argon2: cheap, Now: func() time.Time { return now },
		PerAccount: &access.Throttle{Max: 3, Window: 15 * time.Minute},
		PerAddress: &access.Throttle{Max: 5, Window: 15 * time.Minute}}
	return a, db, &now
}

func TestAccounts_Authenticate(t *testing.T) {
	ctx := access.WithActor(context.Background(), access.Actor{Name: "cli:test"})
	a, db, now := newAccounts(t)
	if _, err := a.Add(ctx, access.User{Name: "kari", Roles: []access.Role{access.Okonomi}}, "riktig hest batteri"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Add(ctx, access.User{Name: "sso", Roles: []access.Role{access.Lesetilgang}}, ""); err != nil {
		t.Fatal(err)
	}
	u, err := a.Authenticate(ctx, "Kari", "riktig hest batteri", "10.0.0.1")
	if err != nil || u.Name != "kari" || !u.Has(access.Okonomi) {
		t.Fatalf("right password: %+v %v", u, err)
	}
	// Every failure gives the same error, so the answer does not tell
	// whether the user exists.
	for _, tc := range []struct{ name, user, pw string }{
		{"wrong password", "kari", "feil hest batteri"},
		{"no such user", "ola", "riktig hest batteri"},
		{"user without password", "sso", ""},
		{"password typed as name", "riktig hest batteri", "x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := a.Authenticate(ctx, tc.user, tc.pw, "10.0.0.2")
			if !errors.Is(err, access.ErrSignIn) {
				t.Errorf("err = %v, want ErrSignIn", err)
			}
		})
	}
	log, _ := db.AuditLog(ctx, access.AuditQuery{Action: access.ActionLoginFailed})
	if len(log) != 4 || log[0].Detail != "kari" || log[0].Addr != "10.0.0.2" || log[0].Actor != "" {
		t.Errorf("failed logins in the audit log: %+v", log)
	}
	for _, e := range log {
		if strings.Contains(e.Detail, "hest") {
			t.Errorf("the audit log holds a password: %+v", e)
		}
	}
	t.Run("throttled per account", func(t *testing.T) {
		for _, addr := range []string{"10.0.1.1", "10.0.1.2", "10.0.1.3"} {
			_, _ = a.Authenticate(ctx, "kari", "feil", addr)
		}
		if _, err := a.Authenticate(ctx, "kari", "riktig hest batteri", "10.0.9.9"); !errors.Is(err, access.ErrSignIn) {
			t.Errorf("the right password after 3 failures (another address): %v, want refused", err)
		}
		*now = now.Add(16 * time.Minute)
		if _, err := a.Authenticate(ctx, "kari", "riktig hest batteri", "10.0.9.9"); err != nil {
			t.Errorf("after the window: %v", err)
		}
	})
	t.Run("throttled per address", func(t *testing.T) {
		*now = now.Add(time.Hour)
		for i := range 5 {
			_, _ = a.Authenticate(ctx, "user"+string(rune('a'+i)), "feil", "10.6.6.6")
		}
		if _, err := a.Authenticate(ctx, "kari", "riktig hest batteri", "10.6.6.6"); !errors.Is(err, access.ErrSignIn) {
			t.Errorf("right password from an address that tried 5 names: %v, want refused", err)
		}
		if _, err := a.Authenticate(ctx, "kari", "riktig hest batteri", "10.7.7.7"); err != nil {
			t.Errorf("another address: %v", err)
		}
	})
}

func TestAccounts_changes(t *testing.T) {
	ctx := access.WithActor(context.Background(), access.Actor{Name: "cli:ola"})
	a, db, _ := newAccounts(t)
	if _, err := a.Add(ctx, access.User{Name: "leder", Roles: []access.Role{access.Enhet}, Units: []string{"3100"}}, "kort"); budget.ErrorCode(err) != budget.EINVALID {
		t.Errorf("short password: %v", err)
	}
	if us, _ := a.List(ctx); len(us) != 0 {
		t.Errorf("a refused user was stored: %+v", us)
	}
	if _, err := a.Add(ctx, access.User{Name: "leder", Roles: []access.Role{access.Enhet}, Units: []string{"3100"}}, "et langt passord"); err != nil {
		t.Fatal(err)
	}
	if err := a.Passwd(ctx, "leder", "et nytt langt passord"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Authenticate(ctx, "leder", "et langt passord", "a"); err == nil {
		t.Error("the old password still works")
	}
	if _, err := a.Authenticate(ctx, "leder", "et nytt langt passord", "a"); err != nil {
		t.Errorf("the new password: %v", err)
	}
	tok, err := a.NewToken(ctx, "leder")
	if err != nil || !access.LooksLikeToken(tok) {
		t.Fatalf("token %q %v", tok, err)
	}
	if u, err := db.UserByToken(ctx, access.HashSecret(tok), time.Now()); err != nil || u.Name != "leder" {
		t.Errorf("token's user: %+v %v", u, err)
	}
	if err := a.Remove(ctx, "leder"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.NewToken(ctx, "leder"); budget.ErrorCode(err) != budget.ENOTFOUND {
		t.Errorf("token for a removed user: %v", err)
	}
	log, _ := db.AuditLog(ctx, access.AuditQuery{})
	var got []string
	for _, e := range log {
		if e.Action != access.ActionLoginFailed {
			got = append(got, e.Actor+" "+e.Action+" "+e.Detail)
		}
	}
	want := []string{"cli:ola user.add leder roles=enhet units=3100", "cli:ola user.passwd leder", "cli:ola user.token leder", "cli:ola user.remove leder"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, e := range log {
		if strings.Contains(e.Detail, "passord") || strings.Contains(e.Detail, tok) {
			t.Errorf("a secret in the audit log: %+v", e)
		}
	}
}
