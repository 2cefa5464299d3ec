package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
)

// cmdUser manages local accounts: add, list, remove, passwd, token.
func cmdUser(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 {
		return usagef("user what? use: user add|list|remove|passwd|token")
	}
	sub, rest := args[0], args[1:]
	fs, dbFlag := newFlags("user "+sub, e)
	var roles, units listFlag
	var stdinPw *bool
	var asJSON *bool
	switch sub {
	case "add":
		fs.Var(&roles, "role", "a role: admin, okonomi, folkehelse, kommunedirektor, enhet, lesetilgang (repeatable)")
		fs.Var(&units, "unit", "a unit code the enhet role is bound to (repeatable)")
		stdinPw = fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	case "passwd":
		stdinPw = fs.Bool("password-stdin", true, "read the password from the first line of standard input (always)")
	case "list":
		asJSON = fs.Bool("json", false, "print JSON")
	case "remove", "token":
	default:
		return usagef("unknown user command %q: use add, list, remove, passwd or token", sub)
	}
	pos, err := parse(fs, rest)
	if err != nil {
		return err
	}
	if want := 1; sub == "list" {
		if len(pos) > 0 {
			return usagef("user list takes no arguments")
		}
	} else if len(pos) != want {
		return usagef("user %s takes one user NAME", sub)
	}
	db, err := openWorkspace(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = access.WithActor(ctx, cliActor(e))
	acc := &access.Accounts{Store: db}
	switch sub {
	case "add":
		return userAdd(ctx, acc, pos[0], roles, units, *stdinPw, e)
	case "list":
		return userList(ctx, acc, *asJSON, e)
	case "remove":
		if err := acc.Remove(ctx, pos[0]); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Removed user %s, its sessions and its tokens.\n", pos[0])
		return nil
	case "passwd":
		pw, err := readPassword(e)
		if err != nil {
			return err
		}
		if err := acc.Passwd(ctx, pos[0], pw); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Password of %s changed; its sessions are ended.\n", pos[0])
		return nil
	default: // token
		tok, err := acc.NewToken(ctx, pos[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "helsebudsjett: a new API token for %s; it is shown only now. Send it as 'Authorization: Bearer TOKEN'.\n", pos[0])
		fmt.Fprintln(e.stdout, tok)
		return nil
	}
}

func userAdd(ctx context.Context, acc *access.Accounts, name string, roles, units []string, stdinPw bool, e *env) error {
	u := access.User{Name: name, Units: units}
	for _, r := range roles {
		role, err := access.ParseRole(r)
		if err != nil {
			return err
		}
		u.Roles = append(u.Roles, role)
	}
	pw := ""
	if stdinPw {
		var err error
		if pw, err = readPassword(e); err != nil {
			return err
		}
	}
	u, err := acc.Add(ctx, u, pw)
	if err != nil {
		return err
	}
	how := "with a password"
	if pw == "" {
		how = "without a password (single sign-on or `user token` only)"
	}
	fmt.Fprintf(e.stdout, "Added user %s %s: %s.\n", u.Name, how, rolesText(u))
	return nil
}

func userList(ctx context.Context, acc *access.Accounts, asJSON bool, e *env) error {
	us, err := acc.List(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		if us == nil {
			us = []access.User{}
		}
		writeJSON(e.stdout, us)
		return nil
	}
	if len(us) == 0 {
		fmt.Fprintln(e.stdout, "No users. Add the first admin: helsebudsjett user add NAME --role admin --password-stdin")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tROLES")
	for _, u := range us {
		fmt.Fprintf(tw, "%s\t%s\n", u.Name, rolesText(u))
	}
	return tw.Flush()
}

// rolesText is "enhet (3100, 3200), lesetilgang", with "(demo)" for demo users.
func rolesText(u access.User) string {
	var parts []string
	for _, r := range u.Roles {
		s := string(r)
		if r == access.Enhet {
			s += " (" + strings.Join(u.Units, ", ") + ")"
		}
		parts = append(parts, s)
	}
	s := strings.Join(parts, ", ")
	if u.Demo {
		s += " (demo)"
	}
	return s
}

// readPassword reads the first line of standard input. The password is
// never echoed, logged or put in an error.
func readPassword(e *env) (string, error) {
	if e.stdin == nil {
		return "", budget.Errorf(budget.EINVALID, "no password on standard input: pipe it in, as in: printf '%%s\\n' \"$PW\" | helsebudsjett user add …")
	}
	line, err := bufio.NewReaderSize(io.LimitReader(e.stdin, access.MaxPasswordLen+2), access.MaxPasswordLen+2).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read the password: %w", err)
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", budget.Errorf(budget.EINVALID, "no password on standard input: pipe it in, as in: printf '%%s\\n' \"$PW\" | helsebudsjett user add …")
	}
	return pw, access.CheckPassword(pw)
}

// cliActor names the command line's user in the audit log: "cli:" and the
// login name.
func cliActor(e *env) access.Actor {
	for _, k := range []string{"USER", "LOGNAME", "USERNAME"} {
		if v := e.getenv(k); v != "" {
			return access.Actor{Name: "cli:" + v}
		}
	}
	return access.Actor{Name: "cli"}
}

// listFlag collects a repeated flag; "a,b" counts as two.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

var _ access.Store = (*sqlite.DB)(nil)
