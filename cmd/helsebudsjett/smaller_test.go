package main

import (
	"strings"
	"testing"
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
