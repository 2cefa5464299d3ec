package indicatorfile

import (
	"regexp"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/internal/cell"
)

// headerScan is how many non-blank rows the header is looked for in.
const headerScan = 30

// role is what a column holds.
type role uint8

const (
	roleNone role = iota
	roleGeoCode
	roleGeoName
	rolePeriod
	roleValue
	roleCount
	roleIndicator
	roleDim
	roleWide // a period across: value or count of that period
	roleIgnore
	roleLevel // the geographic level of each row (Udir's EnhetNivaa)
)

// Header names by role, folded by cell.Fold.
var (
	geoCodeNames = set("kommunenummer", "kommunenr", "knr", "kode", "geografikode", "geokode", "regionkode", "bydelsnummer", "bydelsnr", "bydelskode", "områdekode", "sonekode", "code", "geocode", "regionnummer", "fylkesnummer", "fylkenr")
	geoNameNames = set("enhetnavn", "enhetsnavn", "geografi", "geo", "sted", "kommune", "bydel", "område", "region", "navn", "levekårssone", "sone", "delbydel", "geografinavn", "kommunenavn", "bydelsnavn", "områdenavn", "fylke", "geography", "area")
	periodNames  = set("år", "aar", "periode", "tid", "year", "time", "tidsperiode", "skoleår", "årstall", "måleår", "period", "tidspunkt")
	valueNames   = set("grunnskolepoeng", "andel", "andelprosent", "prosentandel", "prosent", "måltall", "value", "verdi", "rate", "promille", "per1000", "gjennomsnitt", "snitt", "poeng", "tall", "levealder", "forventetlevealder", "indikatorverdi", "andelpst", "pst")
	countNames   = set("antall", "teller", "count", "n", "antallpersoner", "personer")
	indNames     = set("indikator", "indicator", "statistikkvariabel", "contentscode", "indikatornavn", "variabel", "statistikk")
	ignoreNames  = set("nevner", "label", "merknad", "fotnote", "kilde", "note", "notes", "flagg", "flag")
	levelNames   = set("enhetnivaa", "enhetnivå", "enhetsnivå", "nivå", "nivaa", "geografiskniva", "geografisknivå", "level")
	// areaLevels are the level labels of rows that are areas; rows of
	// other levels (Skole, Barnehage) are skipped.
	areaLevels = set("nasjonalt", "nasjon", "land", "landet", "hele landet", "norge", "fylke", "fylker", "fylkeskommune", "kommune", "kommuner", "bydel", "bydeler", "delbydel", "levekårssone", "sone", "national", "county", "municipality", "district")
	// aggregateNames are labels of rows that sum or average other rows.
	aggregateNames = set("gjennomsnitt", "snitt", "sum", "ialt", "median", "average", "mean", "totalsum", "summert", "gjennomsnittkommunene")
	// wholeNames are dimension values meaning the whole population.
	// sexNames are the groups of a kjønn split.
	sexNames   = set("gutter", "jenter", "menn", "kvinner", "mann", "kvinne", "gut", "jente", "begge kjønn", "kjønn samlet", "begge", "alle", "totalt", "i alt")
	wholeNames = set("alle", "allealdre", "totalt", "total", "ialt", "kjønnsamlet", "beggekjønn", "samlet", "beggekjønnsamlet", "alleutdanningsnivåer", "allekategorier", "helebefolkningen", "hele befolkningen", "bådekjønn", "alle aldre")
)

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[cell.Fold(n)] = true
	}
	return m
}

// periodInHeader finds a period in a header: a year, a span or a date.
var periodInHeader = regexp.MustCompile(`\d{4}-\d{2}-\d{2}|\d{4}(\s*[-–—_/]\s*(\d{4}|\d{2}))?`)

// classify reads one header. For a period across it returns the period's
// text and the measure (value or count).
func classify(h string) (r role, period, measure string) {
	f := cell.Fold(h)
	switch {
	case f == "":
		return roleNone, "", ""
	case geoCodeNames[f]:
		return roleGeoCode, "", ""
	case geoNameNames[f]:
		return roleGeoName, "", ""
	case periodNames[f]:
		return rolePeriod, "", ""
	case valueNames[f]:
		return roleValue, "", ""
	case countNames[f]:
		return roleCount, "", ""
	case indNames[f]:
		return roleIndicator, "", ""
	case ignoreNames[f]:
		return roleIgnore, "", ""
	case levelNames[f]:
		return roleLevel, "", ""
	}
	if p, m, ok := widePeriod(h); ok {
		return roleWide, p, m
	}
	return roleDim, "", ""
}

// widePeriod reads a header such as "2024", "2018-2020   ", "Andel 2024",
// "2024 Antall" or "Andel (2021-2023)".
func widePeriod(h string) (period, measure string, ok bool) {
	if _, err := indicators.ParsePeriod(h); err == nil {
		return cell.Clean(h), measureValue, true // "januar 2022", "2022K1", "2022M01"
	}
	loc := periodInHeader.FindStringIndex(h)
	if loc == nil {
		return "", "", false
	}
	p := h[loc[0]:loc[1]]
	if _, err := indicators.ParsePeriod(p); err != nil {
		return "", "", false
	}
	rest := cell.Fold(h[:loc[0]] + " " + h[loc[1]:])
	switch {
	case rest == "" || valueNames[rest]:
		return p, measureValue, true
	case countNames[rest]:
		return p, measureCount, true
	}
	return "", "", false
}

// column is one column of the table with its role.
type column struct {
	idx     int
	header  string
	role    role
	period  string // roleWide
	measure string // roleWide
	group   string // roleWide under a split header: the group of the column ("Gutter")
}

// layout is the shape of a table: where its header is and what each
// column holds.
type layout struct {
	header  []int // indices into the rows of the header rows (1 or 2)
	cols    []column
	kind    string // long or wide
	geoCode int    // column indices, -1 when absent
	geoName int
	period  int
	value   int
	count   int
	ind     int
	level   int // the column of each row's geographic level, -1 when absent
	dims    []int
	wide    []column
	// groupDim names the dimension of the wide columns' groups, for a
	// two-row header whose periods are split into groups (gutter, jenter).
	groupDim string
	// implicitGeo: the geography is the first column, which has no
	// header (detectLayout checks the row below names an area).
	implicitGeo bool

	areaAliases map[string]string // --area-alias, folded text → area code
}

func (l *layout) headerOf(i int) string {
	for _, c := range l.cols {
		if c.idx == i {
			return c.header
		}
	}
	return ""
}

// labels are the columns whose empty cells are filled down.
func (l *layout) labels() []int {
	out := append([]int(nil), l.dims...)
	for _, i := range []int{l.period, l.ind} {
		if i >= 0 {
			out = append(out, i)
		}
	}
	return out
}

// combine joins a two-row header into one header per column. A period or
// measure on the top row that was merged across columns (so the cells to
// its right are empty) is spread to them when the bottom row has a header
// there.
func combine(top, bottom []string) []string {
	n := max(len(top), len(bottom))
	out := make([]string, n)
	spread := ""
	for j := 0; j < n; j++ {
		t, b := cell.Clean(at(top, j)), cell.Clean(at(bottom, j))
		switch {
		case t != "":
			spread = ""
			if r, _, _ := classify(t); r == roleWide || r == roleValue || r == roleCount {
				spread = t
			}
		case b != "" && spread != "":
			t = spread
		}
		if t != "" && b != "" {
			if isPeriod(t) && isPeriod(b) {
				t = "" // a year over its months ("2022" over "januar 2022"): the month says it all
			}
		}
		switch {
		case t == "" || t == b:
			out[j] = b
		case b == "":
			out[j] = t
		default:
			out[j] = t + " " + b
		}
	}
	return out
}

func at(cells []string, i int) string {
	if i < len(cells) {
		return cells[i]
	}
	return ""
}

// build classifies the header cells into a layout; ok is false when they
// do not make a table of indicator values (a geography and a value or
// periods across).
func build(headers []string) (*layout, bool) {
	l := &layout{geoCode: -1, geoName: -1, period: -1, value: -1, count: -1, ind: -1, level: -1}
	for i, h := range headers {
		h = cell.Clean(h)
		r, p, m := classify(h)
		c := column{idx: i, header: h, role: r, period: p, measure: m}
		if !l.place(c) {
			c.role = roleDim
			l.dims = append(l.dims, i)
		}
		if c.role != roleNone {
			l.cols = append(l.cols, c)
		}
	}
	if l.geoCode < 0 && l.geoName < 0 && len(l.wide) > 0 && cell.Clean(headers[0]) == "" {
		// Periods across and a first column without header (NAV's
		// reports): the first column names the rows.
		l.geoName, l.implicitGeo = 0, true
		l.cols = append([]column{{idx: 0, role: roleGeoName}}, l.cols...)
	}
	return l, l.finish()
}

// place puts a classified column in its slot; false when the slot is taken
// (the column is then a dimension).
func (l *layout) place(c column) bool {
	slot := func(p *int) bool {
		if *p >= 0 {
			return false
		}
		*p = c.idx
		return true
	}
	switch c.role {
	case roleNone, roleIgnore:
		return true
	case roleGeoCode:
		return slot(&l.geoCode)
	case roleGeoName:
		return slot(&l.geoName)
	case rolePeriod:
		return slot(&l.period)
	case roleValue:
		return slot(&l.value)
	case roleCount:
		return slot(&l.count)
	case roleIndicator:
		return slot(&l.ind)
	case roleLevel:
		return slot(&l.level)
	case roleWide:
		l.wide = append(l.wide, c)
		return true
	case roleDim:
		l.dims = append(l.dims, c.idx)
		return true
	}
	return false
}

// finish decides long or wide and reports whether the layout is a table
// of indicator values.
func (l *layout) finish() bool {
	if l.geoCode < 0 && l.geoName < 0 {
		return false
	}
	switch {
	case len(l.wide) > 0 && l.period < 0:
		l.kind = LayoutWide
		// Beside periods across, an "Antall" or "Andel" column without a
		// period cannot be placed: a dimension is wrong too, so drop it.
		l.value, l.count = -1, -1
		return true
	case l.value >= 0 || l.count >= 0:
		l.kind = LayoutLong
		if l.value < 0 { // only a count column: it is the value
			l.value, l.count = l.count, -1
		}
		return true
	}
	return false
}

// splitHeader reads a two-row header whose top row has periods (each
// merged over its columns) and whose bottom row splits each period into
// groups ("Gutter", "Jenter") rather than measures: Kommunehelsa's tables
// copied into Excel. The groups are a dimension, named by a label in the
// bottom row outside the periods ("Kjønn"), else "kjønn" when the groups
// are sexes, else "gruppe".
func splitHeader(top, bottom []string) (*layout, bool) {
	l, ok := build(top)
	if !ok || l.kind != LayoutWide {
		return nil, false
	}
	n := max(len(top), len(bottom))
	var wide []column
	period, allSex, name := "", true, ""
	for j := 0; j < n; j++ {
		t, b := cell.Clean(at(top, j)), cell.Clean(at(bottom, j))
		if t != "" {
			period = ""
			if r, p, m := classify(t); r == roleWide && m == measureValue {
				period = p
			}
		}
		if b == "" {
			continue
		}
		if period == "" {
			if j != l.geoCode && j != l.geoName && name == "" {
				name = strings.ToLower(b)
			}
			continue
		}
		if r, _, _ := classify(b); r != roleDim || hasDigit(b) {
			return nil, false // a measure (Andel, Antall) or a period: not a split
		}
		allSex = allSex && sexNames[cell.Fold(b)]
		wide = append(wide, column{idx: j, header: combine(top, bottom)[j], role: roleWide, period: period, measure: measureValue, group: b})
	}
	if len(wide) < 2 {
		return nil, false
	}
	switch {
	case name != "":
	case allSex:
		name = "kjønn"
	default:
		name = "gruppe"
	}
	l.wide, l.groupDim = wide, name
	l.cols = nil
	for i, h := range combine(top, bottom) {
		if h != "" {
			l.cols = append(l.cols, column{idx: i, header: h})
		}
	}
	return l, true
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// isPeriod reports whether a header is a period by itself.
func isPeriod(h string) bool {
	_, err := indicators.ParsePeriod(h)
	return err == nil
}
