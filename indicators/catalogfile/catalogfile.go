// Package catalogfile reads the files a municipality keeps its own
// indicator definitions and targets in: YAML in the layout of the embedded
// catalogue, or a sheet (xlsx, csv) with one row per indicator or target
// and the YAML field names as headers. It turns them into the types of
// package indicators; checking them against the catalogue is the caller's
// job.
package catalogfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
)

// maxYAML is the largest YAML file read; a catalogue is a few kilobytes.
const maxYAML = 4 << 20

// isYAML reports whether path names a YAML file by its extension.
func isYAML(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return true
	}
	return false
}

func readYAML(ctx context.Context, path string) ([]byte, error) {
	return inputfile.ReadAll(ctx, path, "", maxYAML)
}

// sheet is a table read whole: the header (normalised) and the rows below
// it, blank rows dropped.
type sheet struct {
	name   string
	header []string
	rows   []tabular.Row
}

// readSheet reads the table at path; the first non-blank row is the header.
func readSheet(ctx context.Context, path string, opts tabular.Options) (*sheet, error) {
	t, err := tabular.Open(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	s := &sheet{name: filepath.Base(path)}
	for {
		r, err := t.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if r.Blank() {
			continue
		}
		if s.header == nil {
			for _, c := range r.Cells {
				s.header = append(s.header, normHeader(c))
			}
			continue
		}
		r.Cells = append([]string(nil), r.Cells...) // Next may reuse the slice
		s.rows = append(s.rows, r)
	}
	if s.header == nil {
		return nil, budget.Errorf(budget.EINVALID, "%s has no header row", s.name)
	}
	return s, nil
}

// normHeader folds a header to the YAML field name form: lower case,
// trimmed, spaces and hyphens as underscores ("Trend text NN" is
// "trend_text_nn"; "trend.text_nn" stays).
func normHeader(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " ")))
	s = strings.TrimPrefix(s, "\ufeff")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' }), "_")
}

// columns maps each header to the field it fills through aliases, and
// fails on a header it does not know (a misspelt field is never ignored)
// or on a field given twice.
func (s *sheet) columns(aliases map[string]string, fields []string) (map[string]int, error) {
	col := map[string]int{}
	for i, h := range s.header {
		if h == "" {
			continue
		}
		f, ok := aliases[h]
		if !ok {
			return nil, budget.Errorf(budget.EINVALID, "%s: column %s is headed %q, which is not a field: use %s",
				s.name, tabular.ColumnName(i), h, strings.Join(fields, ", "))
		}
		if _, dup := col[f]; dup {
			return nil, budget.Errorf(budget.EINVALID, "%s: field %s has two columns", s.name, f)
		}
		col[f] = i
	}
	return col, nil
}

// cell returns the trimmed text of the field's cell in r, "" when absent.
func cell(r tabular.Row, col map[string]int, field string) string {
	i, ok := col[field]
	if !ok || i >= len(r.Cells) {
		return ""
	}
	return strings.TrimSpace(strings.ReplaceAll(r.Cells[i], "\u00a0", " "))
}

// rowErrors collects the problems of a file, to report them together.
type rowErrors struct {
	name string
	errs []string
}

func (e *rowErrors) add(row int, field, format string, args ...any) {
	e.errs = append(e.errs, fmt.Sprintf("row %d, %s: %s", row, field, fmt.Sprintf(format, args...)))
}

func (e *rowErrors) err() error {
	if len(e.errs) == 0 {
		return nil
	}
	const shown = 20
	msg := e.errs
	more := ""
	if len(msg) > shown {
		more = fmt.Sprintf("; … and %d more", len(msg)-shown)
		msg = msg[:shown]
	}
	return budget.Errorf(budget.EINVALID, "%s: %s%s; nothing was stored", e.name, strings.Join(msg, "; "), more)
}
