package templates

import (
	"io/fs"
	"strings"
	"testing"
)

func TestSampleEmbedded(t *testing.T) {
	var total int64
	for _, name := range []string{"okonomiplan-2027-2030.xlsx", "regnskap-2026.csv", "README.md"} {
		info, err := fs.Stat(Sample, "sample/"+name)
		if err != nil || info.Size() == 0 {
			t.Fatalf("sample/%s: %v", name, err)
		}
		total += info.Size()
	}
	if total > 1<<20 {
		t.Errorf("the sample takes %d bytes; keep it under 1 MB", total)
	}
	readme, _ := fs.ReadFile(Sample, "sample/README.md")
	if !strings.Contains(string(readme), "FICTIONAL") {
		t.Error("the README does not say the sample is fictional")
	}
}
