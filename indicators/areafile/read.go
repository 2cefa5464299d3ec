package areafile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/internal/cell"
)

// headerScan is how many non-blank rows Read looks through for the header.
const headerScan = 30

// maxErrors bounds the row errors a Result keeps.
const maxErrors = 1000

// Read reads the area file at path. It returns a Go error only for the
// whole file (it cannot be opened, has no header with a code and a name
// column); problems with rows are in Result.Errors.
func Read(ctx context.Context, path string, opts Options) (*Result, error) {
	if opts.Name == "" {
		opts.Name = filepath.Base(path)
	}
	t, err := tabular.Open(ctx, path, tabular.Options{Sheet: opts.Sheet, MaxSize: opts.MaxSize})
	if err != nil {
		return nil, err
	}
	defer t.Close()
	res := &Result{File: opts.Name, Format: t.Format(), Sheet: t.Sheet(), Aliases: map[string]string{},
		Skipped: map[string]int{}, Warnings: []string{}, Errors: []budgetfile.RowError{}, Areas: []indicators.Geo{}}
	r := &reader{res: res, where: where(opts.Name, t.Sheet()), seen: map[string]int{}}
	for {
		row, err := t.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		res.RowsRead++
		if err := r.row(row); err != nil {
			return nil, err
		}
	}
	if r.cols == nil {
		return nil, budget.Errorf(budget.EINVALID, "%s: no header with a code column (kode, nr, kommunenummer) and a name column (navn, område): is it an area file?", r.where)
	}
	r.parents()
	return res, nil
}

func where(name, sheet string) string {
	if sheet != "" {
		return name + ", sheet " + sheet
	}
	return name
}

// reader is the state of one Read.
type reader struct {
	res     *Result
	where   string
	cols    *columns
	scanned int
	seen    map[string]int // code → row number
}

func (r *reader) row(row tabular.Row) error {
	if row.Blank() {
		r.res.Skipped["blank"]++
		return nil
	}
	if r.cols == nil {
		r.scanned++
		if c := detect(row.Cells); c != nil {
			r.cols = c
			r.res.Shape = c.shape
			r.res.Skipped["header"]++
			return nil
		}
		if r.scanned >= headerScan {
			return budget.Errorf(budget.EINVALID, "%s: no header with a code column (kode, nr, kommunenummer) and a name column (navn, område) in the first %d rows: is it an area file?", r.where, headerScan)
		}
		r.res.Skipped["title"]++
		return nil
	}
	r.area(row)
	return nil
}

func (r *reader) fail(row int, col int, field, value, msg string) {
	if len(r.res.Errors) >= maxErrors {
		return
	}
	r.res.Errors = append(r.res.Errors, budgetfile.RowError{Row: row, Column: tabular.ColumnName(col), Field: field, Value: value, Message: msg})
}

func get(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return cell.Clean(cells[i])
}

// area reads one data row.
func (r *reader) area(row tabular.Row) {
	c := r.cols
	code, name := get(row.Cells, c.code), get(row.Cells, c.name)
	if isSum(code) || isSum(name) {
		r.res.Skipped["sum_rows"]++
		return
	}
	if c.shape == shapeKlass && strings.HasSuffix(code, "99") && indicators.NormName(name) == "uoppgitt" {
		r.res.Skipped["unknown_area"]++
		return
	}
	level, ok := r.level(row, code, name)
	if !ok {
		return
	}
	if code == "" {
		code = referenceCode(level, name)
	}
	if code == "" {
		r.fail(row.Number, c.code, "kode", "", "the area has no code: give its kommunenummer, bydel code or local zone code")
		return
	}
	if name == "" {
		r.fail(row.Number, c.name, "navn", "", "the area "+code+" has no name")
		return
	}
	if level != indicators.Sone {
		code = restoreZero(code)
	}
	if prev, dup := r.seen[code]; dup {
		r.fail(row.Number, c.code, "kode", code, fmt.Sprintf("code %s is given twice (first in row %d)", code, prev))
		return
	}
	r.seen[code] = row.Number
	g := indicators.Geo{Code: code, Name: name, Level: level, Parent: get(row.Cells, c.parent)}
	if g.Parent != "" && level != indicators.Sone {
		g.Parent = restoreZero(g.Parent)
	}
	if !r.population(row, &g) || !r.role(row, g) {
		return
	}
	for _, a := range c.aliases {
		for _, alias := range strings.FieldsFunc(get(row.Cells, a), func(r rune) bool { return r == '|' || r == ';' }) {
			if alias = strings.TrimSpace(alias); alias != "" && indicators.NormName(alias) != indicators.NormName(name) {
				r.res.Aliases[alias] = code
			}
		}
	}
	r.res.Areas = append(r.res.Areas, g)
}

// level decides the area's level; see the package comment.
func (r *reader) level(row tabular.Row, code, name string) (indicators.Level, bool) {
	c := r.cols
	given := indicators.Level("")
	if c.level >= 0 && c.shape != shapeKlass {
		if s := get(row.Cells, c.level); s != "" {
			l, ok := indicators.ParseLevel(s)
			if !ok {
				r.fail(row.Number, c.level, "nivå", s, "level not understood: use land, fylke, kommune, bydel, delbydel or sone")
				return "", false
			}
			given = l
		}
	}
	if ref, ok := indicators.ReferenceLevel(code, name); ok && (given == "" || given != indicators.Sone || code == "") {
		if given != "" && given != ref {
			r.warn(fmt.Sprintf("%s: row %d: %s %s is a reference geography (%s), not a %s: kept as %s for comparison", r.where, row.Number, code, name, ref, given, ref))
		}
		return ref, true
	}
	if given != "" {
		return given, true
	}
	if l, ok := indicators.LevelOfCode(restoreZero(code)); ok {
		return l, true
	}
	r.fail(row.Number, c.code, "nivå", code, "the level cannot be told from the code: add a nivå column (kommune, bydel, delbydel, sone)")
	return "", false
}

func (r *reader) warn(s string) {
	if len(r.res.Warnings) < maxErrors {
		r.res.Warnings = append(r.res.Warnings, s)
	}
}

// role reads the row's role: "egen" marks the home area.
func (r *reader) role(row tabular.Row, g indicators.Geo) bool {
	s := get(row.Cells, r.cols.role)
	switch cell.Fold(s) {
	case "":
		return true
	case "egen", "eigen", "home", "hjem", "hjemkommune", "egenkommune":
	case "sammenligning", "samanlikning", "comparison", "referanse", "reference":
		return true
	default:
		r.fail(row.Number, r.cols.role, "rolle", s, "role not understood: use egen for the municipality's own area, or leave it empty")
		return false
	}
	if g.Level != indicators.Kommune && g.Level != indicators.Bydel {
		r.fail(row.Number, r.cols.role, "rolle", s, fmt.Sprintf("%s %s is a %s: the municipality's own area (egen) is a kommune, or a bydel with its own helsebudsjett", g.Code, g.Name, g.Level))
		return false
	}
	if r.res.Home != "" {
		r.fail(row.Number, r.cols.role, "rolle", s, fmt.Sprintf("a second area marked egen (the first is %s): mark only the municipality's own area", r.res.Home))
		return false
	}
	r.res.Home = g.Code
	return true
}

// population reads the row's population columns into g.
func (r *reader) population(row tabular.Row, g *indicators.Geo) bool {
	ok := true
	for _, p := range r.cols.pops {
		s := get(row.Cells, p.col)
		v, marker, err := cell.ParseValue(s)
		switch {
		case err == nil && v == nil:
			_ = marker // a missing figure: no population that year
			continue
		case err != nil:
			r.fail(row.Number, p.col, "folketall", s, "population "+err.Error())
			ok = false
			continue
		case !v.IsInteger() || v.IsNegative() || v.IntPart() > 1e9:
			r.fail(row.Number, p.col, "folketall", s, "population must be a whole number of people, 0 or more")
			ok = false
			continue
		}
		if g.Population == nil {
			g.Population = map[int]int{}
		}
		g.Population[p.year] = int(v.IntPart())
	}
	return ok
}

// parents fills in the parents the file does not give.
func (r *reader) parents() {
	for i := range r.res.Areas {
		g := &r.res.Areas[i]
		if g.Parent != "" || !isDigits(g.Code) {
			continue
		}
		switch {
		case g.Level == indicators.Bydel && len(g.Code) == 6:
			g.Parent = g.Code[:4]
		case g.Level == indicators.Delbydel && len(g.Code) >= 8:
			g.Parent = g.Code[:6]
		case g.Level == indicators.Kommune && len(g.Code) == 4:
			if _, ok := r.seen[g.Code[:2]]; ok {
				g.Parent = g.Code[:2]
			}
		}
	}
}

// restoreZero gives back the leading zero a spreadsheet took from a
// numeric code: "301" → "0301", "30101" → "030101". "0" stays (land).
func restoreZero(code string) string {
	if isDigits(code) && len(code)%2 == 1 && code != "0" {
		return "0" + code
	}
	return code
}

// referenceCode is the code of a land or fylke row that gives only a name.
func referenceCode(level indicators.Level, name string) string {
	switch level {
	case indicators.Land:
		return "0"
	case indicators.Fylke:
		n := strings.TrimSuffix(strings.TrimSuffix(indicators.NormName(name), "fylkeskommune"), "fylke")
		for _, f := range indicators.Counties { // current counties come first
			if indicators.NormName(f.Name) == n {
				return f.Code
			}
		}
	}
	return ""
}

func isSum(s string) bool {
	f := cell.Fold(s)
	return f == "sum" || f == "totalt" || f == "total" || f == "ialt" || strings.HasPrefix(f, "sum ")
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil && !strings.HasPrefix(s, "+")
}
