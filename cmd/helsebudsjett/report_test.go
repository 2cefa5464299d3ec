package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
)

func TestReport(t *testing.T) {
	dir := t.TempDir()
	copyDemo(t, dir)
	demo := filepath.Join(dir, "helsebudsjett-demo")
	db := filepath.Join(demo, "helsebudsjett.db")
	for _, name := range []string{"arsrapport-2026-intern.pdf", "arsrapport-2026-offentlig.pdf"} {
		if fi, err := os.Stat(filepath.Join(demo, name)); err != nil || fi.Size() < 10_000 {
			t.Errorf("demo did not write %s: %v", name, err)
		}
	}

	t.Run("same workspace, same bytes", func(t *testing.T) {
		a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf")
		for _, p := range []string{a, b} {
			if code, out, stderr := cli(t, dir, "report", "--db", db, "--year", "2026", "--public", "-o", p); code != exitOK {
				t.Fatalf("report exit %d\n%s\n%s", code, out, stderr)
			}
		}
		da, _ := os.ReadFile(a)
		db2, _ := os.ReadFile(b)
		demoPub, _ := os.ReadFile(filepath.Join(demo, "arsrapport-2026-offentlig.pdf"))
		if !bytes.Equal(da, db2) || !bytes.Equal(da, demoPub) {
			t.Error("the same workspace gave different reports")
		}
	})
	t.Run("json", func(t *testing.T) {
		code, out, stderr := cli(t, dir, "report", "--db", db, "--year", "2026", "--json", "--lang", "nn")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var r struct {
			Year       int               `json:"year"`
			Lang       string            `json:"lang"`
			Indicators []json.RawMessage `json:"indicators"`
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		if r.Year != 2026 || r.Lang != "nn" || len(r.Indicators) == 0 {
			t.Errorf("json: year %d, lang %s, %d indicators", r.Year, r.Lang, len(r.Indicators))
		}
	})
	t.Run("exit codes", func(t *testing.T) {
		for _, tc := range []struct {
			args []string
			want int
		}{
			{[]string{"report", "--db", db, "-o", "x.pdf"}, exitUsage},
			{[]string{"report", "--db", db, "--year", "2026"}, exitUsage},
			{[]string{"report", "--db", db, "--year", "2026", "--lang", "se", "-o", "x.pdf"}, exitUsage},
			{[]string{"report", "--db", db, "--year", "1999", "-o", filepath.Join(dir, "x.pdf")}, exitRejected},
		} {
			if code, _, stderr := cli(t, dir, tc.args...); code != tc.want {
				t.Errorf("%v: exit %d, want %d (%s)", tc.args, code, tc.want, stderr)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
			t.Error("a rejected report left a file")
		}
	})
	t.Run("wheel action", func(t *testing.T) {
		ctx := context.Background()
		ws, err := sqlite.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		defer ws.Close()
		out := filepath.Join(dir, "ut")
		at := time.Date(2027, 3, 1, 8, 0, 0, 0, wheel.Oslo())
		files, err := documents.ReportAction(ws, documents.OpenFunc(ws), out)(ctx, wheel.Occurrence{Task: &wheel.Task{ID: "arsrapport", Action: wheel.Report}, At: at})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{filepath.Join(out, "2027", "rapporter", "arsrapport-2026-intern.pdf"),
			filepath.Join(out, "2027", "rapporter", "arsrapport-2026-offentlig.pdf")}
		if len(files) != 2 || files[0] != want[0] || files[1] != want[1] {
			t.Errorf("files: got %v, want %v", files, want)
		}
	})
}
