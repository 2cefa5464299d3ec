package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDemo_sampleFolderHoldsEveryImportedFile checks that the demo leaves
// every file it imports in sample/, so the user can open and re-import it.
func TestDemo_sampleFolderHoldsEveryImportedFile(t *testing.T) {
	demo, _ := copyDemo(t, t.TempDir())
	for _, name := range []string{"okonomiplan-2027-2030.xlsx", "regnskap-2026.csv", "omrader.csv", "targets.csv",
		"enheter.csv", "tiltak.csv", "vurdering.csv", "indikatorer/trangboddhet.csv", "indikatorer/sysselsetting.xlsx"} {
		if fi, err := os.Stat(filepath.Join(demo, "sample", name)); err != nil || fi.Size() == 0 {
			t.Errorf("sample/%s: %v", name, err)
		}
	}
}

// TestDemo_hintsWorkAsPrinted runs every command the demo suggests, as
// printed (with the demo's folder moved to the test's copy), and expects
// each to succeed.
func TestDemo_hintsWorkAsPrinted(t *testing.T) {
	demo, stdout := copyDemo(t, t.TempDir())
	var hints []string
	for _, line := range strings.Split(stdout, "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "try:"))
		if strings.HasPrefix(line, "helsebudsjett ") {
			hints = append(hints, line)
		}
	}
	if len(hints) < 5 {
		t.Fatalf("the demo printed %d hints:\n%s", len(hints), stdout)
	}
	for _, h := range hints {
		t.Run(h, func(t *testing.T) {
			h = strings.ReplaceAll(h, sharedDemo.dir, demo)
			args := strings.Fields(strings.TrimPrefix(h, "helsebudsjett "))
			var out, errOut bytes.Buffer
			e := &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }, workdir: t.TempDir()}
			if code := run(context.Background(), args, e); code != exitOK {
				t.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
			}
			if out.Len() == 0 {
				t.Errorf("printed nothing")
			}
		})
	}
}
