// Package budgetfile turns the budget and accounts files finance staff
// export from their ERP into budget lines: it finds the header below any
// title rows, maps Norwegian (bokmål and nynorsk) column names to KOSTRA
// codes and amounts, parses Norwegian and raw spreadsheet numbers exactly
// to the øre, checks sum rows against the lines above them, and reads
// SSB's fixed-width KOSTRA accounts file.
//
// Import streams: it hands each line to the caller as it goes and holds
// only totals, so memory stays flat however long the file. Problems with
// single rows are collected in Result.Errors for the caller to show (and
// then roll back); only problems with the whole file are Go errors.
//
// Rules a reader of a Result should know:
//
//   - Codes are text, trimmed, never stripped of leading zeros. A funksjon
//     or art column's code must start with three digits: those are the
//     national code, and a longer code ("24410", konto "00300") is kept
//     whole in Line.Tjeneste or Line.Konto. A shorter one ("10", an art
//     that lost its zero in a number-formatted column) is a RowError, not
//     a guess.
//   - Required codes: what Mapping.Required lists; by default funksjon
//     when the file has a funksjon/tjeneste column and art when it has an
//     art/konto column, and when it has neither, ansvar or prosjekt.
//   - "tiltak" (Sauda's "1.006.01") is read as prosjekt.
//   - An empty amount cell is no amount, not zero. A row with codes whose
//     amount cells are all empty is a RowError, unless Options.EmptyAmount
//     says to read them as zero or to skip the row ("no_amount"); a row
//     with some amount cells empty and others filled (a multi-year file
//     where one year is blank) is a line with the filled amounts only.
//     Result.EmptyAmounts counts the rows each rule touched. A lone "-" is
//     zero, as Excel's accounting format writes it (Bergen).
//   - Numbers: see ParseAmount. The file's decimal style is set by the
//     first number that shows it (xlsx: always a decimal point, though
//     typed text may use a comma; or Mapping.Decimal). A number that
//     contradicts it is a RowError. "12.345" and "1,234" are decimals under
//     their own style and errors under the other; met before the style is
//     known they are judged at the end, and if no number ever shows the
//     style they are errors (Mapping.Decimal settles it).
//   - A sum row has no codes (or only its label in a code column) and a
//     cell starting with "sum", "total" or "i alt". It is not imported; its
//     amounts are checked against the lines since the previous sum row
//     and against all lines so far (Result.Controls), and a mismatch with
//     both is a warning.
//   - A row with neither codes nor amounts (a heading) is skipped as
//     "text"; one with amounts but no codes is a RowError.
//   - A row a spreadsheet lookup failed on (a code cell holding an error
//     value such as #I/T, #N/A or #REF!, or a required code cell empty)
//     whose amounts are all zero or empty is skipped as "lookup_error",
//     with one warning naming the rows; with a non-zero amount it is a
//     RowError, since money must have a code. Error values are xlsx cells
//     of type e, or the error texts in a csv.
package budgetfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
)

// Options tell Import how to read a file.
type Options struct {
	Name    string         // file name for messages (default: base name of path)
	Year    int            // year of a single amount column (beløp) when neither its header nor a year column gives one
	Version budget.Version // version of amount columns whose header names none; default budget.Vedtatt. A column headed regnskap/rekneskap is always Regnskap
	Sheet   string         // xlsx sheet; default Mapping.Sheet, then the first sheet with data
	Mapping *Mapping       // explicit mapping; nil = detect from the header
	MaxSize int64          // refuse larger files; 0 = tabular's default
	// EmptyAmount says what a row with codes and every amount cell empty
	// means: "" (an error: a missing line is a wrong total), EmptyZero (the
	// amounts are 0) or EmptySkip (the row is left out, as "no_amount").
	EmptyAmount string
	// Progress, when set, is called now and then with bytes done and the
	// file size.
	Progress func(done, total int64)
}

// RowError is a problem with one cell or row: the one row error of every
// import (imports.RowError).
type RowError = imports.RowError

// Control is a sum row of the file checked against the lines imported.
// Stated is the sum row's amount, Section the sum of the lines since the
// previous sum row, Total the sum of all lines so far, all in øre. OK is
// true when Stated equals Section or Total (or is within the rounding of a
// whole-krone sum row); Difference is Stated − Section.
type Control struct {
	Row        int        `json:"row"`
	Label      string     `json:"label"`
	Key        budget.Key `json:"key"`
	Stated     int64      `json:"stated_ore"`
	Section    int64      `json:"section_ore"`
	Total      int64      `json:"total_ore"`
	Difference int64      `json:"difference_ore"`
	OK         bool       `json:"ok"`
}

// Result is what an import read and found.
//
// Every row read is accounted for: RowsRead = Lines + the sum of Skipped,
// where the skip reasons are "blank", "title" (above the header), "header",
// "sum_rows" (checked in Controls), "no_amount" (codes but every amount
// cell empty: empty is not zero), "lookup_error" (a failed lookup's row
// without money), "text" (no codes and no amounts, such as
// a section heading), "balance" (KOSTRA balance records) and "error" (rows
// with a RowError).
type Result struct {
	File     string `json:"file"`
	SHA256   string `json:"sha256"`
	Size     int64  `json:"size"`
	Format   string `json:"format"`
	Sheet    string `json:"sheet,omitempty"`
	Encoding string `json:"encoding,omitempty"`

	RowsRead int            `json:"rows_read"`
	Lines    int            `json:"lines"` // lines passed to add
	Skipped  map[string]int `json:"skipped"`

	// Warnings each name the file and row. At most 1000 are kept;
	// WarningCount counts them all.
	Warnings     []string `json:"warnings,omitempty"`
	WarningCount int      `json:"warning_count"`
	// Errors are the row errors; at most 1000 are kept, ErrorCount counts
	// them all. Any error means the import must not be kept.
	Errors     []RowError `json:"errors,omitempty"`
	ErrorCount int        `json:"error_count"`

	// EmptyAmounts counts the rows with empty amount cells by the rule
	// that applied to them.
	EmptyAmounts EmptyAmounts `json:"empty_amounts"`

	Totals   []budget.Total `json:"totals"` // per (year, version), sorted
	Controls []Control      `json:"controls,omitempty"`
	// Mapping is the mapping used, detected or given: saved as YAML and
	// given back it reproduces this import.
	Mapping Mapping `json:"mapping"`
}

// The values of Options.EmptyAmount besides "".
const (
	EmptyZero = "zero"
	EmptySkip = "skip"
)

// EmptyAmounts counts rows with codes and empty amount cells: Partial had
// other amount cells filled and became lines with those amounts; Zero had
// all empty and became lines of 0 (EmptyZero); Skipped had all empty and
// were left out (EmptySkip). Rows with all empty and neither option are
// row errors.
type EmptyAmounts struct {
	Partial int `json:"partial"`
	Zero    int `json:"zero"`
	Skipped int `json:"skipped"`
}

// maxKept bounds the warnings, errors and controls a Result keeps in full.
const maxKept = 1000

// progressEvery is how many rows pass between Progress calls and context
// checks.
const progressEvery = 4096

// rowSource is what Import reads rows from: a *tabular.Table, or rows in
// memory in tests.
type rowSource interface {
	Next() (tabular.Row, error)
}

// Import reads the budget or accounts file at path and calls add for each
// good line, in file order, as it goes. The *Line is new for each call and
// add may keep it. If add fails, Import stops and returns its error.
//
// When Result.ErrorCount > 0 at the end, some rows were wrong and the
// caller must discard what add received: an ambiguous number can only be
// judged once the whole file has shown its decimal style, so its error may
// come after its line was added.
//
// Import returns a Go error only for the whole file: it cannot be opened or
// is not a spreadsheet, it has no header or lacks a required column, the
// mapping is wrong, or ctx ends. Those are *budget.Error with code
// EINVALID whose message names the file and sheet and says what to do;
// I/O errors are wrapped.
func Import(ctx context.Context, path string, opts Options, add func(*budget.Line) error) (*Result, error) {
	if opts.Name == "" {
		opts.Name = filepath.Base(path)
	}
	if err := checkOptions(opts); err != nil {
		return nil, err
	}
	sheet, format := opts.Sheet, ""
	if opts.Mapping != nil {
		if sheet == "" {
			sheet = opts.Mapping.Sheet
		}
		format = opts.Mapping.Format
	}
	if format == "kostra" || (format == "" && looksKostra(path)) {
		return importKostra(ctx, path, opts, add)
	}
	t, err := tabular.Open(ctx, path, tabular.Options{Sheet: sheet, MaxSize: opts.MaxSize, Format: format})
	if err != nil {
		return nil, err
	}
	defer t.Close()
	res := newResult(opts.Name)
	res.Format, res.Sheet, res.Encoding = t.Format(), t.Sheet(), t.Encoding()
	if res.SHA256, res.Size, err = inputfile.Hash(ctx, path, "", opts.MaxSize); err != nil {
		return nil, err
	}
	im := newImporter(ctx, opts, res, add)
	if res.Format == "xlsx" {
		// Raw xlsx numbers always use a decimal point; a comma can only be
		// in a text cell someone typed, and is read as such.
		im.style, im.lenientComma = StyleDot, true
	}
	if opts.Progress != nil {
		im.progress = func() { opts.Progress(t.Progress()) }
	}
	if err := im.run(t); err != nil {
		return nil, err
	}
	return res, nil
}

// importRows is Import over rows already at hand; the tests use it.
func importRows(ctx context.Context, src rowSource, format string, opts Options, add func(*budget.Line) error) (*Result, error) {
	if err := checkOptions(opts); err != nil {
		return nil, err
	}
	res := newResult(opts.Name)
	res.Format = format
	im := newImporter(ctx, opts, res, add)
	if format == "xlsx" {
		im.style, im.lenientComma = StyleDot, true
	}
	if err := im.run(src); err != nil {
		return nil, err
	}
	return res, nil
}

// checkOptions reports options that cannot be right.
func checkOptions(opts Options) error {
	if opts.Version != "" {
		if _, err := budget.ParseVersion(string(opts.Version)); err != nil {
			return err
		}
	}
	switch opts.EmptyAmount {
	case "", EmptyZero, EmptySkip:
	default:
		return budget.Errorf(budget.EINVALID, "empty amount rule %q: use %s or %s", opts.EmptyAmount, EmptyZero, EmptySkip)
	}
	if opts.Year != 0 && (opts.Year < minYear || opts.Year > maxYear) {
		return budget.Errorf(budget.EINVALID, "year %d: give a year from %d to %d", opts.Year, minYear, maxYear)
	}
	if opts.Mapping != nil {
		if err := opts.Mapping.check(); err != nil {
			return budget.Errorf(budget.EINVALID, "%s: mapping: %s", opts.Name, err.Message)
		}
	}
	return nil
}

func newResult(name string) *Result {
	return &Result{File: name, Skipped: map[string]int{"blank": 0, "sum_rows": 0}}
}

// importer is the state of one import.
type importer struct {
	ctx      context.Context
	opts     Options
	res      *Result
	add      func(*budget.Line) error
	where    string // file, and sheet, for messages
	progress func()

	// The file's decimal style: given (xlsx, Mapping.Decimal) or set by
	// the first number that shows it, at styleRow.
	style        Style
	styleRow     int
	lenientComma bool // xlsx: text cells may use a decimal comma
	// Ambiguous values met while the style was unknown, by separator.
	tentDot, tentComma tentatives

	sums           map[budget.Key]*keySums
	keyOrder       []budget.Key
	controlsCapped bool
	lookupRows     []int // rows skipped as lookup_error, the first maxKept
}

// tentatives are ambiguous values waiting for the file's style. The first
// maxKept are kept to become RowErrors; the rest are counted.
type tentatives struct {
	kept  []RowError
	count int
}

func (t *tentatives) add(e RowError) {
	t.count++
	if len(t.kept) < maxKept {
		t.kept = append(t.kept, e)
	}
}

func newImporter(ctx context.Context, opts Options, res *Result, add func(*budget.Line) error) *importer {
	if opts.Version == "" {
		opts.Version = budget.Vedtatt
	}
	im := &importer{ctx: ctx, opts: opts, res: res, add: add, where: opts.Name, sums: map[budget.Key]*keySums{}}
	if opts.Mapping != nil {
		switch opts.Mapping.Decimal {
		case "comma":
			im.style = StyleComma
		case "dot":
			im.style = StyleDot
		}
	}
	return im
}

func (im *importer) setSheet() {
	if im.res.Sheet != "" {
		im.where = im.opts.Name + " (sheet " + strconv.Quote(im.res.Sheet) + ")"
	}
}

// warnf records a warning about a row.
func (im *importer) warnf(row int, format string, args ...any) {
	im.res.WarningCount++
	if len(im.res.Warnings) < maxKept {
		im.res.Warnings = append(im.res.Warnings, im.where+" row "+strconv.Itoa(row)+": "+fmt.Sprintf(format, args...))
	}
}

// rowError records an error in a row and counts the row as skipped for
// an error once.
func (im *importer) rowError(e RowError) {
	im.res.ErrorCount++
	if len(im.res.Errors) < maxKept {
		im.res.Errors = append(im.res.Errors, e)
	}
}

func (im *importer) skip(reason string) { im.res.Skipped[reason]++ }

// run reads the header and then every data row.
func (im *importer) run(src rowSource) error {
	im.setSheet()
	p, err := im.header(src)
	if err != nil {
		return err
	}
	for n := 0; ; n++ {
		if n%progressEvery == 0 {
			if err := im.ctx.Err(); err != nil {
				return err
			}
			if im.progress != nil {
				im.progress()
			}
		}
		row, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return readError(im.where, err)
		}
		im.res.RowsRead++
		if err := im.row(p, row); err != nil {
			return err
		}
	}
	if im.progress != nil {
		im.progress()
	}
	return im.finish()
}

// readError passes a reader's *budget.Error and context errors on and
// wraps anything else.
func readError(where string, err error) error {
	var be *budget.Error
	if errors.As(err, &be) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("read %s: %w", where, err)
}

// header reads rows up to and including the header and returns the plan
// for the data rows.
func (im *importer) header(src rowSource) (*plan, error) {
	given := im.opts.Mapping
	nonBlank := 0
	type candidate struct {
		row     int
		names   []string
		found   Mapping
		score   int
		missing []string
	}
	var best *candidate
	for {
		row, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, readError(im.where, err)
		}
		im.res.RowsRead++
		if row.Blank() {
			im.skip("blank")
			continue
		}
		nonBlank++
		if nonBlank > headerScan || (given != nil && given.HeaderRow > 0 && row.Number > given.HeaderRow) {
			im.skip("title")
			break
		}
		names := headerNames(row.Cells)
		if given != nil {
			if given.HeaderRow > 0 && row.Number < given.HeaderRow {
				im.skip("title")
				continue
			}
			missing := given.missing(newColumnIndex(names))
			if len(missing) == 0 {
				im.skip("header")
				m := *given
				return im.plan(&m, names, row.Number)
			}
			if best == nil || len(missing) < len(best.missing) {
				best = &candidate{row: row.Number, names: names, missing: missing}
			}
			im.skip("title")
			continue
		}
		m, ok := MapHeader(row.Cells, im.opts.Version)
		if ok {
			im.skip("header")
			return im.plan(&m, names, row.Number)
		}
		if s := len(m.named()); best == nil || s > best.score {
			best = &candidate{row: row.Number, names: names, found: m, score: s}
		}
		im.skip("title")
	}
	if given != nil {
		if best == nil {
			return nil, budget.Errorf(budget.EINVALID, "%s has no rows: export the budget again, or check the file and sheet", im.where)
		}
		return nil, budget.Errorf(budget.EINVALID, "%s: no header row has the mapping's columns; row %d comes closest but lacks %s (its columns: %s): fix the names in the mapping or drop --mapping to detect them",
			im.where, best.row, quoteList(best.missing), quoteList(nonEmpty(best.names)))
	}
	if best == nil {
		return nil, budget.Errorf(budget.EINVALID, "%s has no rows: export the budget again, or check the file and sheet", im.where)
	}
	if best.score == 0 {
		return nil, budget.Errorf(budget.EINVALID, "%s: no header row found in the first %d rows: expected columns such as ansvar, funksjon or tjeneste, art or konto, and beløp or a year (2027); name the columns with --mapping",
			im.where, headerScan)
	}
	c := best.found.Columns
	what := "no code column (ansvar, funksjon/tjeneste, art/konto or prosjekt)"
	if c.Ansvar != "" || c.Funksjon != "" || c.Art != "" || c.Prosjekt != "" {
		what = "no amount column (beløp, or a year such as 2027 or \"Budsjett 2027\")"
	}
	return nil, budget.Errorf(budget.EINVALID, "%s: header row %d has %s; its columns: %s: name the columns with --mapping",
		im.where, best.row, what, quoteList(nonEmpty(best.names)))
}

// plan resolves the mapping against the header and records it as used.
func (im *importer) plan(m *Mapping, names []string, headerRow int) (*plan, error) {
	p := m.resolve(names, headerRow, im.opts.Version, im.opts.Year)
	for _, a := range p.amounts {
		if a.key.Year == 0 && p.year < 0 {
			return nil, budget.Errorf(budget.EINVALID, "%s has one amount column (%s) and no year: give --year", im.where, a.name)
		}
	}
	for i := range p.amounts {
		if k := p.amounts[i].key; k.Year != 0 {
			p.amounts[i].sums = im.keySums(k)
		}
	}
	if im.res.Format != "" && m.Format == "" {
		m.Format = im.res.Format
	}
	if im.res.Format == "xlsx" {
		m.Sheet = im.res.Sheet
	}
	im.res.Mapping = *m
	return p, nil
}

func quoteList(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	s := ""
	for i, x := range xs {
		if i > 0 {
			s += ", "
		}
		s += strconv.Quote(x)
	}
	return s
}

func nonEmpty(xs []string) []string {
	var out []string
	for _, x := range xs {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

// finish judges the ambiguous values against the file's final style and
// computes the totals.
func (im *importer) finish() error {
	im.warnLookups()
	for _, t := range []struct {
		list *tentatives
		sep  Style
	}{{&im.tentDot, StyleDot}, {&im.tentComma, StyleComma}} {
		if t.list.count == 0 || im.style == t.sep {
			continue
		}
		var msg string
		switch {
		case im.style == StyleUnknown && t.sep == StyleDot:
			msg = "is ambiguous: no number in the file shows whether a point is a decimal point or a thousands separator; write the number without it, or say decimal: dot or decimal: comma in a --mapping file"
		case im.style == StyleUnknown:
			msg = "is ambiguous: no number in the file shows whether a comma is a decimal comma or a thousands separator; write the number without it, or say decimal: comma or decimal: dot in a --mapping file"
		case t.sep == StyleDot:
			msg = string(errAmbiguousDot) + im.styleSource()
		default:
			msg = string(errAmbiguousComm) + im.styleSource()
		}
		for _, e := range t.list.kept {
			e.Message = msg
			im.rowError(e)
		}
		// Those not kept are still counted.
		im.res.ErrorCount += t.list.count - len(t.list.kept)
	}
	keys := append([]budget.Key(nil), im.keyOrder...)
	budget.SortKeys(keys)
	for _, k := range keys {
		if im.sums[k].n == 0 {
			continue // a column with no amounts, or a key seen only in sum rows
		}
		ore, ok := im.sums[k].total.value()
		if !ok {
			return budget.Errorf(budget.EINVALID, "%s: the %s amounts add up to more than an int64 of øre: the file cannot be a budget", im.where, k)
		}
		im.res.Totals = append(im.res.Totals, budget.Total{Key: k, Ore: ore})
	}
	return nil
}

// SkippedText writes the counts of rows left out, such as Result.Skipped,
// for a message: "2 blank, 1 sum rows", or "none". Never Go's map syntax.
func SkippedText(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k, n := range m {
		if n > 0 {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return "none"
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%d %s", m[k], strings.ReplaceAll(k, "_", " "))
	}
	return strings.Join(parts, ", ")
}
