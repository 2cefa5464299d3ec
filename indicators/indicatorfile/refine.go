package indicatorfile

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/internal/cell"
)

// unitNames are headers of a column stating the unit or measure of each
// row's value (FHI's "Måltall" when the value has its own column, "Enhet").
var unitNames = set("enhet", "unit", "måleenhet", "måltall", "measuretype", "målenhet")

// maxListed bounds the values an error lists.
const maxListed = 12

// columnData is what the data rows hold in one column: its distinct
// values in the order met, and how many cells are numbers or text.
type columnData struct {
	distinct []string
	seen     map[string]bool
	numbers  int
	text     int
	// periodKey counts cells equal to the row's period start or end year.
	periodKey int
	filled    int
	rows      int // data rows scanned, filled or not
	// byGeo is the one value per geography, or false when it varies.
	byGeo      map[string]string
	geoVaries  bool
	headerText string
}

// scan gathers columnData for every column of the data rows that pass the
// filters (blank rows skipped), reading merged cells as tableRecords does.
func scan(rows []tabular.Row, l *layout, merged merges, filters []filter) map[int]*columnData {
	cols := map[int]*columnData{}
	width := 0
	for _, r := range rows[l.header[len(l.header)-1]+1:] {
		width = max(width, len(r.Cells))
	}
	for _, row := range rows[l.header[len(l.header)-1]+1:] {
		if nonEmptyCells(row.Cells) <= 1 { // blank, or a note ("Kilde: FHI")
			continue
		}
		get := func(i int) string {
			if i < 0 {
				return ""
			}
			if v := cell.Clean(at(row.Cells, i)); v != "" {
				return v
			}
			return merged.value(row.Number, i)
		}
		if ok, _ := pass(filters, get); !ok {
			continue
		}
		geo := get(l.geoCode) + "\x00" + get(l.geoName)
		var start, end string
		if l.period >= 0 {
			if p, err := indicators.ParsePeriod(get(l.period)); err == nil {
				start, end = strconv.Itoa(p.Start), strconv.Itoa(p.End)
			}
		}
		for i := 0; i < width; i++ {
			c := cols[i]
			if c == nil {
				c = &columnData{seen: map[string]bool{}, byGeo: map[string]string{}, headerText: l.headerOf(i)}
				cols[i] = c
			}
			c.rows++
			v := get(i)
			if v == "" {
				continue
			}
			c.filled++
			if !c.seen[v] {
				c.seen[v] = true
				c.distinct = append(c.distinct, v)
			}
			if num, _, err := cell.ParseValue(v); err != nil {
				c.text++
			} else if num != nil {
				c.numbers++
			}
			if start != "" && (strings.TrimSuffix(v, ".0") == start || strings.TrimSuffix(v, ".0") == end) {
				c.periodKey++
			}
			if prev, ok := c.byGeo[geo]; ok && prev != v {
				c.geoVaries = true
			}
			c.byGeo[geo] = v
		}
	}
	return cols
}

// refine checks the detected layout against the data and corrects what the
// headers alone got wrong, with a note for each correction:
//
//   - a value column whose every cell is text ("Måltall" holding
//     "leveår") is not the value column: the one numeric dimension column
//     beside it is, and the text column is the unit;
//   - a unit column with one value is noted and ignored; with several it
//     is an error asking for --where, since values of different units
//     cannot make one series;
//   - a dimension column that repeats the period's year (a sort key,
//     "sortering år"), that holds one value in the whole file, or that
//     names a geography and follows the geography column is a helper:
//     noted and ignored, not a dimension that splits the series.
//
// An explicit mapping is taken as it is, except that --where values are
// checked against the column in every case.
func refine(l *layout, rows []tabular.Row, merged merges, filters []filter, wheres []Where, explicit bool, where string) (notes []string, err error) {
	if err := checkWhereValues(l, rows, merged, filters, wheres, where); err != nil {
		return nil, err
	}
	for _, w := range wheres {
		if wholeNames[cell.Fold(w.Value)] || indicators.IsTotal(w.Value) {
			notes = append(notes, fmt.Sprintf("--where %s=%s picks the total, which is stored without a %s dimension, as the indicator's headline figure", w.Column, w.Value, strings.ToLower(w.Column)))
		}
	}
	if explicit {
		return notes, nil
	}
	cols := scan(rows, l, merged, filters)
	if l.kind == LayoutLong && l.value >= 0 {
		if c := cols[l.value]; c != nil && c.text > 0 && c.numbers == 0 {
			n, err := l.textValueColumn(cols, where)
			if err != nil {
				return nil, err
			}
			if n != "" {
				notes = append(notes, n)
			}
		}
	}
	var keep []int
	for _, i := range l.dims {
		c := cols[i]
		h := l.headerOf(i)
		isUnit := unitNames[cell.Fold(h)]
		r, _, _ := classify(h)
		switch {
		case c == nil || c.filled == 0:
			notes = append(notes, fmt.Sprintf("column %s (%q) is empty: ignored", tabular.ColumnName(i), h))
		case isUnit && len(c.distinct) > 1:
			return nil, budget.Errorf(budget.EINVALID, "%s: column %s (%q) gives the values in %d units (%s): values of different units cannot make one series; pick one with --where %q",
				where, tabular.ColumnName(i), h, len(c.distinct), quoteList(c.distinct, maxListed), h+"="+c.distinct[0])
		case isUnit:
			notes = append(notes, fmt.Sprintf("column %s (%q) is the unit, %q in every row: not a dimension", tabular.ColumnName(i), h, c.distinct[0]))
		case c.periodKey == c.filled && c.numbers == c.filled:
			notes = append(notes, fmt.Sprintf("column %s (%q) repeats the period's year in every row (a sort key): ignored as a helper column", tabular.ColumnName(i), h))
		case (r == roleGeoCode || r == roleGeoName) && !c.geoVaries:
			notes = append(notes, fmt.Sprintf("column %s (%q) names a second geography that follows the first: ignored as a helper column", tabular.ColumnName(i), h))
		case len(c.distinct) == 1 && c.filled == c.rows && !wholeNames[cell.Fold(c.distinct[0])]:
			notes = append(notes, fmt.Sprintf("column %s (%q) holds %q in every row: recorded here, not stored as a dimension, so trend and inequality use the figures", tabular.ColumnName(i), h, c.distinct[0]))
		default:
			keep = append(keep, i)
		}
	}
	l.dims = keep
	return notes, nil
}

// textValueColumn handles a value column that holds only text: the one
// dimension column of numbers becomes the value column and the text
// column a unit column (a dimension, checked as a unit by refine).
func (l *layout) textValueColumn(cols map[int]*columnData, where string) (string, error) {
	text := l.value
	var numeric []int
	for _, i := range l.dims {
		if c := cols[i]; c != nil && c.numbers > 0 && c.text == 0 && c.periodKey < c.filled {
			numeric = append(numeric, i)
		}
	}
	th := l.headerOf(text)
	if len(numeric) == 0 {
		return "", nil // no better column: the rows are refused one by one
	}
	if len(numeric) > 1 {
		return "", budget.Errorf(budget.EINVALID, "%s: column %s (%q) holds text (%s), not numbers, and %d other columns hold numbers: name the value column in a mapping (columns.value)",
			where, tabular.ColumnName(text), th, quoteList(cols[text].distinct, 3), len(numeric))
	}
	v := numeric[0]
	l.value = v
	dims := []int{text}
	for _, i := range l.dims {
		if i != v {
			dims = append(dims, i)
		}
	}
	sort.Ints(dims)
	l.dims = dims
	return fmt.Sprintf("column %s (%q) holds text (%s), so the values are taken from column %s (%q)",
		tabular.ColumnName(text), th, quoteList(cols[text].distinct, 3), tabular.ColumnName(v), l.headerOf(v)), nil
}

// checkWhereValues refuses a --where whose value the column never holds,
// listing the values it does hold (and saying which is the total, when
// the user asked for a total by another name).
func checkWhereValues(l *layout, rows []tabular.Row, merged merges, filters []filter, wheres []Where, where string) error {
	for k, f := range filters {
		found := false
		var values []string
		seen := map[string]bool{}
		for _, row := range rows[l.header[len(l.header)-1]+1:] {
			v := cell.Clean(at(row.Cells, f.col))
			if v == "" {
				v = merged.value(row.Number, f.col)
			}
			if v == "" {
				continue
			}
			if cell.Fold(v) == f.value {
				found = true
				break
			}
			if !seen[v] {
				seen[v] = true
				values = append(values, v)
			}
		}
		if found {
			continue
		}
		w := wheres[k]
		msg := fmt.Sprintf("%s: --where %s=%s: column %q never holds %q; it holds %s", where, w.Column, w.Value, w.Column, w.Value, quoteList(values, maxListed))
		if wholeNames[cell.Fold(w.Value)] || indicators.IsTotal(w.Value) {
			for _, v := range values {
				if wholeNames[cell.Fold(v)] || indicators.IsTotal(v) {
					msg += fmt.Sprintf(". Its total is %q; the total is stored without a %s dimension, as the indicator's headline figure", v, strings.ToLower(w.Column))
					break
				}
			}
		}
		return budget.Errorf(budget.EINVALID, "%s", msg)
	}
	return nil
}
