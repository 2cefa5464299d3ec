package access_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
)

func TestPermit_Allows(t *testing.T) {
	unit := access.User{Name: "leder", Roles: []access.Role{access.Enhet}, Units: []string{"3100", "3200"}}
	finance := access.User{Name: "ok", Roles: []access.Role{access.Okonomi}}
	both := access.User{Name: "b", Roles: []access.Role{access.Enhet, access.Kommunedirektor}, Units: []string{"3100"}}
	letters := access.Permit{Roles: []access.Role{access.Kommunedirektor, access.Enhet}, UnitBound: true}
	imports := access.Permit{Roles: []access.Role{access.Okonomi}}
	for _, tc := range []struct {
		name string
		p    access.Permit
		u    access.User
		unit string
		want bool
	}{
		{"unit leader, own unit", letters, unit, "3100", true},
		{"unit leader, second own unit", letters, unit, "3200", true},
		{"unit leader, another unit", letters, unit, "9999", false},
		{"unit leader, listing without unit", letters, unit, "", true},
		{"finance not listed", letters, finance, "3100", false},
		{"finance on its route", imports, finance, "", true},
		{"unit leader not listed", imports, unit, "", false},
		{"second role admits any unit", letters, both, "9999", true},
		{"no roles", letters, access.User{Name: "x"}, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.Allows(tc.u, tc.unit); got != tc.want {
				t.Errorf("Allows = %v, want %v", got, tc.want)
			}
		})
	}
	if letters.SeesAllUnits(unit) || !letters.SeesAllUnits(both) {
		t.Error("SeesAllUnits: a unit leader sees only its units; a kommunedirektor sees all")
	}
}

func TestUser_Validate(t *testing.T) {
	for _, tc := range []struct {
		name string
		u    access.User
		want string // part of the error, "" for none
	}{
		{"ok", access.User{Name: "kari.nordmann", Roles: []access.Role{access.Okonomi}}, ""},
		{"enhet with unit", access.User{Name: "a", Roles: []access.Role{access.Enhet}, Units: []string{"3100"}}, ""},
		{"no role", access.User{Name: "a"}, "at least one --role"},
		{"enhet without unit", access.User{Name: "a", Roles: []access.Role{access.Enhet}}, "--unit"},
		{"unit without enhet", access.User{Name: "a", Roles: []access.Role{access.Admin}, Units: []string{"1"}}, "--role enhet"},
		{"role twice", access.User{Name: "a", Roles: []access.Role{access.Admin, access.Admin}}, "twice"},
		{"unknown role", access.User{Name: "a", Roles: []access.Role{"root"}}, "unknown role"},
		{"space in name", access.User{Name: "a b", Roles: []access.Role{access.Admin}}, "letters, digits"},
		{"empty name", access.User{Roles: []access.Role{access.Admin}}, "1 to 64"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.u.Validate()
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("Validate() = %v, want %q", err, tc.want)
			}
		})
	}
}

// cheap keeps the tests fast; the format records it, so it verifies.
var cheap = access.Argon2Params{Memory: 64, Time: 1, Threads: 1}

func TestHashPassword(t *testing.T) {
	h, err := access.HashPassword("riktig hest batteri", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") || strings.Contains(h, "hest") {
		t.Fatalf("hash %q: want the PHC argon2id form without the password", h)
	}
	h2, _ := access.HashPassword("riktig hest batteri", cheap)
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	for _, tc := range []struct {
		pw   string
		want bool
	}{
		{"riktig hest batteri", true},
		{"riktig hest batterI", false},
		{"", false},
		{strings.Repeat("x", access.MaxPasswordLen+1), false},
	} {
		if got := access.VerifyPassword(h, tc.pw); got != tc.want {
			t.Errorf("VerifyPassword(%.20q) = %v, want %v", tc.pw, got, tc.want)
		}
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5", h[:len(h)-5], "plaintext"} {
		if access.VerifyPassword(bad, "riktig hest batteri") {
			t.Errorf("malformed hash %q verified", bad)
		}
	}
	if _, err := access.HashPassword("kort", cheap); err == nil || strings.Contains(err.Error(), "kort") {
		t.Errorf("short password: err %v; want a refusal that does not repeat it", err)
	}
	if access.VerifyNobody("riktig hest batteri") {
		t.Error("VerifyNobody returned true")
	}
}

func TestNewToken(t *testing.T) {
	tok, hash := access.NewToken()
	if !access.LooksLikeToken(tok) || access.HashSecret(tok) != hash || strings.Contains(hash, tok) {
		t.Fatalf("token %q hash %q", tok, hash)
	}
	tok2, _ := access.NewToken()
	if tok == tok2 {
		t.Error("two tokens are equal")
	}
	for _, s := range []string{"", "hbt_", tok[4:], tok + "x", "Bearer " + tok} {
		if access.LooksLikeToken(s) {
			t.Errorf("LooksLikeToken(%q) = true", s)
		}
	}
}

func TestLifetimes_Live(t *testing.T) {
	l := access.Lifetimes{Idle: 30 * time.Minute, Absolute: 8 * time.Hour}
	t0 := time.Date(2027, 3, 1, 8, 0, 0, 0, time.UTC)
	s := access.Session{Created: t0, LastSeen: t0}
	for _, tc := range []struct {
		name     string
		lastSeen time.Time
		now      time.Time
		want     bool
	}{
		{"fresh", t0, t0.Add(time.Minute), true},
		{"idle too long", t0, t0.Add(31 * time.Minute), false},
		{"active but past absolute", t0.Add(8*time.Hour - time.Minute), t0.Add(8*time.Hour + time.Minute), false},
		{"active within absolute", t0.Add(7 * time.Hour), t0.Add(7*time.Hour + 10*time.Minute), true},
		{"clock before creation", t0, t0.Add(-time.Minute), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s.LastSeen = tc.lastSeen
			if got := l.Live(s, tc.now); got != tc.want {
				t.Errorf("Live = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestThrottle(t *testing.T) {
	th := &access.Throttle{Max: 3, Window: 10 * time.Minute}
	t0 := time.Date(2027, 3, 1, 8, 0, 0, 0, time.UTC)
	for i := range 3 {
		if th.Blocked("kari", t0) {
			t.Fatalf("blocked after %d failures", i)
		}
		th.Fail("kari", t0.Add(time.Duration(i)*time.Minute))
	}
	if !th.Blocked("kari", t0.Add(3*time.Minute)) {
		t.Error("not blocked after 3 failures")
	}
	if th.Blocked("ola", t0.Add(3*time.Minute)) {
		t.Error("another key is blocked")
	}
	if th.Blocked("kari", t0.Add(10*time.Minute+time.Second)) {
		t.Error("still blocked once the first failure left the window")
	}
	th.Reset("kari")
	if th.Blocked("kari", t0.Add(3*time.Minute)) {
		t.Error("blocked after Reset")
	}
}

type memRecorder []access.Event

func (m *memRecorder) Record(_ context.Context, e access.Event) error { *m = append(*m, e); return nil }

func TestRecord(t *testing.T) {
	var m memRecorder
	ctx := access.WithActor(context.Background(), access.Actor{Name: "kari", Addr: "10.0.0.7"})
	at := time.Date(2027, 3, 1, 8, 0, 0, 0, time.UTC)
	if err := access.Record(ctx, &m, at, access.ActionImport, "budget x.xlsx"); err != nil {
		t.Fatal(err)
	}
	want := access.Event{At: at, Actor: "kari", Addr: "10.0.0.7", Action: access.ActionImport, Detail: "budget x.xlsx"}
	if len(m) != 1 || m[0] != want {
		t.Errorf("got %+v, want %+v", m, want)
	}
	if err := access.Record(ctx, nil, at, access.ActionImport, ""); err != nil {
		t.Errorf("nil recorder: %v", err)
	}
}
