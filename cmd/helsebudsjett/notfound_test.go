package main

import (
	"strings"
	"testing"
)

// TestNotFound_exit3: whichever command meets it, a thing asked for that
// does not exist exits 3 with the store's or catalogue's own message, not
// 1 like an I/O failure or 2 like a misspelt flag.
func TestNotFound_exit3(t *testing.T) {
	dir, db := demoWorkspace(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"budget", "summary", "--db", db, "--year", "2031", "--by", "funksjon"}, "no budget for 2031 vedtatt: the workspace has"},
		{[]string{"budget", "lines", "--db", db, "--year", "2031", "--csv"}, "no budget for 2031 vedtatt: the workspace has"},
		{[]string{"indicators", "show", "finnes-ikke", "--db", db}, `unknown indicator "finnes-ikke"`},
		{[]string{"indicators", "trajectory", "finnes-ikke", "--db", db}, `unknown indicator "finnes-ikke"`},
	} {
		t.Run(strings.Join(tc.args[:2], " "), func(t *testing.T) {
			code, _, stderr := cli(t, dir, tc.args...)
			if code != exitRejected || !strings.Contains(stderr, tc.want) {
				t.Errorf("%q: exit %d, stderr %q; want %d saying %q", tc.args, code, stderr, exitRejected, tc.want)
			}
		})
	}
}
