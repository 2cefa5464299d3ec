package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestReport_HTML writes the demo's public report as a web page, checks
// that the folder holds the page and its stylesheet with the report's
// title, and that an existing folder is refused without --force and,
// with --force, still refused when it holds a file the report does not
// write; that file is left as it was.
func TestReport_HTML(t *testing.T) {
	dir, dbFile := demoWorkspace(t)
	out := filepath.Join(dir, "nettside")
	year := strconv.Itoa(demoAnnualYear)
	args := []string{"report", "--db", dbFile, "--year", year, "--public", "--lang", "nn", "--format", "html", "-o", out}
	code, stdout, stderr := cli(t, dir, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `<html lang="nn">`) || !strings.Contains(string(page), "Årsrapport for helsebudsjettet "+year) {
		t.Errorf("the page is not the nynorsk report of %s:\n%.400s", year, page)
	}
	if _, err := os.Stat(filepath.Join(out, "rapport.css")); err != nil {
		t.Error(err)
	}
	if code, _, stderr := cli(t, dir, args...); code != exitRejected || !strings.Contains(stderr, "exists") {
		t.Errorf("over the folder without --force: exit %d, %s", code, stderr)
	}
	if code, _, stderr := cli(t, dir, append(args, "--force")...); code != exitOK {
		t.Errorf("--force over an earlier page: exit %d, %s", code, stderr)
	}
	mine := filepath.Join(out, "notat.txt")
	if err := os.WriteFile(mine, []byte("mitt"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := cli(t, dir, append(args, "--force")...); code != exitRejected || !strings.Contains(stderr, "notat.txt") {
		t.Errorf("--force over a folder with a user's file: exit %d, %s", code, stderr)
	}
	if b, err := os.ReadFile(mine); err != nil || string(b) != "mitt" {
		t.Errorf("the user's file: %q %v", b, err)
	}
	if code, _, stderr := cli(t, dir, "report", "--db", dbFile, "--year", year, "--format", "docx", "-o", out); code != exitUsage {
		t.Errorf("--format docx: exit %d, %s", code, stderr)
	}
}
