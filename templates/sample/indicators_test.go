package sample_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// updating says whether the test run was given -update, the flag the
// budget files' test (TestTemplatesUpToDate, in the package's own tests)
// declares.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestFilesUpToDate keeps the committed sample files equal to the
// generator's output. Run with -update after changing the generator.
func TestFilesUpToDate(t *testing.T) {
	files, err := sample.IndicatorFiles()
	if err != nil {
		t.Fatal(err)
	}
	again, err := sample.IndicatorFiles()
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if !bytes.Equal(data, again[name]) {
			t.Errorf("%s: two runs of the generator differ", name)
		}
		p := filepath.FromSlash(name)
		if updating() {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%s: %v (run go test ./templates/sample -run TestFilesUpToDate -update)", name, err)
			continue
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s differs from the generator's output: run go test ./templates/sample -run TestFilesUpToDate -update", name)
		}
	}
}

func TestAreas_KommuneIsSumOfBydeler(t *testing.T) {
	areas := sample.Areas()
	pop := map[string]map[int]int{}
	sum := map[int]int{}
	for _, a := range areas {
		pop[a.Code] = a.Population
		if a.Parent == sample.Number {
			for y, n := range a.Population {
				sum[y] += n
			}
		}
	}
	for y := sample.FirstYear; y <= sample.LastPopYear; y++ {
		if pop[sample.Number][y] != sum[y] || sum[y] == 0 {
			t.Errorf("%d: kommune %d, bydeler %d", y, pop[sample.Number][y], sum[y])
		}
	}
}
