package letters

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/budget/csvsafe"
)

// GenerateOptions are the choices of Generate.
type GenerateOptions struct {
	Options
	Units    []string // the units' codes; every recipient when empty
	Dir      string   // where the letters go; made when missing
	Combined bool     // also one PDF of all the letters, a bookmark per unit
	Force    bool     // replace letters that exist with other contents
	Workers  int      // letters rendered at once (GOMAXPROCS when 0)
	// Guard, when set, is asked about every file before any is written; its
	// error stops Generate with nothing written (the CLI refuses inputs).
	Guard func(path string) error
}

// File is a file Generate wrote or found unchanged.
type File struct {
	Path     string `json:"path"`
	Unit     string `json:"unit"` // the unit's code; "" for the combined letter
	UnitName string `json:"unit_name"`
	Pages    int    `json:"pages"`
	Bytes    int    `json:"bytes"`
	SHA256   string `json:"sha256"`
	Status   string `json:"status"` // written, replaced or unchanged
}

// Result is what Generate did.
type Result struct {
	Dir      string `json:"dir"`
	Letters  []File `json:"letters"`
	Combined *File  `json:"combined,omitempty"`
	Manifest string `json:"manifest"`
}

// Files returns the paths of every letter and the combined letter.
func (r *Result) Files() []string {
	var out []string
	for _, f := range r.Letters {
		out = append(out, f.Path)
	}
	if r.Combined != nil {
		out = append(out, r.Combined.Path)
	}
	return out
}

// Generate builds and renders the year's letters to the units (every
// recipient, or the units named) and writes them into Dir, one file per
// unit, each atomically, then the combined letter when asked and the
// manifest (manifest.csv: file, unit, pages, bytes and sha256 of every
// letter in Dir that a run wrote, this run's replacing earlier rows).
//
// A letter that exists with other contents is replaced only with Force:
// without it Generate writes nothing and returns an EINVALID error naming
// the files. A letter with the same contents is left as it is
// ("unchanged"). Unknown units are ENOTFOUND, units without duties in the
// year EINVALID, both before anything is written.
func (s *Source) Generate(ctx context.Context, o GenerateOptions) (*Result, error) {
	opts, err := s.fill(o.Options)
	if err != nil {
		return nil, err
	}
	if o.Dir == "" {
		return nil, budget.Errorf(budget.EINVALID, "no folder for the letters: give one")
	}
	if missing := opts.Config.Missing(); len(missing) > 0 && !opts.Draft {
		return nil, budget.Errorf(budget.EINVALID, "the letters would go out without %s: give them in a letter configuration (--config FILE, see templates/sample/brev.yaml), or write drafts marked UTKAST with --draft",
			joinWords(missing, "and"))
	}
	all := s.Recipients()
	codes, names := make([]string, len(all)), make([]string, len(all))
	for i, u := range all {
		codes[i], names[i] = u.Code, u.Name
	}
	fileOf := map[string]string{}
	for i, n := range fileNames(s.Year, codes, names) {
		fileOf[codes[i]] = n
	}
	want := codes
	if len(o.Units) > 0 {
		want = nil
		seen := map[string]bool{}
		for _, c := range o.Units {
			if seen[c] {
				continue
			}
			seen[c] = true
			if _, ok := fileOf[c]; !ok {
				if _, err := s.Letter(c, opts); err != nil {
					return nil, err
				}
			}
			want = append(want, c)
		}
	}
	if len(want) == 0 {
		return nil, budget.Errorf(budget.EINVALID, "no unit has measures, indicators or reporting duties in %d: import the measures (helsebudsjett import measures FILE) first", s.Year)
	}
	letters := make([]*Letter, len(want))
	for i, c := range want {
		if letters[i], err = s.Letter(c, opts); err != nil {
			return nil, err
		}
	}
	outs, err := renderAll(ctx, letters, o.Workers)
	if err != nil {
		return nil, err
	}
	res := &Result{Dir: o.Dir, Manifest: filepath.Join(o.Dir, ManifestName)}
	type pending struct {
		file *File
		data []byte
	}
	var todo []pending
	for i, l := range letters {
		f := &File{Path: filepath.Join(o.Dir, fileOf[l.Unit.Code]), Unit: l.Unit.Code, UnitName: l.Unit.Name, Pages: outs[i].pages}
		todo = append(todo, pending{f, outs[i].data})
	}
	if o.Combined {
		pages := make([]int, len(outs))
		for i := range outs {
			pages[i] = outs[i].pages
		}
		title := strings.TrimSpace(letters[0].Subject)
		data, err := RenderCombined(letters, pages, title)
		if err != nil {
			return nil, err
		}
		total := 0
		for _, p := range pages {
			total += p
		}
		f := &File{Path: filepath.Join(o.Dir, combinedName(s.Year)), UnitName: labelsFor(opts.Lang).Combined, Pages: total}
		todo = append(todo, pending{f, data})
	}
	// Decide every file before writing any.
	if o.Guard != nil {
		for _, p := range todo {
			if err := o.Guard(p.file.Path); err != nil {
				return nil, err
			}
		}
		if err := o.Guard(res.Manifest); err != nil {
			return nil, err
		}
	}
	var conflicts []string
	for _, p := range todo {
		sum := sha256.Sum256(p.data)
		p.file.SHA256, p.file.Bytes, p.file.Status = hex.EncodeToString(sum[:]), len(p.data), "written"
		old, err := os.ReadFile(p.file.Path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return nil, fmt.Errorf("read %s: %w", p.file.Path, err)
		case bytes.Equal(old, p.data):
			p.file.Status = "unchanged"
		case o.Force:
			p.file.Status = "replaced"
		default:
			conflicts = append(conflicts, filepath.Base(p.file.Path))
		}
	}
	if len(conflicts) > 0 {
		shown := conflicts
		if len(shown) > 5 {
			shown = append(shown[:5:5], fmt.Sprintf("and %d more", len(conflicts)-5))
		}
		return nil, budget.Errorf(budget.EINVALID, "%d letter(s) exist in %s with other contents (%s): nothing was written; give --force to replace them, or another folder with -o",
			len(conflicts), o.Dir, strings.Join(shown, ", "))
	}
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("make %s: %w", o.Dir, err)
	}
	for _, p := range todo {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if p.file.Status != "unchanged" {
			if err := atomicfile.WriteBytes(p.file.Path, p.data); err != nil {
				return nil, fmt.Errorf("write %s: %w", p.file.Path, err)
			}
		}
		if p.file.Unit == "" {
			res.Combined = p.file
		} else {
			res.Letters = append(res.Letters, *p.file)
		}
	}
	if err := writeManifest(res, s.Year, string(opts.Lang)); err != nil {
		return nil, err
	}
	return res, nil
}

type rendered struct {
	data  []byte
	pages int
}

// renderAll renders the letters on workers goroutines, in order.
func renderAll(ctx context.Context, letters []*Letter, workers int) ([]rendered, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([]rendered, len(letters))
	errs := make([]error, len(letters))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(workers, len(letters)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i].data, out[i].pages, errs[i] = RenderPDF(letters[i])
			}
		}()
	}
feed:
	for i := range letters {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("letter to %s: %w", letters[i].Unit.Code, err)
		}
	}
	return out, nil
}

// manifestHeader is the first row of manifest.csv.
var manifestHeader = []string{"file", "unit", "unit_name", "year", "lang", "pages", "bytes", "sha256"}

// writeManifest writes manifest.csv: the rows of an earlier manifest for
// files this run did not write and that still exist, and this run's
// files, sorted by file name.
func writeManifest(res *Result, year int, lang string) error {
	rows := map[string][]string{}
	if data, err := os.ReadFile(res.Manifest); err == nil {
		if old, err := csv.NewReader(bytes.NewReader(data)).ReadAll(); err == nil && len(old) > 0 && strings.Join(old[0], ",") == strings.Join(manifestHeader, ",") {
			for _, r := range old[1:] {
				if len(r) == len(manifestHeader) && filepath.Base(r[0]) == r[0] {
					if _, err := os.Stat(filepath.Join(res.Dir, r[0])); err == nil {
						rows[r[0]] = r
					}
				}
			}
		}
	}
	add := func(f *File) {
		name := filepath.Base(f.Path)
		rows[name] = []string{name, f.Unit, f.UnitName, strconv.Itoa(year), lang, strconv.Itoa(f.Pages), strconv.Itoa(f.Bytes), f.SHA256}
	}
	for i := range res.Letters {
		add(&res.Letters[i])
	}
	if res.Combined != nil {
		add(res.Combined)
	}
	names := make([]string, 0, len(rows))
	for n := range rows {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	w := csvsafe.NewWriter(&b)
	_ = w.Write(manifestHeader)
	for _, n := range names {
		_ = w.Write(rows[n])
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	if err := atomicfile.WriteBytes(res.Manifest, b.Bytes()); err != nil {
		return fmt.Errorf("write %s: %w", res.Manifest, err)
	}
	return nil
}
