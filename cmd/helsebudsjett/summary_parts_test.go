package main

import (
	"regexp"
	"strings"
	"testing"
)

// TestSummary_parts: with drift and investering current for a year, a
// summary by any field ends with the sum and what each part holds of it;
// by part, the rows are the parts and are not repeated under the sum.
func TestSummary_parts(t *testing.T) {
	dir, db := demoWorkspace(t)
	inv := write(t, dir, "investering-2027.csv", "ansvar;funksjon;art;prosjekt;Vedtatt budsjett 2027\n"+
		"3100;232;020;P100;2 500 000,00\n3100;232;910;P100;-2 000 000,00\n")
	if code, _, stderr := cli(t, dir, "import", "budget", inv, "--db", db, "--part", "investering"); code != exitOK {
		t.Fatalf("import investering: exit %d: %s", code, stderr)
	}
	code, out, stderr := cli(t, dir, "budget", "summary", "--db", db, "--year", "2027", "--by", "funksjon")
	if code != exitOK {
		t.Fatalf("summary by funksjon: exit %d: %s", code, stderr)
	}
	if !regexp.MustCompile(`of which investering\s+2\s+500 000,00`).MatchString(out) {
		t.Errorf("summary by funksjon does not say what the investeringsdel holds:\n%s", out)
	}
	code, out, stderr = cli(t, dir, "budget", "summary", "--db", db, "--year", "2027", "--by", "part")
	if code != exitOK {
		t.Fatalf("summary by part: exit %d: %s", code, stderr)
	}
	if strings.Contains(out, "of which") || !regexp.MustCompile(`investering\s+2\s+500 000,00`).MatchString(out) {
		t.Errorf("summary by part: want the parts as rows, once:\n%s", out)
	}
}
