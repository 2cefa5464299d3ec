package main

import (
	"os"
	"path/filepath"
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
		{[]string{"indicators", "show", "lavinntekt", "--area", "999999", "--db", db}, `--area: area "999999" not found; the closest are`},
		{[]string{"indicators", "trajectory", "lavinntekt", "--area", "999999", "--db", db}, `--area: area "999999" not found; the closest are`},
		{[]string{"letters", "--db", db, "--year", "2031", "--draft", "-o", filepath.Join(dir, "brev-2031")}, "no budget for 2031 vedtatt: the workspace has"},
	} {
		t.Run(strings.Join(tc.args[:3], " "), func(t *testing.T) {
			code, _, stderr := cli(t, dir, tc.args...)
			if code != exitRejected || !strings.Contains(stderr, tc.want) {
				t.Errorf("%q: exit %d, stderr %q; want %d saying %q", tc.args, code, stderr, exitRejected, tc.want)
			}
			if tc.args[0] == "letters" {
				if _, err := os.Stat(filepath.Join(dir, "brev-2031")); !os.IsNotExist(err) {
					t.Errorf("letters for a year without a budget left %s behind (%v)", filepath.Join(dir, "brev-2031"), err)
				}
			}
		})
	}
}
