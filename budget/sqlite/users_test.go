package sqlite_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
)

func TestDB_users(t *testing.T) {
	ctx := context.Background()
	db := openWS(t, filepath.Join(t.TempDir(), "ws.db"))
	leader := access.User{Name: "Leder", Roles: []access.Role{access.Lesetilgang, access.Enhet}, Units: []string{"3200", "3100"}}
	got, err := db.AddUser(ctx, leader, "$argon2id$x")
	if err != nil || got.ID == 0 {
		t.Fatalf("AddUser: %+v %v", got, err)
	}
	if _, err := db.AddUser(ctx, access.User{Name: "leder", Roles: []access.Role{access.Admin}}, ""); budget.ErrorCode(err) != budget.ECONFLICT {
		t.Errorf("second user named leder (case differs): %v, want conflict", err)
	}
	if _, err := db.AddUser(ctx, access.User{Name: "ok", Roles: []access.Role{access.Okonomi}}, ""); err != nil {
		t.Fatal(err)
	}
	u, hash, err := db.UserCredentials(ctx, "LEDER")
	if err != nil || hash != "$argon2id$x" {
		t.Fatalf("UserCredentials: %v %q", err, hash)
	}
	// Roles come back in access.Roles order, units sorted.
	want := access.User{ID: got.ID, Name: "Leder", Roles: []access.Role{access.Enhet, access.Lesetilgang}, Units: []string{"3100", "3200"}}
	if !reflect.DeepEqual(u, want) {
		t.Errorf("got %+v, want %+v", u, want)
	}
	us, err := db.Users(ctx)
	if err != nil || len(us) != 2 || us[0].Name != "Leder" || us[1].Name != "ok" {
		t.Fatalf("Users: %+v %v", us, err)
	}

	now := time.Date(2027, 3, 1, 8, 0, 0, 0, time.UTC)
	_, sh := access.NewSessionID()
	if err := db.CreateSession(ctx, access.Session{Hash: sh, UserID: u.ID, Created: now, LastSeen: now, Addr: "10.1.1.1"}); err != nil {
		t.Fatal(err)
	}
	s, err := db.Session(ctx, sh)
	if err != nil || !s.Created.Equal(now) || s.UserID != u.ID || s.Addr != "10.1.1.1" {
		t.Fatalf("Session: %+v %v", s, err)
	}
	if err := db.TouchSession(ctx, sh, now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if s, _ := db.Session(ctx, sh); !s.LastSeen.Equal(now.Add(time.Minute)) {
		t.Errorf("TouchSession: last seen %v", s.LastSeen)
	}
	t.Run("password change ends sessions", func(t *testing.T) {
		if err := db.SetPassword(ctx, "leder", "$argon2id$y"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Session(ctx, sh); budget.ErrorCode(err) != budget.ENOTFOUND {
			t.Errorf("session after password change: %v", err)
		}
		if _, h, _ := db.UserCredentials(ctx, "leder"); h != "$argon2id$y" {
			t.Errorf("hash %q", h)
		}
	})
	t.Run("logout everywhere", func(t *testing.T) {
		for range 3 {
			_, h := access.NewSessionID()
			if err := db.CreateSession(ctx, access.Session{Hash: h, UserID: u.ID, Created: now, LastSeen: now}); err != nil {
				t.Fatal(err)
			}
		}
		if n, err := db.DeleteUserSessions(ctx, u.ID); err != nil || n != 3 {
			t.Errorf("DeleteUserSessions = %d, %v; want 3", n, err)
		}
	})
	t.Run("token", func(t *testing.T) {
		tok, th := access.NewToken()
		if err := db.AddToken(ctx, "ok", th); err != nil {
			t.Fatal(err)
		}
		got, err := db.UserByToken(ctx, access.HashSecret(tok), now)
		if err != nil || got.Name != "ok" {
			t.Errorf("UserByToken: %+v %v", got, err)
		}
		if _, err := db.UserByToken(ctx, tok, now); budget.ErrorCode(err) != budget.ENOTFOUND {
			t.Errorf("the token itself, not its hash, found a user: %v", err)
		}
		if err := db.AddToken(ctx, "nobody", th+"x"); budget.ErrorCode(err) != budget.ENOTFOUND {
			t.Errorf("token for nobody: %v", err)
		}
	})
	t.Run("remove", func(t *testing.T) {
		_, h := access.NewSessionID()
		if err := db.CreateSession(ctx, access.Session{Hash: h, UserID: u.ID, Created: now, LastSeen: now}); err != nil {
			t.Fatal(err)
		}
		if err := db.RemoveUser(ctx, "leder"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Session(ctx, h); budget.ErrorCode(err) != budget.ENOTFOUND {
			t.Errorf("session of a removed user: %v", err)
		}
		if err := db.RemoveUser(ctx, "leder"); budget.ErrorCode(err) != budget.ENOTFOUND {
			t.Errorf("removing twice: %v", err)
		}
	})
}

func TestDB_SSOUser(t *testing.T) {
	ctx := context.Background()
	db := openWS(t, filepath.Join(t.TempDir(), "ws.db"))
	if _, err := db.AddUser(ctx, access.User{Name: "kari", Roles: []access.Role{access.Admin}}, "h"); err != nil {
		t.Fatal(err)
	}
	u := access.User{Name: "kari", Roles: []access.Role{access.Lesetilgang}}
	if _, err := db.SSOUser(ctx, "https://idp", "sub-1", u); budget.ErrorCode(err) != budget.ECONFLICT {
		t.Errorf("single sign-on took over a local account: %v", err)
	}
	u.Name = "kari@kommune.no"
	first, err := db.SSOUser(ctx, "https://idp", "sub-1", u)
	if err != nil {
		t.Fatal(err)
	}
	u.Roles = []access.Role{access.Enhet}
	u.Units = []string{"3100"}
	again, err := db.SSOUser(ctx, "https://idp", "sub-1", u)
	if err != nil || again.ID != first.ID {
		t.Fatalf("second sign-in: %+v %v, want the same user %d", again, err, first.ID)
	}
	got, err := db.UserByID(ctx, first.ID)
	if err != nil || !reflect.DeepEqual(got.Roles, []access.Role{access.Enhet}) || !reflect.DeepEqual(got.Units, []string{"3100"}) {
		t.Errorf("roles after the provider changed them: %+v %v", got, err)
	}
	if _, h, _ := db.UserCredentials(ctx, "kari@kommune.no"); h != "" {
		t.Errorf("single sign-on user has a password hash %q", h)
	}
}

func TestDB_AuditLog(t *testing.T) {
	ctx := context.Background()
	db := openWS(t, filepath.Join(t.TempDir(), "ws.db"))
	t0 := time.Date(2027, 3, 1, 8, 0, 0, 0, time.UTC)
	events := []access.Event{
		{At: t0, Actor: "", Addr: "10.0.0.9", Action: access.ActionLoginFailed, Detail: "kari"},
		{At: t0.Add(time.Second), Actor: "kari", Addr: "10.0.0.9", Action: access.ActionLogin},
		{At: t0.Add(2 * time.Second), Actor: "cli:ola", Action: access.ActionImport, Detail: "budget b.csv"},
	}
	for _, e := range events {
		if err := db.Record(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	all, err := db.AuditLog(ctx, sqliteAuditQuery(0, ""))
	if err != nil || len(all) != 3 {
		t.Fatalf("AuditLog: %d %v", len(all), err)
	}
	for i := range events {
		if !all[i].At.Equal(events[i].At) || all[i].Action != events[i].Action || all[i].Detail != events[i].Detail || all[i].Addr != events[i].Addr {
			t.Errorf("event %d: got %+v, want %+v", i, all[i], events[i])
		}
	}
	last, _ := db.AuditLog(ctx, sqliteAuditQuery(2, ""))
	if len(last) != 2 || last[0].Action != access.ActionLogin || last[1].Action != access.ActionImport {
		t.Errorf("Limit 2 keeps the newest two, oldest first: %+v", last)
	}
	failed, _ := db.AuditLog(ctx, sqliteAuditQuery(0, access.ActionLoginFailed))
	if len(failed) != 1 || failed[0].Detail != "kari" {
		t.Errorf("Action filter: %+v", failed)
	}
}

func sqliteAuditQuery(limit int, action string) access.AuditQuery {
	return access.AuditQuery{Limit: limit, Action: action}
}

var _ access.Recorder = (*sqlite.DB)(nil)
