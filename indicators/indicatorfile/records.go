package indicatorfile

import (
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/internal/cell"
)

// record is one figure as the file gives it, before it is checked: the
// common form of long, wide and JSON-stat input. Columns are spreadsheet
// letters (or JSON-stat dimension ids) for messages.
type record struct {
	row               int
	geoCode, geoName  string
	geoCol            string
	period, periodCol string
	indicator, indCol string
	geoLevel          indicators.Level // what the geography column's header says, "" when nothing
	dims              []indicators.Dim
	value, valueCol   string
	count, countCol   string
	hasCount          bool
	emptyDim          string // column letter of an empty dimension cell
	emptyDimName      string // its header
}

// filter is a --where condition resolved to a column.
type filter struct {
	col     int
	value   string // folded
	exclude bool   // --exclude: drop the rows that hold value
}

// merges finds the value an empty cell stands for: the first (top left)
// cell of the xlsx merged range it lies in. CSV has no merges, so nothing
// is ever filled down there: an empty cell is empty.
type merges struct {
	ranges []tabular.Range
	rows   map[int][]string // row number → cells
}

func newMerges(rows []tabular.Row, ranges []tabular.Range) merges {
	m := merges{ranges: ranges}
	if len(ranges) > 0 {
		m.rows = make(map[int][]string, len(rows))
		for _, r := range rows {
			m.rows[r.Number] = r.Cells
		}
	}
	return m
}

// value returns the cleaned value of the merged range that holds the cell
// at row (a Row.Number) and col, or "" when the cell is in none.
func (m merges) value(row, col int) string {
	if col < 0 {
		return ""
	}
	for _, r := range m.ranges {
		if r.Contains(row, col) && (r.FirstRow != row || r.FirstCol != col) {
			return cell.Clean(at(m.rows[r.FirstRow], r.FirstCol))
		}
	}
	return ""
}

// tableRecords turns the data rows below the header into records, filling
// empty label cells that lie in a merged range of an xlsx sheet with the
// range's value, skipping blank, note and aggregate rows and rows that
// fail a filter. Every row read is counted in skipped or yields records.
func tableRecords(rows []tabular.Row, l *layout, merged merges, filters []filter, skipped map[string]int, emit func(record)) {
	data := l.header[len(l.header)-1] + 1
	for _, row := range rows[data:] {
		if row.Blank() {
			skipped["blank"]++
			continue
		}
		cells := row.Cells
		get := func(i int) string {
			if i < 0 {
				return ""
			}
			if v := cell.Clean(at(cells, i)); v != "" {
				return v
			}
			return merged.value(row.Number, i)
		}
		if repeatsHeader(rows, l, cells) {
			skipped["header"]++
			continue
		}
		code, name := get(l.geoCode), get(l.geoName)
		if code == "" && name == "" && nonEmptyCells(cells) == 1 {
			skipped["note"]++ // a title between blocks ("Rogaland"), or a year over repeated headers
			continue
		}
		if l.level >= 0 && !areaLevels[cell.Fold(get(l.level))] {
			skipped["other_level"]++ // a school's row among nation, fylke and kommune
			continue
		}
		aliased := l.aliased(code, name)
		if !aliased && aggregate(l, code, name, get) {
			skipped["aggregate"]++
			continue
		}
		if !aliased && notArea(code, name) {
			skipped["not_area"]++
			continue
		}
		if !hasFigures(l, get) && (code == "" && name == "" || nonEmptyCells(cells) == 1) {
			skipped["note"]++
			continue
		}
		labels := map[int]string{}
		for _, i := range l.labels() {
			labels[i] = get(i)
		}
		if ok, excluded := pass(filters, func(i int) string {
			if v, ok := labels[i]; ok {
				return v
			}
			switch i {
			case l.geoCode:
				return code
			case l.geoName:
				return name
			}
			return get(i)
		}); !ok {
			if excluded {
				skipped["excluded"]++
			} else {
				skipped["where"]++
			}
			continue
		}
		base := record{row: row.Number, geoCode: code, geoName: name, geoCol: letter(l.geoCode, l.geoName), geoLevel: l.geoLevel()}
		if l.ind >= 0 {
			base.indicator, base.indCol = labels[l.ind], tabular.ColumnName(l.ind)
		}
		for _, i := range l.dims {
			v := labels[i]
			if v == "" && base.emptyDim == "" {
				base.emptyDim, base.emptyDimName = tabular.ColumnName(i), l.headerOf(i)
			}
			if v != "" && !wholeNames[cell.Fold(v)] {
				base.dims = append(base.dims, indicators.Dim{Name: strings.ToLower(l.headerOf(i)), Value: v})
			}
		}
		if l.kind == LayoutLong {
			r := base
			r.period, r.periodCol = labels[l.period], letter(l.period)
			r.value, r.valueCol = get(l.value), letter(l.value)
			if l.count >= 0 {
				r.count, r.countCol, r.hasCount = get(l.count), letter(l.count), true
			}
			emit(r)
			continue
		}
		wideRecords(base, l, get, emit)
	}
}

// wideRecords emits one record per period across, joining a period's
// value and count columns. A second column of the same period and measure
// (two columns headed 2024) is emitted as a record of its own, so that the
// checker reports the two cells rather than keep the last.
func wideRecords(base record, l *layout, get func(int) string, emit func(record)) {
	byPeriod := map[string]*record{}
	var order []string
	var extra []record
	for _, w := range l.wide {
		key := w.period + "\x00" + w.group
		r := byPeriod[key]
		if r == nil {
			c := base
			c.period, c.periodCol = w.period, tabular.ColumnName(w.idx)
			if w.group != "" && !wholeNames[cell.Fold(w.group)] {
				c.dims = append(append([]indicators.Dim(nil), base.dims...), indicators.Dim{Name: l.groupDim, Value: w.group})
			}
			r = &c
			byPeriod[key] = r
			order = append(order, key)
		}
		col := tabular.ColumnName(w.idx)
		switch {
		case w.measure == measureCount && r.hasCount, w.measure != measureCount && r.valueCol != "":
			c := *r
			c.value, c.valueCol, c.count, c.countCol, c.hasCount = get(w.idx), col, "", "", false
			extra = append(extra, c)
		case w.measure == measureCount:
			r.count, r.countCol, r.hasCount = get(w.idx), col, true
		default:
			r.value, r.valueCol = get(w.idx), col
			r.periodCol = r.valueCol
		}
	}
	for _, p := range order {
		r := byPeriod[p]
		if r.valueCol == "" { // only a count given for the period: it is the value
			r.value, r.valueCol, r.count, r.countCol, r.hasCount = r.count, r.countCol, "", "", false
		}
		emit(*r)
	}
	for _, r := range extra {
		emit(r)
	}
}

func letter(idx ...int) string {
	for _, i := range idx {
		if i >= 0 {
			return tabular.ColumnName(i)
		}
	}
	return ""
}

// aggregate reports a row that sums or averages others: its geography is
// an aggregate word, or it has no geography and an aggregate word stands in
// another label cell (an analyst's "Gjennomsnitt" under a block of
// kommuner). Such a row is never taken for an area.
func aggregate(l *layout, code, name string, get func(int) string) bool {
	if aggregateNames[cell.Fold(code)] || aggregateNames[cell.Fold(name)] || strings.HasPrefix(cell.Fold(name), "sum") && !hasLetterAfterSum(name) {
		return true
	}
	if code != "" || name != "" {
		return false
	}
	for _, i := range append(l.labels(), l.geoCode, l.geoName) {
		if i >= 0 && aggregateNames[cell.Fold(get(i))] {
			return true
		}
	}
	for _, c := range l.cols {
		if c.role == roleNone || c.role == roleDim || c.role == roleIgnore {
			if aggregateNames[cell.Fold(get(c.idx))] {
				return true
			}
		}
	}
	return false
}

// hasLetterAfterSum tells "Sum Vestfold" (an aggregate) from a name that
// only starts with the letters s-u-m ("Sumdal"): the word must stand alone.
func hasLetterAfterSum(name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	return len(n) > 3 && n[3] != ' ' && n[3] != ':'
}

// hasFigures reports whether any value or count cell of the row is filled.
func hasFigures(l *layout, get func(int) string) bool {
	for _, i := range []int{l.value, l.count} {
		if i >= 0 && get(i) != "" {
			return true
		}
	}
	for _, w := range l.wide {
		if get(w.idx) != "" {
			return true
		}
	}
	return false
}

func nonEmptyCells(cells []string) int {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// pass reports whether a row passes the filters; excluded says an
// --exclude dropped it.
func pass(filters []filter, get func(int) string) (ok, excluded bool) {
	for _, f := range filters {
		if match := cell.Fold(get(f.col)) == f.value; match == f.exclude {
			return false, f.exclude
		}
	}
	return true, false
}

// repeatsHeader reports whether a data row repeats the header: every
// filled cell equals the cell above it in one of the header rows, as in
// reports that repeat their header for each block (NAV's, per fylke).
func repeatsHeader(rows []tabular.Row, l *layout, cells []string) bool {
	n := 0
	for i, c := range cells {
		c = cell.Fold(c)
		if c == "" {
			continue
		}
		n++
		same := false
		for _, h := range l.header {
			if cell.Fold(at(rows[h].Cells, i)) == c {
				same = true
				break
			}
		}
		if !same {
			return false
		}
	}
	return n > 0
}
