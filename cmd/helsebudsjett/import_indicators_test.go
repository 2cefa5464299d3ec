package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
)

const sampleAreas = "../../templates/sample/omrader.csv"

func TestImportIndicators_CLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	code, out, stderr := cli(t, dir, "import", "areas", sampleAreas, "--db", db)
	if code != exitOK || !strings.Contains(out, "imported 9 areas") {
		t.Fatalf("import areas: exit %d\n%s\n%s", code, out, stderr)
	}
	f := write(t, dir, "trang.csv", "Bydel;År;Innvandringsbakgrunn;Andel\nSt.Sentrum;2024;totalt;0,105\n"+
		"Nordbyen;2024;totalt;0,21\nNordbyen;2024;innvandrere;0,35\nElvebakken;2024;totalt;..\n")
	// An unknown geography: rejected, exit 3, the closest names listed.
	code, out, _ = cli(t, dir, "import", "indicators", f, "--db", db, "--indicator", "trangboddhet", "--scale", "fraction", "--json")
	var got indicatorimport.FileResult
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != exitRejected {
		t.Fatalf("exit %d, %v: %s", code, err, out)
	}
	if got.Status != "rejected" || len(got.Errors) != 1 || got.Errors[0].Row != 2 || !strings.Contains(got.Errors[0].Message, "Sentrum") {
		t.Errorf("json = %+v", got)
	}

	f = write(t, dir, "trang.csv", strings.Replace(mustRead(t, f), "St.Sentrum", "SENTRUM", 1))
	mapping := filepath.Join(dir, "trang.yaml")
	code, out, stderr = cli(t, dir, "import", "indicators", f, "--db", db, "--indicator", "trangboddhet", "--scale", "fraction",
		"--where", "Innvandringsbakgrunn=totalt", "--save-mapping", mapping, "--json")
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != exitOK {
		t.Fatalf("exit %d, %v: %s %s", code, err, out, stderr)
	}
	if got.Status != "imported" || got.Values != 3 || got.Missing != 1 || got.Skipped["where"] != 1 || len(got.Vintages) != 1 {
		t.Errorf("json = %+v", got)
	}
	code, out, _ = cli(t, dir, "import", "indicators", f, "--db", db, "--mapping", mapping, "--json")
	if code != exitOK || !strings.Contains(out, `"status": "unchanged"`) {
		t.Errorf("same file with the saved mapping: exit %d %s", code, out)
	}
	for _, args := range [][]string{
		{"import", "indicators"},
		{"import", "indicators", f, "--scale", "tenths"},
		{"import", "indicators", f, "--where", "novalue"},
		{"import", "areas"},
	} {
		if code, _, _ := cli(t, dir, append(args, "--db", db)...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A corrected --scale on the same file replaces the earlier vintage and
// says so; error counts are the same in the text and in --json.
func TestImportIndicators_CLI_ReplaceAndCounts(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	if code, out, stderr := cli(t, dir, "import", "areas", sampleAreas, "--db", db); code != exitOK {
		t.Fatalf("import areas: exit %d\n%s\n%s", code, out, stderr)
	}
	f := write(t, dir, "b.csv", "Bydel;År;Andel\nSentrum;2024;0,105\nNordbyen;2024;0,21\nSjøsiden;2024;0,3\n")
	if code, out, stderr := cli(t, dir, "import", "indicators", f, "--db", db, "--indicator", "barn-lavinntekt"); code != exitOK {
		t.Fatalf("first import: exit %d\n%s\n%s", code, out, stderr)
	}
	code, out, stderr := cli(t, dir, "import", "indicators", f, "--db", db, "--indicator", "barn-lavinntekt", "--scale", "fraction")
	if code != exitOK || !strings.Contains(out, "imported 3 values") || !strings.Contains(out, "replaces vintage 1") {
		t.Errorf("corrected import: exit %d\n%s\n%s", code, out, stderr)
	}
	code, out, _ = cli(t, dir, "import", "indicators", f, "--db", db, "--indicator", "barn-lavinntekt", "--scale", "fraction")
	if code != exitOK || !strings.Contains(out, "nothing changed") {
		t.Errorf("the same again: exit %d\n%s", code, out)
	}

	// Nordbyn twice: one error listed, two counted, in both outputs.
	bad := write(t, dir, "bad.csv", "Bydel;År;Andel\nNordbyn;2023;10\nNordbyn;2024;11\n")
	code, out, stderr = cli(t, dir, "import", "indicators", bad, "--db", db, "--indicator", "barn-lavinntekt")
	if code != exitRejected || !strings.Contains(out, "rejected, 2 row error(s)") {
		t.Errorf("text: exit %d\n%s\n%s", code, out, stderr)
	}
	code, out, _ = cli(t, dir, "import", "indicators", bad, "--db", db, "--indicator", "barn-lavinntekt", "--json")
	var got indicatorimport.FileResult
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != exitRejected {
		t.Fatalf("exit %d, %v: %s", code, err, out)
	}
	if got.ErrorCount != 2 {
		t.Errorf("json error_count = %d, want 2 as the text says", got.ErrorCount)
	}
}
