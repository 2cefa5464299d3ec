package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
	"github.com/helsebudsjett/helsebudsjett/reports/letters"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// TestLetters_CLI runs the demo and then the letters command on its
// workspace: the demo's letters are there, --unit and --lang nn write one
// letter, a changed letter is refused without --force (exit 3, nothing
// written) and replaced with it, and the totals match the workbook's
// Finansiering sheet.
func TestLetters_CLI(t *testing.T) {
	dir := t.TempDir()
	copyDemo(t, dir)
	demo := filepath.Join(dir, "helsebudsjett-demo")
	dbFile := filepath.Join(demo, "helsebudsjett.db")
	entries, err := os.ReadDir(filepath.Join(demo, "oppdragsbrev-2027"))
	if err != nil || len(entries) < 10 {
		t.Fatalf("demo letters: %v, %d files", err, len(entries))
	}

	out := filepath.Join(dir, "brev")
	args := []string{"letters", "--db", dbFile, "--year", "2027", "--unit", "nav", "--lang", "nn", "-o", out,
		"--config", filepath.Join(demo, "brev.yaml"), "--json"}
	code, stdout, stderr := cli(t, dir, args...)
	if code != exitOK {
		t.Fatalf("letters exit %d\n%s", code, stderr)
	}
	var res letters.Result
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Letters) != 1 || !strings.HasSuffix(res.Letters[0].Path, "oppdragsbrev-2027-nav-fjordvik-kommunal-del.pdf") {
		t.Fatalf("letters = %+v", res.Letters)
	}
	before, _ := os.ReadFile(res.Letters[0].Path)
	code, _, stderr = cli(t, dir, append(args, "--date", "2027-01-11")...)
	if code != exitRejected || !strings.Contains(stderr, "--force") {
		t.Fatalf("changed letter without --force: exit %d\n%s", code, stderr)
	}
	if after, _ := os.ReadFile(res.Letters[0].Path); string(after) != string(before) {
		t.Error("a refused run changed the letter")
	}
	if code, _, stderr = cli(t, dir, append(args, "--date", "2027-01-11", "--force")...); code != exitOK {
		t.Fatalf("--force: exit %d\n%s", code, stderr)
	}
	if code, _, _ = cli(t, dir, "letters", "--db", dbFile, "--year", "2027", "--unit", "nope", "-o", out); code == exitOK {
		t.Error("an unknown unit is accepted")
	}
	if code, _, _ = cli(t, dir, "letters", "--db", dbFile, "--year", "2027", "--lang", "se"); code != exitUsage {
		t.Errorf("--lang se: exit %d, want usage", code)
	}
	// Without --config the letters would have no references or signatory:
	// refused, naming what is missing, unless --draft marks them UTKAST.
	drafts := filepath.Join(dir, "utkast")
	code, _, stderr = cli(t, dir, "letters", "--db", dbFile, "--year", "2027", "--unit", "nav", "-o", drafts)
	if code != exitRejected || !strings.Contains(stderr, "Vår ref.") || !strings.Contains(stderr, "Saksbehandler") || !strings.Contains(stderr, "signatory") {
		t.Errorf("letters without --config: exit %d, want %d naming the missing fields\n%s", code, exitRejected, stderr)
	}
	if _, err := os.Stat(drafts); err == nil {
		t.Error("a refused run wrote letters")
	}
	code, stdout, stderr = cli(t, dir, "letters", "--db", dbFile, "--year", "2027", "--unit", "nav", "-o", drafts, "--draft", "--json")
	if code != exitOK {
		t.Fatalf("--draft: exit %d\n%s", code, stderr)
	}
	var draft letters.Result
	if err := json.Unmarshal([]byte(stdout), &draft); err != nil || len(draft.Letters) != 1 {
		t.Fatalf("--draft: %v %s", err, stdout)
	}
	if pages := pdfPages(t, draft.Letters[0].Path); len(pages) != draft.Letters[0].Pages {
		t.Errorf("%d pages of text, want %d", len(pages), draft.Letters[0].Pages)
	} else {
		for i, p := range pages {
			if !strings.Contains(p, "UTKAST") {
				t.Errorf("draft page %d is not marked UTKAST", i+1)
			}
		}
	}

	// Every letter's total equals the workbook's Finansiering sheet.
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dbFile)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cat, _ := catalogue(ctx, db)
	w, _, _ := runner.InForce(ctx, db)
	src, err := letters.Load(ctx, db, cat, w, 2027, letters.Financing(db))
	if err != nil {
		t.Fatal(err)
	}
	ufs, err := model.Financing(ctx, db, src.Keys)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, uf := range ufs {
		l, err := src.Letter(uf.Unit.Code, letters.Options{})
		if err != nil {
			t.Fatalf("%s: %v", uf.Unit.Code, err)
		}
		for k := range uf.Total {
			if l.Budget.Total[k] != uf.Total[k] {
				t.Errorf("%s %d: letter total %d øre, workbook %d", uf.Unit.Code, src.Keys[k].Year, l.Budget.Total[k], uf.Total[k])
			}
		}
		checked++
	}
	if checked < 10 {
		t.Errorf("compared %d units with the workbook", checked)
	}
}

// TestLetters_WheelAction runs the wheel on the day of the oppdragsbrev:
// the letters action writes the letters with the same code.
func TestLetters_WheelAction(t *testing.T) {
	dir := t.TempDir()
	copyDemo(t, dir)
	dbFile := filepath.Join(dir, "helsebudsjett-demo", "helsebudsjett.db")
	if code, _, stderr := cli(t, dir, "wheel", "import", "--db", dbFile, "--active-from", "2027-01-01", filepath.Join("..", "..", "templates", "arshjul.yaml")); code != exitOK {
		t.Fatalf("wheel import: %s", stderr)
	}
	ut := filepath.Join(dir, "ut")
	code, stdout, stderr := cli(t, dir, "wheel", "run-due", "--db", dbFile, "--now", "2027-01-04T09:00", "--out", ut)
	if code != exitOK {
		t.Fatalf("run-due exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "oppdragsbrev") || !strings.Contains(stdout, "done") {
		t.Errorf("run-due did not run the letters:\n%s", stdout)
	}
	letterDir := filepath.Join(ut, "2027", "oppdragsbrev")
	for _, name := range []string{"manifest.csv", "oppdragsbrev-2027-alle-enheter.pdf", "oppdragsbrev-2027-bydel-sjøsiden.pdf"} {
		if _, err := os.Stat(filepath.Join(letterDir, name)); err != nil {
			t.Errorf("the wheel's letters action did not write %s: %v", name, err)
		}
	}
}

// pdfPages is the text of each page of the PDF at path (pdftotext).
func pdfPages(t *testing.T, path string) []string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	out, err := exec.Command(bin, "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
}
