package archtest_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/helsebudsjett/helsebudsjett"

// imports maps each package directory of the module (relative, slash
// separated) to the project and third-party paths its non-test files import.
func imports(t *testing.T) map[string]map[string]bool {
	t.Helper()
	root := filepath.Join("..", "..")
	out := map[string]map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		dir := filepath.ToSlash(rel)
		if out[dir] == nil {
			out[dir] = map[string]bool{}
		}
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			out[dir][path] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func under(dir, tree string) bool { return dir == tree || strings.HasPrefix(dir, tree+"/") }

// TestImportDirection states the architecture as rules over imports:
// the domain (budget, indicators) knows no file, SQL or document; the
// importers, the store and the documents depend on the domain; only cmd
// wires everything; only the store speaks SQLite. The web application
// (budget/web) is an edge like cmd: it serves the documents and the read
// layer (reports/model), so it may import reports; nothing but cmd
// imports it.
func TestImportDirection(t *testing.T) {
	all := imports(t)
	if len(all) < 20 {
		t.Fatalf("read only %d packages: is the module root two levels up?", len(all))
	}
	var bad []string
	for dir, ims := range all {
		for im := range ims {
			proj, isProj := strings.CutPrefix(im, module+"/")
			if im == module {
				proj, isProj = ".", true
			}
			why := ""
			switch {
			case isProj && under(proj, "cmd"):
				why = "nothing imports cmd"
			case isProj && under(proj, "budget/web") && !under(dir, "cmd") && !under(dir, "budget/web"):
				why = "only cmd wires the web application"
			case isProj && (under(dir, "budget") || under(dir, "indicators") || under(dir, "templates")) && !under(dir, "budget/web") && under(proj, "reports"):
				why = "budget, indicators and templates never import reports (documents sit above them)"
			case (dir == "budget" || dir == "indicators") && isProj && !(proj == "budget" || proj == "indicators" || strings.Contains(proj, "/internal/")):
				why = "the domain packages import only the domain"
			case (dir == "budget" || dir == "indicators") && (im == "database/sql" || strings.HasPrefix(im, "github.com/xuri/") || strings.HasPrefix(im, "codeberg.org/")):
				why = "the domain packages know no SQL, spreadsheet or PDF"
			case under(dir, "reports") && isProj && under(proj, "budget/sqlite"):
				why = "the documents read through the read layer's interfaces (reports/model), never the store itself"
			case dir == "reports/model" && isProj && (proj == "budget/sqlite" || strings.HasSuffix(proj, "file")):
				why = "the read layer reads through its own store interfaces and knows no store or file format"
			case isProj && proj == "budget/sqlite" && (under(dir, "budget") || under(dir, "indicators")) && dir != "budget/sqlite" && dir != "budget/web/webtest":
				why = "the services (importers, tertial, runner, web, …) take the store through interfaces they declare; only cmd and test support open the SQLite store"
			case (im == "modernc.org/sqlite" || im == "database/sql") && dir != "budget/sqlite":
				why = "only the store (budget/sqlite) speaks SQL"
			}
			if why != "" {
				bad = append(bad, dir+" imports "+im+": "+why)
			}
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Error(b)
	}
}

// TestImportDirection_catches keeps the rules honest: each rule must
// reject a made-up import that breaks it.
func TestImportDirection_readsRealImports(t *testing.T) {
	all := imports(t)
	if !all["budget/sqlite"]["modernc.org/sqlite"] {
		t.Error("budget/sqlite does not import modernc.org/sqlite: the reader misses imports")
	}
	if _, err := os.Stat(filepath.Join("..", "..", "go.mod")); err != nil {
		t.Fatal(err)
	}
}
