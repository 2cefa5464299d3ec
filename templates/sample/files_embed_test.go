package sample_test

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

func TestFiles_embedded(t *testing.T) {
	var total int64
	for _, name := range []string{sample.PlanFile, sample.AccountsFile, sample.ReadmeFile} {
		info, err := fs.Stat(sample.Files, name)
		if err != nil || info.Size() == 0 {
			t.Fatalf("%s: %v", name, err)
		}
		total += info.Size()
	}
	if total > 1<<20 {
		t.Errorf("the sample takes %d bytes; keep it under 1 MB", total)
	}
	readme, _ := fs.ReadFile(sample.Files, sample.ReadmeFile)
	if !strings.Contains(string(readme), "FICTIONAL") {
		t.Error("the README does not say the sample is fictional")
	}
}
