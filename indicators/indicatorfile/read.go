package indicatorfile

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/internal/cell"
)

// Read reads the indicator file at path and checks every value against the
// catalogue (Options.Lookup) and the workspace areas (Options.Areas).
//
// It returns a Go error only for the whole file, as a *budget.Error of code
// EINVALID naming the file: it cannot be opened, no header is found, the
// indicator is not given or unknown, the file mixes indicators without a
// mapping, a --where column does not exist, the mapping is wrong. Problems
// with single rows are RowErrors in the Result; when ErrorCount > 0 the
// values must not be stored.
func Read(ctx context.Context, path string, opts Options) (*Result, error) {
	if opts.Name == "" {
		opts.Name = filepath.Base(path)
	}
	if opts.Lookup == nil || opts.Areas == nil {
		return nil, errors.New("indicatorfile: Options.Lookup and Options.Areas are required")
	}
	m := &Mapping{}
	if opts.Mapping != nil {
		mm := *opts.Mapping
		m = &mm
		if err := m.check(); err != nil {
			return nil, budget.Errorf(budget.EINVALID, "%s: mapping: %v", opts.Name, err)
		}
	}
	scale := opts.Scale
	if scale == ScaleDefault {
		scale = m.Scale
	}
	switch scale {
	case ScaleDefault, ScaleFraction, ScalePercent:
	default:
		return nil, budget.Errorf(budget.EINVALID, "scale %q: use fraction or percent", scale)
	}
	wheres := append(mapWhere(m.Where), opts.Where...)
	excludes := append(mapExclude(m.Exclude), opts.Exclude...)
	aliases, err := normAliases(mergeAliases(m.AreaAliases, opts.AreaAliases), opts.Areas, opts.Name)
	if err != nil {
		return nil, err
	}
	res := &Result{File: opts.Name, Values: map[string][]indicators.Value{}, Skipped: map[string]int{"blank": 0},
		Warnings: []string{}, Notes: []string{}, Errors: []budgetfile.RowError{}}
	if res.SHA256, res.Size, err = inputfile.Hash(ctx, path, "", opts.MaxSize); err != nil {
		return nil, err
	}
	var recs []record
	emit := func(r record) { recs = append(recs, r) }
	jsonStat, err := isJSONStat(path, m.Format)
	if err != nil {
		return nil, err
	}
	var detected Mapping
	hasInd := false
	if jsonStat && len(excludes) > 0 {
		return nil, budget.Errorf(budget.EINVALID, "%s: --exclude is for tables; a JSON-stat file picks its rows with --where", opts.Name)
	}
	if jsonStat {
		res.Format, res.Layout = LayoutJSONStat, LayoutJSONStat
		data, err := readAll(ctx, path, opts)
		if err != nil {
			return nil, err
		}
		if res.RowsRead, err = jsonStatRecords(data, opts.Name, wheres, res.Skipped, emit); err != nil {
			return nil, err
		}
		detected = Mapping{Format: LayoutJSONStat}
		for _, r := range recs {
			hasInd = hasInd || r.indCol != ""
		}
	} else {
		l, rows, merged, t, err := readTable(ctx, path, opts, m, res)
		if err != nil {
			return nil, err
		}
		filters, err := resolveWhere(l, wheres, where(opts.Name, t))
		if err != nil {
			return nil, err
		}
		excl, err := resolveExclude(l, excludes, where(opts.Name, t))
		if err != nil {
			return nil, err
		}
		l.areaAliases = aliases
		notes, err := refine(l, rows, merged, filters, wheres, m.explicit(), where(opts.Name, t))
		if err != nil {
			return nil, err
		}
		res.Notes = append(res.Notes, notes...)
		tableRecords(rows, l, merged, append(filters, excl...), res.Skipped, emit)
		detected = l.toMapping(rows)
		hasInd = l.ind >= 0
	}
	c := &checker{res: res, opts: opts, mapping: m, where: where(opts.Name, res.Sheet), scale: scale,
		inds: map[string]indicators.Indicator{}, seen: map[string]string{}, reported: map[string]bool{}, shares: map[string]*shareStats{},
		aliases: aliases}
	if len(recs) == 0 {
		return nil, budget.Errorf(budget.EINVALID, "%s has no values (%d rows read; skipped: %s): is it the right file, sheet or --where?", c.where, res.RowsRead, skippedText(res.Skipped))
	}
	if err := c.resolveIndicators(recs, hasInd); err != nil {
		return nil, err
	}
	c.pformat = c.periodFormat(recs)
	for i, r := range recs {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		c.add(r)
	}
	c.finish()
	res.Mapping = finalMapping(detected, m, c, scale, wheres, res)
	res.Mapping.Exclude = excludeMap(excludes)
	res.Mapping.AreaAliases = mergeAliases(m.AreaAliases, opts.AreaAliases)
	res.OptionsKey = optionsKey(res.Mapping)
	return res, nil
}

// optionsKey hashes the options that shape the values. The final mapping
// states them all (the indicator, scale, sheet, header, columns, periods,
// where, ignore, fixed period, indicator labels): any option added later
// that changes which value lands where must be stated in the Mapping too,
// or added here, so a re-import with it corrected is not "unchanged".
// JSON encodes maps with sorted keys, so the encoding is canonical.
func optionsKey(m Mapping) string {
	b, _ := json.Marshal(m) // strings, ints and maps of strings: cannot fail
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// readTable reads every row of a csv or xlsx file and finds its layout.
// Indicator files are small (a few thousand rows), so the rows are kept:
// two-row headers and merged cells need to look around.
func readTable(ctx context.Context, path string, opts Options, m *Mapping, res *Result) (*layout, []tabular.Row, merges, string, error) {
	sheet := opts.Sheet
	if sheet == "" {
		sheet = m.Sheet
	}
	t, err := tabular.Open(ctx, path, tabular.Options{Sheet: sheet, MaxSize: opts.MaxSize, Format: m.Format})
	if err != nil {
		return nil, nil, merges{}, "", err
	}
	defer t.Close()
	var rows []tabular.Row
	for {
		r, err := t.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, merges{}, "", err
		}
		rows = append(rows, tabular.Row{Number: r.Number, Cells: append([]string(nil), r.Cells...)})
	}
	res.Format, res.Sheet, res.Encoding, res.RowsRead = t.Format(), t.Sheet(), t.Encoding(), len(rows)
	w := where(opts.Name, t.Sheet())
	var l *layout
	if m.explicit() {
		l, err = mappedLayout(rows, m, w)
	} else {
		l, err = detectLayout(rows, w)
	}
	if err != nil {
		return nil, nil, merges{}, "", err
	}
	res.Layout = l.kind
	for i := 0; i < l.header[0]; i++ {
		if rows[i].Blank() {
			res.Skipped["blank"]++
		} else {
			res.Skipped["title"]++
		}
	}
	res.Skipped["header"] = len(l.header)
	return l, rows, newMerges(rows, t.Merged()), t.Sheet(), nil
}

// skippedText is "3 blank, 2 where" for messages, in a fixed order.
func skippedText(m map[string]int) string { return budgetfile.SkippedText(m) }

func where(name, sheet string) string {
	if sheet != "" {
		return name + ", sheet " + sheet
	}
	return name
}

func mapWhere(m map[string]string) []Where {
	var out []Where
	for k, v := range m {
		out = append(out, Where{Column: k, Value: v})
	}
	return out
}

// resolveWhere finds the column of each --where.
func resolveWhere(l *layout, wheres []Where, where string) ([]filter, error) {
	var out []filter
	for _, w := range wheres {
		col := -1
		var names []string
		for _, c := range l.cols {
			if c.header == "" {
				continue
			}
			names = append(names, fmt.Sprintf("%q", c.header))
			if cell.Fold(c.header) == cell.Fold(w.Column) {
				col = c.idx
			}
		}
		if col < 0 {
			return nil, budget.Errorf(budget.EINVALID, "%s: --where %s=%s: no column %q (columns: %s)", where, w.Column, w.Value, w.Column, strings.Join(names, ", "))
		}
		out = append(out, filter{col: col, value: cell.Fold(w.Value)})
	}
	return out, nil
}

func isJSONStat(path, format string) (bool, error) {
	switch format {
	case "json-stat":
		return true, nil
	case "csv", "xlsx":
		return false, nil
	}
	f, err := inputfile.Open(context.Background(), path, "", 0)
	if err != nil {
		return false, nil // tabular.Open reports it in its words
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	return looksJSON(head[:n]), nil
}

func readAll(ctx context.Context, path string, opts Options) ([]byte, error) {
	limit := opts.MaxSize
	if limit <= 0 {
		limit = tabular.DefaultMaxSize
	}
	return inputfile.ReadAll(ctx, path, opts.Name, limit)
}

// finalMapping is the mapping that reproduces this import.
func finalMapping(detected Mapping, given *Mapping, c *checker, scale Scale, wheres []Where, res *Result) Mapping {
	m := detected
	if given.Format == "" && res.Format != LayoutJSONStat {
		m.Format = ""
	}
	m.Sheet = res.Sheet
	m.Scale = scale
	m.Indicator = c.fixedInd
	m.Indicators = given.Indicators
	m.Period = given.Period
	m.PeriodFormat = c.pformat
	m.Ignore = given.Ignore
	if len(wheres) > 0 {
		m.Where = map[string]string{}
		for _, w := range wheres {
			m.Where[w.Column] = w.Value
		}
	}
	return m
}

// explicit reports whether the mapping names columns, so the layout comes
// from it rather than from detection.
func (m *Mapping) explicit() bool {
	c := m.Columns
	return c.GeoCode != "" || c.GeoName != "" || c.Period != "" || c.Value != "" || c.Count != "" || len(c.Dims) > 0 || len(m.Periods) > 0
}
