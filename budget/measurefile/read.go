package measurefile

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
)

// Options tell a Read function how to read a file.
type Options struct {
	Name    string // file name for messages (default: base name of the path)
	Sheet   string // xlsx sheet (default: the first visible sheet with data)
	MaxSize int64  // refuse larger files; 0 = tabular's default
	// ReplaceAll lets a measures file with a header and no measure through:
	// importing it deletes every measure, which must be asked for.
	ReplaceAll bool
}

// File is what every Read function reports of the file: its shape, the
// rows read and skipped, warnings, and row errors. Any entry in Errors
// means nothing may be imported.
type File struct {
	File     string                `json:"file"`
	Format   string                `json:"format,omitempty"`
	Sheet    string                `json:"sheet,omitempty"`
	RowsRead int                   `json:"rows_read"`
	Skipped  map[string]int        `json:"skipped"`
	Warnings []string              `json:"warnings"`
	Errors   []budgetfile.RowError `json:"errors"`
	// Columns maps each column found (by its canonical header, "Ansvarlig")
	// to its spreadsheet letter, for messages about fields.
	Columns map[string]string `json:"-"`
}

// Fail adds a row error (at most maxErrors are kept).
func (f *File) Fail(row int, field, value, msg string) {
	if len(f.Errors) >= maxErrors {
		return
	}
	f.Errors = append(f.Errors, budgetfile.RowError{Row: row, Column: f.Columns[field], Field: field, Value: value, Message: msg})
}

// Warn adds a warning naming the file and row.
func (f *File) Warn(row int, msg string) {
	if len(f.Warnings) >= maxErrors {
		return
	}
	f.Warnings = append(f.Warnings, f.where()+": row "+itoa(row)+": "+msg)
}

func (f *File) where() string {
	if f.Sheet != "" {
		return f.File + ", sheet " + f.Sheet
	}
	return f.File
}

// maxErrors bounds the errors and warnings kept.
const maxErrors = 1000

// headerScan is how many non-blank rows are searched for the header.
const headerScan = 30

// column is one column a file may have: its canonical header, the other
// headers it goes by (folded), and whether the file must have it.
type column struct {
	name     string
	synonyms []string
	required bool
}

// row is one data row: the cells by canonical column name.
type row struct {
	num   int
	cells map[string]string
}

func (r row) get(name string) string { return r.cells[name] }

// readTable reads the file at path: finds the header (the first of the
// first headerScan non-blank rows that has every required column), then
// calls fn with each non-blank row after it. kind names the file in
// messages ("measures file").
func readTable(ctx context.Context, path string, opts Options, kind string, cols []column, f *File, fn func(row)) error {
	if opts.Name == "" {
		opts.Name = filepath.Base(path)
	}
	t, err := tabular.Open(ctx, path, tabular.Options{Sheet: opts.Sheet, MaxSize: opts.MaxSize})
	if err != nil {
		return err
	}
	defer t.Close()
	*f = File{File: opts.Name, Format: t.Format(), Sheet: t.Sheet(), Skipped: map[string]int{},
		Warnings: []string{}, Errors: []budgetfile.RowError{}}
	var index map[int]string // column index → canonical name
	scanned := 0
	for {
		r, err := t.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		f.RowsRead++
		if r.Blank() {
			f.Skipped["blank"]++
			continue
		}
		if index == nil {
			scanned++
			if index = matchHeader(r.Cells, cols); index != nil {
				f.Columns = map[string]string{}
				for i, n := range index {
					f.Columns[n] = tabular.ColumnName(i)
				}
				f.Skipped["header"]++
				continue
			}
			if scanned >= headerScan {
				break
			}
			f.Skipped["title"]++
			continue
		}
		dr := row{num: r.Number, cells: make(map[string]string, len(index))}
		tooLong := false
		for i, c := range r.Cells {
			if n, ok := index[i]; ok {
				dr.cells[n] = clean(c)
				if msg := tabular.CellTextError(dr.cells[n]); msg != "" {
					f.Fail(r.Number, n, tabular.CellTextValue(dr.cells[n]), msg)
					tooLong = true
				}
			}
		}
		if tooLong {
			f.Skipped["error"]++
			continue
		}
		fn(dr)
	}
	if index == nil {
		var req []string
		for _, c := range cols {
			if c.required {
				req = append(req, c.name)
			}
		}
		return budget.Errorf(budget.EINVALID, "%s: no header row with the columns %s in the first %d rows: is it a %s? "+
			"'helsebudsjett template' writes one to fill in", f.where(), strings.Join(req, ", "), headerScan, kind)
	}
	return nil
}

// matchHeader returns the columns of a header row by index, or nil when
// the row lacks a required column. A column named twice keeps the first.
func matchHeader(cells []string, cols []column) map[int]string {
	index := map[int]string{}
	found := map[string]bool{}
	for i, c := range cells {
		fc := fold(c)
		if fc == "" {
			continue
		}
		for _, col := range cols {
			if found[col.name] {
				continue
			}
			if fc == fold(col.name) || contains(col.synonyms, fc) {
				index[i] = col.name
				found[col.name] = true
				break
			}
		}
	}
	for _, col := range cols {
		if col.required && !found[col.name] {
			return nil
		}
	}
	return index
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if fold(x) == s {
			return true
		}
	}
	return false
}

// fold returns the form headers are compared in: lower case, æ ø å
// reduced to a o a (also when spelled ae, oe, aa), and only letters and
// digits kept, so "Andel (%)", "andel" and "ANDEL %" fold alike, as do
// "Påvirkningsfaktor" and "pavirkningsfaktor".
func fold(s string) string {
	s = spellOut.Replace(strings.ToLower(s))
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
	return unspell.Replace(s)
}

// spellOut and unspell are fold's two steps, built once.
var (
	spellOut = strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa")
	unspell  = strings.NewReplacer("aa", "a", "oe", "o", "ae", "a")
)

// clean trims a cell, turning the spaces spreadsheets use (NBSP, thin
// spaces) into plain ones.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u00a0', '\u2009', '\u202f', '\u2007', '\t':
			return ' '
		case '\ufeff':
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

func itoa(n int) string { return strconv.Itoa(n) }
