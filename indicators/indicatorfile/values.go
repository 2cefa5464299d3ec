package indicatorfile

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/internal/cell"
	"github.com/shopspring/decimal"
)

var (
	hundred  = decimal.NewFromInt(100)
	thousand = decimal.NewFromInt(1000)
	maxYears = decimal.NewFromInt(150)
)

// checker turns records into values, collecting row errors.
type checker struct {
	res      *Result
	opts     Options
	mapping  *Mapping
	where    string
	scale    Scale
	pformat  indicators.PeriodFormat         // how "2011-12" reads in this file
	fixedInd string                          // the one indicator of the file, when there is no indicator column
	byLabel  map[string]string               // folded indicator label → id
	inds     map[string]indicators.Indicator // id → indicator
	seen     map[string]string               // indicator|area|period|dims → the cell it came from
	reported map[string]bool                 // geography and period texts already reported
	shares   map[string]*shareStats
	aliases  map[string]string // --area-alias, folded text → area code
	newAreas map[string]bool   // codes of reference areas in Result.NewAreas
}

// shareStats watches a percent indicator's values for the tell-tale of
// fractions imported as percent: every value between 0 and 1.
type shareStats struct {
	n, small int
}

// resolveIndicators decides which indicator each record belongs to, before
// any record is checked, so a file mixing indicators is refused whole.
func (c *checker) resolveIndicators(recs []record, hasIndColumn bool) error {
	id := c.opts.Indicator
	if id == "" {
		id = c.mapping.Indicator
	}
	c.byLabel = map[string]string{}
	if hasIndColumn && len(c.mapping.Indicators) > 0 {
		for label, mid := range c.mapping.Indicators {
			if err := c.indicator(mid); err != nil {
				return err
			}
			c.byLabel[cell.Fold(label)] = mid
		}
		return nil
	}
	if hasIndColumn {
		labels := distinctLabels(recs)
		if len(labels) > 1 {
			return budget.Errorf(budget.EINVALID, "%s mixes %d indicators in column %s (%s): import one at a time with --where %q, or map each to an indicator id in a mapping file (indicator_column, indicators)",
				c.where, len(labels), recs[0].indCol, quoteList(labels, 5), recs[0].indCol+"="+labels[0])
		}
		if id == "" && len(labels) == 1 {
			if _, ok := c.opts.Lookup(labels[0]); ok {
				id = labels[0]
			}
		}
	}
	if id == "" {
		return budget.Errorf(budget.EINVALID, "%s: which indicator does the file hold? give it with --indicator ID (see 'helsebudsjett indicators list')", c.where)
	}
	c.fixedInd = id
	return c.indicator(id)
}

func (c *checker) indicator(id string) error {
	if _, ok := c.inds[id]; ok {
		return nil
	}
	ind, ok := c.opts.Lookup(id)
	if !ok {
		mean := ""
		if c.opts.Closest != nil {
			if ids := c.opts.Closest(id, 3); len(ids) > 0 {
				mean = " did you mean " + strings.Join(ids, " or ") + "?"
			}
		}
		return budget.Errorf(budget.EINVALID, "%s: unknown indicator %q:%s See 'helsebudsjett indicators list' for the ids, or add it to the catalogue with 'helsebudsjett import catalogue'", c.where, id, mean)
	}
	if c.scale == ScaleFraction && ind.Unit != indicators.Percent && ind.Unit != indicators.Per1000 {
		return budget.Errorf(budget.EINVALID, "%s: --scale fraction is for shares, and indicator %s is in %s", c.where, id, ind.Unit)
	}
	c.inds[id] = ind
	return nil
}

func distinctLabels(recs []record) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range recs {
		if f := cell.Fold(r.indicator); f != "" && !seen[f] {
			seen[f] = true
			out = append(out, r.indicator)
		}
	}
	return out
}

func quoteList(s []string, n int) string {
	q := make([]string, 0, n)
	for i, x := range s {
		if i == n {
			q = append(q, fmt.Sprintf("and %d more", len(s)-n))
			break
		}
		q = append(q, strconv.Quote(x))
	}
	return strings.Join(q, ", ")
}

// add checks one record and, when it is good, adds its value.
func (c *checker) add(r record) {
	id := c.fixedInd
	if id == "" {
		var ok bool
		if id, ok = c.byLabel[cell.Fold(r.indicator)]; !ok {
			c.res.Skipped["other_indicator"]++
			return
		}
	}
	ind := c.inds[id]
	bad := false
	fail := func(col, field, value, msg string) {
		bad = true
		c.res.fail(budgetfile.RowError{Row: r.row, Column: col, Field: field, Value: value, Message: msg})
	}
	geo, ok := c.geo(r, fail)
	if r.emptyDim != "" {
		fail(r.emptyDim, strings.ToLower(r.emptyDimName), "", fmt.Sprintf("the %s cell is empty: fill in the group, or drop the column with a mapping (an empty cell is filled down from above only where an xlsx sheet merges it with the cell above)", r.emptyDimName))
	}
	period, perr := c.period(r)
	if perr != nil && !c.reported["period\x00"+r.period] {
		c.reported["period\x00"+r.period] = true
		fail(r.periodCol, "periode", r.period, perr.Error())
	} else if perr != nil {
		bad = true
		c.res.ErrorCount++
	}
	v := indicators.Value{Indicator: id, Area: geo.Code, Period: period, Dims: sortDims(r.dims)}
	val, marker, err := cell.ParseValue(r.value)
	if err != nil {
		fail(r.valueCol, "verdi", r.value, "value "+err.Error())
	} else if val != nil {
		scaled, msg := c.scaleValue(ind, *val)
		if msg != "" {
			fail(r.valueCol, "verdi", r.value, msg)
		}
		v.Value = &scaled
		c.watch(ind, *val)
	}
	v.Marker = marker
	if r.hasCount {
		n, msg := parseCount(r.count)
		if msg != "" {
			fail(r.countCol, "antall", r.count, msg)
		}
		v.Count = n
	}
	if !ok || bad {
		return
	}
	c.bordersNote(r, geo, v.Period)
	key := id + "\x00" + v.Area + "\x00" + v.Period.Label + "\x00" + dimKey(v.Dims)
	here := cellName(r.row, r.valueCol)
	if prev, dup := c.seen[key]; dup {
		fail(r.valueCol, "verdi", r.value, fmt.Sprintf("a second value for %s %s, %s%s: cell %s and cell %s both give it; keep one (remove a row or column, or pick rows with --where)", geo.Name, v.Period.Label, id, dimText(v.Dims), prev, here))
		return
	}
	c.seen[key] = here
	if _, ok := c.res.Values[id]; !ok {
		c.res.indicatorIDs = append(c.res.indicatorIDs, id)
	}
	c.res.Values[id] = append(c.res.Values[id], v)
}

// cellName names a cell for messages: "C5" in a table, "value 12" in
// JSON-stat (whose "row" is the position in the value array).
func cellName(row int, col string) string {
	if col == "value" {
		return fmt.Sprintf("value %d", row)
	}
	return fmt.Sprintf("%s%d", col, row)
}

// geo finds the record's area. An unknown geography is reported once,
// with the closest names; later rows of it count as errors too.
func (c *checker) geo(r record, fail func(col, field, value, msg string)) (indicators.Geo, bool) {
	areas := c.opts.Areas
	text := r.geoName
	if text == "" {
		text = r.geoCode
	}
	if text == "" {
		fail(r.geoCol, "geografi", "", "the geography cell is empty: fill in the area (an empty cell is filled down from above only where an xlsx sheet merges it with the cell above)")
		return indicators.Geo{}, false
	}
	var g indicators.Geo
	var err error
	if code, ok := aliasFor(c.aliases, r.geoCode, r.geoName); ok {
		g, err = areas.Find(code, "", "")
	} else {
		g, err = areas.Find(r.geoCode, r.geoName, r.geoLevel)
	}
	if err == nil {
		c.useArea(g)
		return g, true
	}
	key := "geo\x00" + r.geoCode + "\x00" + r.geoName
	if c.reported[key] {
		c.res.ErrorCount++
		return indicators.Geo{}, false
	}
	c.reported[key] = true
	fail(r.geoCol, "geografi", strings.TrimSpace(r.geoCode+" "+r.geoName), c.areaMessage(err, text))
	return indicators.Geo{}, false
}

func (c *checker) period(r record) (indicators.Period, error) {
	p := r.period
	if p == "" {
		p = c.mapping.Period
	}
	if p == "" {
		return indicators.Period{}, fmt.Errorf("the row has no period: add a period column (År, Periode) or give period in the mapping")
	}
	return indicators.ParsePeriodAs(p, c.pformat)
}

// yearDashTwo matches "2011-12": a school year or December 2011.
var yearDashTwo = regexp.MustCompile(`^\s*(\d{4})\s*[-–]\s*(\d{2})\s*$`)

// periodFormat decides how the file's "YYYY-NN" periods read, when neither
// the options nor the mapping say: as months when the file has periods
// that can only be months ("2022-01") and none that can only be school
// years ("2019-20"), else as school years. A text both ways ("2011-12")
// gets a warning saying how it was read and how to read it otherwise.
func (c *checker) periodFormat(recs []record) indicators.PeriodFormat {
	if f := c.opts.PeriodFormat; f != "" {
		return f
	}
	if f := c.mapping.PeriodFormat; f != "" {
		return f
	}
	var monthOnly, schoolOnly int
	var both []string
	seen := map[string]bool{}
	for _, r := range recs {
		if seen[r.period] {
			continue
		}
		seen[r.period] = true
		m := yearDashTwo.FindStringSubmatch(r.period)
		if m == nil {
			continue
		}
		mp, mErr := indicators.ParsePeriodAs(r.period, indicators.PeriodMonth)
		sp, sErr := indicators.ParsePeriodAs(r.period, indicators.PeriodSchoolYear)
		month, school := mErr == nil && !mp.Span(), sErr == nil && sp.Span()
		switch {
		case month && school:
			both = append(both, r.period)
		case month:
			monthOnly++
		case school:
			schoolOnly++
		}
	}
	if len(both) == 0 {
		return indicators.PeriodAuto
	}
	if monthOnly > 0 && schoolOnly == 0 {
		c.res.warn(fmt.Sprintf("%s: read %s as a month, since the file's other periods are months; if it is a school year, import with --period-format school-year", c.where, quoteList(both, 3)))
		return indicators.PeriodMonth
	}
	if schoolOnly == 0 {
		c.res.warn(fmt.Sprintf("%s: read %s as a school year; if it is a month, import with --period-format month", c.where, quoteList(both, 3)))
	}
	return indicators.PeriodSchoolYear
}

// scaleValue scales a share to the indicator's unit and checks its range.
func (c *checker) scaleValue(ind indicators.Indicator, v decimal.Decimal) (decimal.Decimal, string) {
	if c.scale == ScaleFraction {
		if v.GreaterThan(decimal.NewFromInt(1)) {
			return v, "is above 1, which a fraction cannot be: is the file in percent? import without --scale fraction"
		}
		switch ind.Unit {
		case indicators.Percent:
			v = v.Mul(hundred)
		case indicators.Per1000:
			v = v.Mul(thousand)
		}
	}
	if v.IsNegative() {
		return v, "is negative, which a " + string(ind.Unit) + " value of " + ind.ID + " cannot be"
	}
	switch ind.Unit {
	case indicators.Percent:
		if v.GreaterThan(hundred) {
			return v, "is above 100 %, which a share cannot be"
		}
	case indicators.Per1000:
		if v.GreaterThan(thousand) {
			return v, "is above 1000 per 1000, which a rate cannot be"
		}
	case indicators.Years:
		if v.GreaterThan(maxYears) {
			return v, "is above 150 years"
		}
	case indicators.Count:
		if !v.IsInteger() {
			return v, "is not a whole number, which a count must be"
		}
	case indicators.Kroner:
		if v.GreaterThan(decimal.NewFromInt(1e9)) {
			return v, "is above 1 000 000 000 kr, which no amount per person is: is the file in øre, or a total?"
		}
	}
	return v, ""
}

func (c *checker) watch(ind indicators.Indicator, v decimal.Decimal) {
	if ind.Unit != indicators.Percent || c.scale != ScaleDefault {
		return
	}
	s := c.shares[ind.ID]
	if s == nil {
		s = &shareStats{}
		c.shares[ind.ID] = s
	}
	s.n++
	if v.LessThanOrEqual(decimal.NewFromInt(1)) {
		s.small++
	}
}

// finish warns about percent indicators whose every value is 0-1.
func (c *checker) finish() {
	ids := make([]string, 0, len(c.shares))
	for id := range c.shares {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if s := c.shares[id]; s.n >= 3 && s.small == s.n {
			c.res.warn(fmt.Sprintf("%s: every value of %s is between 0 and 1: if the file gives fractions (0.103 for 10.3 %%), import it with --scale fraction", c.where, id))
		}
	}
}

// parseCount reads a count: a whole number, 0 or more, or missing.
func parseCount(s string) (*int, string) {
	v, _, err := cell.ParseValue(s)
	switch {
	case err != nil:
		return nil, "count " + err.Error()
	case v == nil:
		return nil, ""
	case !v.IsInteger() || v.IsNegative() || v.GreaterThan(decimal.NewFromInt(1e12)):
		return nil, "a count must be a whole number, 0 or more"
	}
	n := int(v.IntPart())
	return &n, ""
}

func sortDims(d []indicators.Dim) []indicators.Dim {
	if len(d) < 2 {
		return d
	}
	out := append([]indicators.Dim(nil), d...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Value < out[j].Value
	})
	return out
}

func dimKey(d []indicators.Dim) string {
	var b strings.Builder
	for _, x := range d {
		b.WriteString(x.Name + "=" + x.Value + "\x00")
	}
	return b.String()
}

func dimText(d []indicators.Dim) string {
	if len(d) == 0 {
		return ""
	}
	parts := make([]string, len(d))
	for i, x := range d {
		parts[i] = x.Name + " " + x.Value
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
