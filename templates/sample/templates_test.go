package sample

import (
	"archive/zip"
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite templates/sample from the generator")

// committed is where the module keeps the generated sample files: beside
// the generator, which embeds them (Files).
const committed = "."

// TestTemplatesUpToDate fails when the committed sample files differ from
// what the generator writes now, so they cannot drift; -update rewrites
// them. The xlsx is compared byte for byte first; should a new Go release
// compress differently, it is compared entry by entry instead, since the
// unzipped contents are what an importer sees.
func TestTemplatesUpToDate(t *testing.T) {
	if *update {
		if err := WriteTemplates(committed); err != nil {
			t.Fatal(err)
		}
	}
	fresh := t.TempDir()
	if err := WriteTemplates(fresh); err != nil {
		t.Fatal(err)
	}
	for _, name := range TemplateFiles() {
		want, err := os.ReadFile(filepath.Join(fresh, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(committed, name))
		if err != nil {
			t.Errorf("%v: run go test ./templates/sample -run TestTemplatesUpToDate -update", err)
			continue
		}
		if bytes.Equal(got, want) {
			continue
		}
		if filepath.Ext(name) == ".xlsx" && sameZipContents(t, got, want) {
			t.Logf("%s: same contents, different compression; -update to refresh the bytes", name)
			continue
		}
		t.Errorf("templates/sample/%s is stale: run go test ./templates/sample -run TestTemplatesUpToDate -update", name)
	}
	// Other files in templates/sample (areas, indicators, units, measures)
	// belong to other generators, each with its own up-to-date test.
}

func sameZipContents(t *testing.T, a, b []byte) bool {
	t.Helper()
	za, err1 := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	zb, err2 := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err1 != nil || err2 != nil || len(za.File) != len(zb.File) {
		return false
	}
	for i, fa := range za.File {
		fb := zb.File[i]
		if fa.Name != fb.Name || !bytes.Equal(unzip(t, fa), unzip(t, fb)) {
			return false
		}
	}
	return true
}

func unzip(t *testing.T, f *zip.File) []byte {
	t.Helper()
	r, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
