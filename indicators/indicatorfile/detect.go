package indicatorfile

import (
	"fmt"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"github.com/helsebudsjett/helsebudsjett/indicators/internal/cell"
)

// detectLayout finds the header among the first rows and reads the
// columns. It tries, for each candidate row, the row alone, the row with
// the row above as a top header row (periods over the label row), and the
// row with the row below as a bottom header row (Andel/Antall or periods
// under the label row).
func detectLayout(rows []tabular.Row, where string) (*layout, error) {
	scanned := 0
	for i := 0; i < len(rows) && scanned < headerScan; i++ {
		if rows[i].Blank() {
			continue
		}
		scanned++
		if i > 0 && adjacent(rows[i-1], rows[i]) && !rows[i-1].Blank() {
			if l, ok := build(combine(rows[i-1].Cells, rows[i].Cells)); ok && l.kind == LayoutWide && !singleHeader(rows[i].Cells) && implicitOK(l, rows, i) {
				l.header = []int{i - 1, i}
				return l, nil
			}
		}
		l, ok := build(rows[i].Cells)
		ok = ok && implicitOK(l, rows, i)
		if ok && i+1 < len(rows) && adjacent(rows[i], rows[i+1]) && noGeo(rows[i+1], l) {
			if ls, split := splitHeader(rows[i].Cells, rows[i+1].Cells); split {
				ls.header = []int{i, i + 1}
				return ls, nil
			}
		}
		if i+1 < len(rows) && adjacent(rows[i], rows[i+1]) && secondHeader(rows[i+1], l) {
			if l2, ok2 := build(combine(rows[i].Cells, rows[i+1].Cells)); ok2 {
				l2.header = []int{i, i + 1}
				return l2, nil
			}
		}
		if ok {
			l.header = []int{i}
			return l, nil
		}
	}
	return nil, budget.Errorf(budget.EINVALID, "%s: no header found in the first %d rows: a table of indicator values needs a geography column (Geografi, Kommune, Bydel, Kommunenummer, …) and a value column (Andel, Verdi, Måltall, …) or periods across (2018, 2019, …).\nThe first rows looked at:\n%s\nName the columns in a mapping file and give it with --mapping, for example:\n  header_row: %d\n  columns:\n    geo_name: %s   # or geo_code: the column of area names or codes\n    period: År        # the period column; or periods: [{column: \"2024\", period: \"2024\"}] for periods across\n    value: Andel      # the value column\n    dims: [Kjønn]     # group columns, if any", where, headerScan, seenRows(rows, 5), firstRowNumber(rows), firstCell(rows))
}

// seenRows lists the first n non-blank rows and their cells, for the "no
// header found" message.
func seenRows(rows []tabular.Row, n int) string {
	var b strings.Builder
	for _, r := range rows {
		if n == 0 {
			break
		}
		if r.Blank() {
			continue
		}
		n--
		var cells []string
		for i, c := range r.Cells {
			if c = cell.Clean(c); c != "" {
				if r := []rune(c); len(r) > 40 {
					c = string(r[:40]) + "…"
				}
				cells = append(cells, fmt.Sprintf("%s=%q", tabular.ColumnName(i), c))
			}
			if len(cells) == 8 {
				cells = append(cells, "…")
				break
			}
		}
		fmt.Fprintf(&b, "  row %d: %s\n", r.Number, strings.Join(cells, " "))
	}
	if b.Len() == 0 {
		return "  (every row is blank)"
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func firstRowNumber(rows []tabular.Row) int {
	for _, r := range rows {
		if !r.Blank() {
			return r.Number
		}
	}
	return 1
}

func firstCell(rows []tabular.Row) string {
	for _, r := range rows {
		for _, c := range r.Cells {
			if c = cell.Clean(c); c != "" && len(c) <= 40 {
				return c
			}
		}
		if !r.Blank() {
			break
		}
	}
	return "Geografi"
}

// singleHeader reports whether a row would make a complete one-row wide
// header itself, in which case the row above is a title, not a header.
func singleHeader(cells []string) bool {
	l, ok := build(cells)
	return ok && l.kind == LayoutWide
}

func adjacent(a, b tabular.Row) bool { return b.Number == a.Number+1 }

// implicitOK checks a layout whose geography is the first column without
// a header: the row below the header must name something in that column,
// and not a header's word ("Bydel" under a row of periods is the real
// header row).
func implicitOK(l *layout, rows []tabular.Row, i int) bool {
	if !l.implicitGeo {
		return true
	}
	if i+1 >= len(rows) || !adjacent(rows[i], rows[i+1]) {
		return false
	}
	first := cell.Clean(at(rows[i+1].Cells, 0))
	if first == "" {
		return false
	}
	r, _, _ := classify(first)
	return r == roleDim
}

// noGeo reports whether the row has nothing in l's geography columns.
func noGeo(r tabular.Row, l *layout) bool {
	for _, i := range []int{l.geoCode, l.geoName} {
		if i >= 0 && strings.TrimSpace(at(r.Cells, i)) != "" {
			return false
		}
	}
	return true
}

// secondHeader reports whether next is the second row of a two-row header
// below a row whose layout is l: it has no geography cells, and a period
// or a measure word (Andel, Antall) in a column where the row above has
// none of its own labels.
func secondHeader(next tabular.Row, l *layout) bool {
	for _, i := range []int{l.geoCode, l.geoName} {
		if i >= 0 && strings.TrimSpace(at(next.Cells, i)) != "" {
			return false
		}
	}
	found := false
	for _, c := range next.Cells {
		c = cell.Clean(c)
		if c == "" {
			continue
		}
		r, _, _ := classify(c)
		switch r {
		case roleValue, roleCount, roleWide:
			found = true
		default:
			return false
		}
	}
	return found
}

// mappedLayout builds the layout a mapping states. Headers not named in
// the mapping are ignored.
func mappedLayout(rows []tabular.Row, m *Mapping, where string) (*layout, error) {
	nh := max(m.HeaderRows, 1)
	start := -1
	for i, r := range rows {
		if r.Number == m.HeaderRow {
			start = i
			break
		}
	}
	if m.HeaderRow == 0 {
		// The first row that has the mapping's first named column.
		want := cell.Fold(firstNamed(m))
	scan:
		for i := 0; i < len(rows) && i < headerScan+nh; i++ {
			for _, h := range headerCells(rows, i, nh) {
				if cell.Fold(h) == want {
					start = i
					break scan
				}
			}
		}
	}
	if start < 0 || start+nh > len(rows) {
		return nil, budget.Errorf(budget.EINVALID, "%s: the header the mapping describes (row %d, column %q) is not in the file", where, m.HeaderRow, firstNamed(m))
	}
	headers := headerCells(rows, start, nh)
	l := &layout{geoCode: -1, geoName: -1, period: -1, value: -1, count: -1, ind: -1, level: -1}
	for k := 0; k < nh; k++ {
		l.header = append(l.header, start+k)
	}
	find := func(name, what string) (int, error) {
		if name == "" {
			return -1, nil
		}
		for i, h := range headers {
			if cell.Fold(h) == cell.Fold(name) {
				return i, nil
			}
		}
		return -1, budget.Errorf(budget.EINVALID, "%s: the mapping's %s column %q is not in the header (columns: %s)", where, what, name, strings.Join(nonEmpty(headers), ", "))
	}
	var err error
	c := m.Columns
	for _, f := range []struct {
		name, what string
		p          *int
	}{{c.GeoCode, "geo_code", &l.geoCode}, {c.GeoName, "geo_name", &l.geoName}, {c.Period, "period", &l.period},
		{c.Value, "value", &l.value}, {c.Count, "count", &l.count}, {m.IndicatorColumn, "indicator_column", &l.ind}, {c.Level, "level", &l.level}} {
		if *f.p, err = find(f.name, f.what); err != nil {
			return nil, err
		}
	}
	for _, d := range c.Dims {
		i, err := find(d, "dims")
		if err != nil {
			return nil, err
		}
		l.dims = append(l.dims, i)
	}
	for _, p := range m.Periods {
		i, err := find(p.Column, "periods")
		if err != nil {
			return nil, err
		}
		meas := p.Measure
		if meas == "" {
			meas = measureValue
		}
		l.wide = append(l.wide, column{idx: i, header: headers[i], role: roleWide, period: p.Period, measure: meas, group: p.Group})
		if p.Group != "" {
			l.groupDim = m.GroupDim
			if l.groupDim == "" {
				l.groupDim = "gruppe"
			}
		}
	}
	for i, h := range headers {
		l.cols = append(l.cols, column{idx: i, header: cell.Clean(h)})
	}
	if l.geoCode < 0 && l.geoName < 0 {
		return nil, budget.Errorf(budget.EINVALID, "%s: the mapping names no geography column (columns.geo_code or columns.geo_name)", where)
	}
	switch {
	case len(l.wide) > 0:
		l.kind = LayoutWide
	case l.value >= 0:
		l.kind = LayoutLong
	default:
		return nil, budget.Errorf(budget.EINVALID, "%s: the mapping names no value column (columns.value) and no periods across (periods)", where)
	}
	if m.Layout != "" && m.Layout != l.kind {
		return nil, budget.Errorf(budget.EINVALID, "%s: the mapping says layout %s but names the columns of a %s table", where, m.Layout, l.kind)
	}
	return l, nil
}

func firstNamed(m *Mapping) string {
	for _, s := range []string{m.Columns.GeoCode, m.Columns.GeoName, m.Columns.Period, m.Columns.Value} {
		if s != "" {
			return s
		}
	}
	if len(m.Periods) > 0 {
		return m.Periods[0].Column
	}
	return ""
}

func headerCells(rows []tabular.Row, start, n int) []string {
	if n == 2 && start+1 < len(rows) {
		return combine(rows[start].Cells, rows[start+1].Cells)
	}
	out := make([]string, len(rows[start].Cells))
	for i, c := range rows[start].Cells {
		out[i] = cell.Clean(c)
	}
	return out
}

func nonEmpty(hs []string) []string {
	var out []string
	for _, h := range hs {
		if h != "" {
			out = append(out, fmt.Sprintf("%q", h))
		}
	}
	return out
}

// toMapping states a layout as a mapping, for --save-mapping.
func (l *layout) toMapping(rows []tabular.Row) Mapping {
	m := Mapping{Layout: l.kind, HeaderRow: rows[l.header[0]].Number, HeaderRows: len(l.header)}
	h := l.headerOf
	if l.geoCode >= 0 {
		m.Columns.GeoCode = h(l.geoCode)
	}
	if l.geoName >= 0 {
		m.Columns.GeoName = h(l.geoName)
	}
	if l.period >= 0 {
		m.Columns.Period = h(l.period)
	}
	if l.value >= 0 {
		m.Columns.Value = h(l.value)
	}
	if l.count >= 0 {
		m.Columns.Count = h(l.count)
	}
	if l.level >= 0 {
		m.Columns.Level = h(l.level)
	}
	if l.ind >= 0 {
		m.IndicatorColumn = h(l.ind)
	}
	for _, d := range l.dims {
		m.Columns.Dims = append(m.Columns.Dims, h(d))
	}
	for _, w := range l.wide {
		m.Periods = append(m.Periods, PeriodColumn{Column: w.header, Period: w.period, Measure: w.measure, Group: w.group})
	}
	m.GroupDim = l.groupDim
	return m
}
