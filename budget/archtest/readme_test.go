package archtest_test

import (
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// readmePackages returns the package directories the README's Architecture
// section names: the first column of its code block, where a line may name
// siblings ("indicators/areafile, indicatorfile, catalogfile") and indented
// lines continue the one above.
func readmePackages(t *testing.T, readme string) map[string]bool {
	t.Helper()
	_, sec, ok := strings.Cut(readme, "\n## Architecture\n")
	if !ok {
		t.Fatal("README has no Architecture section")
	}
	_, block, ok := strings.Cut(sec, "```\n")
	if !ok {
		t.Fatal("the Architecture section has no code block")
	}
	block, _, _ = strings.Cut(block, "```")
	out := map[string]bool{}
	for _, line := range strings.Split(block, "\n") {
		if line == "" || line[0] == ' ' {
			continue
		}
		// The name is the first word, or the first words while they end in
		// a comma; the description follows.
		var first string
		for _, w := range strings.Fields(line) {
			first += w
			if !strings.HasSuffix(w, ",") {
				break
			}
		}
		names := strings.Split(first, ",")
		parent := path.Dir(strings.TrimSuffix(strings.TrimSpace(names[0]), "/"))
		for i, n := range names {
			n = strings.TrimSuffix(strings.TrimSpace(n), "/")
			if i > 0 && !strings.Contains(n, "/") {
				n = path.Join(parent, n)
			}
			out[n] = true
		}
	}
	return out
}

// TestReadmeArchitecture keeps the README's map of the packages true: every
// package of the module is on it, and it names none that is gone.
func TestReadmeArchitecture(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	named := readmePackages(t, string(readme))
	code := imports(t)
	var missing, gone []string
	for dir := range code {
		if dir != "." && !named[dir] {
			missing = append(missing, dir)
		}
	}
	for dir := range named {
		if _, err := os.Stat(filepath.Join("..", "..", filepath.FromSlash(dir))); err != nil {
			gone = append(gone, dir)
		}
	}
	sort.Strings(missing)
	sort.Strings(gone)
	for _, d := range missing {
		t.Errorf("package %s is not in the README's Architecture section: add a line saying what it holds", d)
	}
	for _, d := range gone {
		t.Errorf("the README's Architecture section names %s, which does not exist", d)
	}
}

// TestReadmeArchitecture_parses checks the reader of the section on a made-up
// one, so a README the reader misreads cannot pass by naming nothing.
func TestReadmeArchitecture_parses(t *testing.T) {
	got := readmePackages(t, "x\n## Architecture\n\n```\ncmd/x   wiring\nbudget/   the domain\na/b, c, d   files\n    more about them\nreports/m the read layer\n```\n")
	want := []string{"a/b", "a/c", "a/d", "budget", "cmd/x", "reports/m"}
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if strings.Join(keys, " ") != strings.Join(want, " ") {
		t.Errorf("read %q, want %q", keys, want)
	}
}
