package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestImportMeasures_HeaderOnly: a header-only measures file is refused
// (exit 3) unless --replace-all says every measure is to go.
func TestImportMeasures_HeaderOnly(t *testing.T) {
	dir := t.TempDir()
	f := write(t, dir, "tiltak.csv", "Nr;Tiltak;Ansvarlig;Innsatstype\n")
	code, _, stderr := cli(t, dir, "import", "measures", f)
	if code != exitRejected || !strings.Contains(stderr, "--replace-all") {
		t.Errorf("exit %d, want %d naming --replace-all; stderr %s", code, exitRejected, stderr)
	}
	if code, _, stderr := cli(t, dir, "import", "measures", f, "--replace-all"); code != exitOK {
		t.Errorf("with --replace-all: exit %d: %s", code, stderr)
	}
}

// TestMessages_noMapSyntax: a file with no budget lines says what was
// skipped in words, not as a Go map.
func TestMessages_noMapSyntax(t *testing.T) {
	dir := t.TempDir()
	f := write(t, dir, "tom.csv", "Ansvar;Funksjon;Art;Beløp\n\nSum;;;0\n")
	code, _, stderr := cli(t, dir, "import", "budget", f, "--year", "2027")
	if code != exitRejected || strings.Contains(stderr, "map[") || !strings.Contains(stderr, "skipped: ") {
		t.Errorf("exit %d, stderr %s: want exit 3 and the skipped rows in words", code, stderr)
	}
}

// TestMessages_sheetList: a workbook of many sheets is named by at most
// 20 of them in a message.
func TestMessages_sheetList(t *testing.T) {
	dir := t.TempDir()
	x := excelize.NewFile()
	for i := 2; i <= 30; i++ {
		if _, err := x.NewSheet(fmt.Sprintf("Ark%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	x.SetCellValue("Ark30", "A1", "Ansvar")
	p := filepath.Join(dir, "mange.xlsx")
	if err := x.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"import", "budget", p, "--year", "2027", "--sheet", "Budsjett"},
		{"import", "report", p},
	} {
		t.Run(args[1], func(t *testing.T) {
			code, _, stderr := cli(t, dir, args...)
			if code != exitRejected {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if n := strings.Count(stderr, `"Ark`) + strings.Count(stderr, `"Sheet1"`); n > 20 || !strings.Contains(stderr, "and 10 more") {
				t.Errorf("%d sheet names listed, want 20 and \"and 10 more\": %s", n, stderr)
			}
		})
	}
}
