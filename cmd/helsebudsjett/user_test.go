package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
)

// cliIn runs the CLI with stdin and USER=ola.
func cliIn(t *testing.T, dir, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, workdir: dir,
		getenv: func(k string) string {
			if k == "USER" {
				return "ola"
			}
			return ""
		}}
	code := run(context.Background(), args, e)
	return code, out.String(), errOut.String()
}

func TestUserCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	const pw = "et langt nok passord"
	code, out, errOut := cliIn(t, dir, pw+"\n", "user", "add", "leder", "--role", "enhet", "--unit", "3100", "--unit", "3200",
		"--role", "lesetilgang", "--password-stdin", "--db", db)
	if code != 0 || !strings.Contains(out, "Added user leder with a password: enhet (3100, 3200), lesetilgang") {
		t.Fatalf("user add: %d %q %q", code, out, errOut)
	}
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"name taken", pw, []string{"user", "add", "LEDER", "--role", "admin", "--password-stdin"}, 1, "exists already"},
		{"unknown role", pw, []string{"user", "add", "x", "--role", "root", "--password-stdin"}, 3, "unknown role"},
		{"enhet without unit", pw, []string{"user", "add", "x", "--role", "enhet", "--password-stdin"}, 3, "--unit"},
		{"short password", "kort\n", []string{"user", "add", "x", "--role", "admin", "--password-stdin"}, 3, "at least 12"},
		{"empty stdin", "", []string{"user", "add", "x", "--role", "admin", "--password-stdin"}, 3, "no password on standard input"},
		{"no name", "", []string{"user", "add", "--role", "admin"}, 2, "one user NAME"},
		{"remove nobody", "", []string{"user", "remove", "nobody"}, 3, "no user named nobody"},
		{"unknown subcommand", "", []string{"user", "grant"}, 2, "unknown user command"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := cliIn(t, dir, tc.stdin, append(tc.args, "--db", db)...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, tc.code, tc.want)
			}
			if strings.Contains(out+errOut, "kort") {
				t.Errorf("the password is repeated: %q %q", out, errOut)
			}
		})
	}
	code, out, _ = cliIn(t, dir, "", "user", "add", "robot", "--role", "okonomi", "--db", db)
	if code != 0 || !strings.Contains(out, "without a password") {
		t.Fatalf("user add without password: %d %q", code, out)
	}
	code, out, _ = cliIn(t, dir, "", "user", "list", "--json", "--db", db)
	var us []access.User
	if err := json.Unmarshal([]byte(out), &us); code != 0 || err != nil {
		t.Fatalf("user list --json: %d %v %q", code, err, out)
	}
	want := []access.User{
		{Name: "leder", Roles: []access.Role{access.Enhet, access.Lesetilgang}, Units: []string{"3100", "3200"}},
		{Name: "robot", Roles: []access.Role{access.Okonomi}},
	}
	if !reflect.DeepEqual(us, want) {
		t.Errorf("user list --json = %+v, want %+v", us, want)
	}

	code, tok, errOut := cliIn(t, dir, "", "user", "token", "robot", "--db", db)
	tok = strings.TrimSpace(tok)
	if code != 0 || !access.LooksLikeToken(tok) || !strings.Contains(errOut, "Authorization: Bearer") {
		t.Fatalf("user token: %d %q %q", code, tok, errOut)
	}
	code, _, errOut = cliIn(t, dir, "ny passordfrase 2027\n", "user", "passwd", "leder", "--db", db)
	if code != 0 {
		t.Fatalf("user passwd: %d %q", code, errOut)
	}

	ws, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	acc := &access.Accounts{Store: ws}
	if _, err := acc.Authenticate(context.Background(), "leder", "ny passordfrase 2027", "a"); err != nil {
		t.Errorf("the password set by user passwd does not sign in: %v", err)
	}
	if u, err := ws.UserByToken(context.Background(), access.HashSecret(tok), ws.Now()); err != nil || u.Name != "robot" {
		t.Errorf("the printed token is not robot's: %+v %v", u, err)
	}
	ws.Close()

	code, _, _ = cliIn(t, dir, "", "user", "remove", "robot", "--db", db)
	if code != 0 {
		t.Fatal("user remove")
	}
	_, out, _ = cliIn(t, dir, "", "user", "list", "--db", db)
	if strings.Contains(out, "robot") || !strings.Contains(out, "leder") {
		t.Errorf("user list after remove:\n%s", out)
	}

	// The audit log holds every change, by the command line's user, and no secret.
	code, out, _ = cliIn(t, dir, "", "audit", "list", "--json", "--db", db)
	var log []access.Event
	if err := json.Unmarshal([]byte(out), &log); code != 0 || err != nil {
		t.Fatalf("audit list --json: %d %v", code, err)
	}
	var got []string
	for _, e := range log {
		got = append(got, e.Actor+" "+e.Action+" "+e.Detail)
		if strings.Contains(e.Detail, "passord") || strings.Contains(e.Detail, tok) {
			t.Errorf("a secret in the audit log: %+v", e)
		}
	}
	wantLog := []string{
		"cli:ola user.add leder roles=enhet,lesetilgang units=3100,3200",
		"cli:ola user.add robot roles=okonomi",
		"cli:ola user.token robot",
		"cli:ola user.passwd leder",
		"cli:ola user.remove robot",
	}
	if !reflect.DeepEqual(got, wantLog) {
		t.Errorf("audit log:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantLog, "\n"))
	}
	_, out, _ = cliIn(t, dir, "", "audit", "list", "--limit", "1", "--db", db)
	if !strings.Contains(out, "user.remove") || strings.Contains(out, "user.add") {
		t.Errorf("audit list --limit 1:\n%s", out)
	}
}

func TestBackupCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	if code, _, errOut := cliIn(t, dir, "", "user", "add", "robot", "--role", "okonomi", "--db", db); code != 0 {
		t.Fatal(errOut)
	}
	out := filepath.Join(dir, "kopi.db")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"over the workspace", []string{"backup", "-o", db}, 3, "workspace"},
		{"no -o", []string{"backup"}, 2, "-o FILE"},
		{"written", []string{"backup", "-o", out}, 0, ""},
		{"exists", []string{"backup", "-o", out}, 3, "--force"},
		{"forced", []string{"backup", "-o", out, "--force"}, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := cliIn(t, dir, "", append(tc.args, "--db", db)...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d %q; want %d and %q", code, errOut, tc.code, tc.want)
			}
		})
	}
	_, list, _ := cliIn(t, dir, "", "user", "list", "--db", out)
	if !strings.Contains(list, "robot") {
		t.Errorf("the copy's users:\n%s", list)
	}
	_, log, _ := cliIn(t, dir, "", "audit", "list", "--action", "backup", "--db", out)
	if !strings.Contains(log, "cli:ola") || !strings.Contains(log, "kopi.db") {
		t.Errorf("the copy's audit log does not hold the backup:\n%s", log)
	}
}
