package tertial_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
)

// TestForm_LongText: a comment longer than a spreadsheet cell holds (as
// another program than Excel may write) is an error naming row and column,
// never stored cut short. excelize cuts long texts when it writes, so the
// test puts the text into the file's XML itself.
func TestForm_LongText(t *testing.T) {
	p := writeForm(t, form())
	edit(t, p, map[string]any{"D8": "i rute", "F8": "PLACEHOLDER"})
	replaceInZip(t, p, "PLACEHOLDER", strings.Repeat("å", 40000))
	res := read(t, p, tertial.Options{})
	if len(res.Errors) != 1 {
		t.Fatalf("errors %+v, want one", res.Errors)
	}
	e := res.Errors[0]
	if e.Row != 8 || e.Column != "F" || !strings.Contains(e.Message, "40000 characters") {
		t.Errorf("error %+v, want row 8, column F and the length", e)
	}
	for _, r := range res.Reports {
		if r.Measure == "1" {
			t.Errorf("the report with the long comment was kept: %d characters", len(r.Comment))
		}
	}
}

// replaceInZip replaces old by new in every XML part of the zip file at p.
func replaceInZip(t *testing.T, p, old, new string) {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	found := false
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f.Name, ".xml") && bytes.Contains(data, []byte(old)) {
			data, found = bytes.ReplaceAll(data, []byte(old), []byte(new)), true
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	zr.Close()
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if !found {
		t.Fatalf("%q not in %s", old, p)
	}
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
