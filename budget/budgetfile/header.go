package budgetfile

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
)

// headerScan is how many non-blank rows Import looks through for the
// header: enough for any title block, few enough to fail fast on a file
// that has no header at all.
const headerScan = 30

// folder spells æ/ø/å and their German cousins out, as headers in files
// that lost their letters do ("beloep", "tjenesteomraade").
var folder = strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa", "ä", "ae", "ö", "oe", "ü", "ue")

// unfolder then merges the spelled-out forms with the plain vowel, since
// real headers write å as "aa" and as "a" ("funksjonsomrade", Sauda).
var unfolder = strings.NewReplacer("aa", "a", "oe", "o", "ae", "a")

// fold returns the form header names are compared in: lower case, æ/ø/å
// spelled out and then reduced to a/o/a, without spaces, hyphens,
// underscores and dots. "Beløp", "BELOEP" and "belop" fold alike, as do
// "Funksjonsområde" and "funksjonsomrade".
func fold(s string) string {
	s = folder.Replace(strings.ToLower(s))
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-', '.', '\t', '\u00a0', '\u202f', '\u2009', '\ufeff':
			return -1
		}
		return r
	}, s)
	return unfolder.Replace(s)
}

// role is what a column means.
type role uint8

const (
	roleNone role = iota
	roleAnsvar
	roleFunksjon
	roleTjeneste
	roleArt
	roleKonto
	roleProsjekt
	roleAmount
	roleYear
)

// synonyms are header names in bokmål and nynorsk, folded at init.
// "tiltak" is Sauda's project-like measure code ("1.006.01"): a prosjekt.
var synonyms = map[role][]string{
	roleAnsvar:   {"ansvar", "ansvarsnr", "ansvarnr", "ansvarsnummer", "ansvarsted", "ansvarssted", "ansvarskode"},
	roleFunksjon: {"funksjon", "funksjonsnr", "funksjonnr", "funksjonsnummer", "funksjonsområde", "funksjonskode", "kostrafunksjon"},
	roleTjeneste: {"tjeneste", "teneste", "tjenestenr", "tenestenr", "tjenestenummer", "tenestenummer", "tjenestekode"},
	roleArt:      {"art", "artsnr", "artskode", "kostraart"},
	roleKonto:    {"konto", "kontonr", "kontonummer", "artskonto", "kontokode"},
	roleProsjekt: {"prosjekt", "prosjektnr", "prosjektnummer", "prosjektkode", "tiltak", "tiltaksnr"},
	roleAmount:   {"beløp", "beløp i kr", "beløp i kroner", "beløp kr", "beløp nok", "nok", "amount", "kroner"},
	roleYear:     {"år", "year", "budsjettår", "regnskapsår", "rekneskapsår", "årstall"},
}

var roleOf = func() map[string]role {
	m := map[string]role{}
	for r, names := range synonyms {
		for _, n := range names {
			m[fold(n)] = r
		}
	}
	return m
}()

// Words that may stand with a year in an amount column's header, and the
// version each implies ("" for none: Options.Version).
var yearWords = map[string]budget.Version{
	"budsjett": "", "arsbudsjett": "", "okonomiplan": "", "op": "", "plan": "",
	"i": "", "kr": "", "nok": "", "kroner": "", "belop": "",
	"regnskap": budget.Regnskap, "rekneskap": budget.Regnskap, "regnskapstall": budget.Regnskap,
	"revidert": budget.Revidert, "justert": budget.Revidert,
	"forslag": budget.Forslag, "budsjettforslag": budget.Forslag,
	"vedtatt": budget.Vedtatt, "vedteke": budget.Vedtatt, "vedtekne": budget.Vedtatt, "opprinnelig": budget.Vedtatt,
}

// parseYearHeader reads an amount column's header such as "2013",
// "Budsjett 2027", "rekneskap_2011" or "ØP 2029". It returns the year (0
// when the header is only words, such as "Regnskap"), the version the
// words imply ("" for none), and whether the header is such a column.
func parseYearHeader(h string) (year int, v budget.Version, ok bool) {
	h = folder.Replace(strings.ToLower(h))
	words, budgetWord := 0, false
	for len(h) > 0 {
		// Cut the next run of letters or of digits.
		i := 0
		for i < len(h) && !isAlnum(h[i]) {
			i++
		}
		h = h[i:]
		if h == "" {
			break
		}
		digit := h[0] >= '0' && h[0] <= '9'
		j := 0
		for j < len(h) && isAlnum(h[j]) && (h[j] >= '0' && h[j] <= '9') == digit {
			j++
		}
		tok := h[:j]
		h = h[j:]
		if digit {
			if year != 0 || len(tok) != 4 {
				return 0, "", false
			}
			y, _ := strconv.Atoi(tok)
			if y < minYear || y > maxYear {
				return 0, "", false
			}
			year = y
			continue
		}
		u := unfolder.Replace(tok)
		w, known := yearWords[u]
		if !known {
			return 0, "", false
		}
		words++
		budgetWord = budgetWord || strings.Contains(u, "budsjett") || u == "okonomiplan"
		switch {
		case w == budget.Regnskap, v == "":
			v = w // regnskap wins over any other word
		}
	}
	if year == 0 && v == "" && words == 0 {
		return 0, "", false
	}
	if year == 0 {
		// Words only: an amount column only if they name a budget or
		// accounts ("Regnskap", "Vedtatt budsjett"), not "kr" alone.
		if v == "" && !budgetWord {
			return 0, "", false
		}
	}
	return year, v, true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 0x80
}

// headerNames returns the header cells as column names: trimmed, and
// made unique by appending " (2)", " (3)" to repeats, so that every column
// can be named in a mapping and as an attribute.
func headerNames(cells []string) []string {
	names := make([]string, len(cells))
	seen := make(map[string]int, len(cells))
	for i, c := range cells {
		n := strings.TrimFunc(c, func(r rune) bool { return isSpace(r) || unicode.IsControl(r) })
		if n == "" {
			continue
		}
		base := n
		for k := 2; ; k++ {
			f := fold(n)
			if seen[f] == 0 {
				seen[f] = 1
				break
			}
			n = base + " (" + strconv.Itoa(k) + ")"
		}
		names[i] = n
	}
	return names
}

// MapHeader detects the meaning of a header row's columns. It returns the
// mapping found and whether the row can be the header: it has an amount
// column (beløp, or a column headed with a year) and at least one code
// column. version is the version of amount columns whose header names
// none. It never fails on odd input; it just finds nothing.
//
// A column the mapping does not name is an attribute. When a file has
// both a funksjon and a tjeneste column, the funksjon column gives the
// funksjon and the tjeneste column the tjeneste; a tjeneste column alone
// gives both. Art and konto likewise. A per-row year column (år) is used
// only with a single amount column; with year columns it is an attribute.
func MapHeader(cells []string, version budget.Version) (Mapping, bool) {
	if version == "" {
		version = budget.Vedtatt
	}
	names := headerNames(cells)
	var m Mapping
	var amountVersion budget.Version
	slot := func(r role) *string {
		switch r {
		case roleAnsvar:
			return &m.Columns.Ansvar
		case roleFunksjon:
			return &m.Columns.Funksjon
		case roleTjeneste:
			return &m.Columns.Tjeneste
		case roleArt:
			return &m.Columns.Art
		case roleKonto:
			return &m.Columns.Konto
		case roleProsjekt:
			return &m.Columns.Prosjekt
		case roleAmount:
			return &m.Columns.Amount
		case roleYear:
			return &m.Columns.Year
		}
		return nil
	}
	seenKey := map[budget.Key]bool{}
	for _, n := range names {
		if n == "" {
			continue
		}
		if r, ok := roleOf[fold(n)]; ok {
			if p := slot(r); *p == "" {
				*p = n
				if r == roleAmount {
					amountVersion = version
				}
			}
			continue
		}
		y, v, ok := parseYearHeader(n)
		if !ok {
			continue
		}
		if v == "" {
			v = version
		}
		if y == 0 {
			// "Regnskap": a single amount column of a named version.
			if m.Columns.Amount == "" {
				m.Columns.Amount, amountVersion = n, v
			}
			continue
		}
		k := budget.Key{Year: y, Version: v}
		if seenKey[k] {
			continue // a second column for the same key stays an attribute
		}
		seenKey[k] = true
		m.Amounts = append(m.Amounts, AmountColumn{Column: n, Year: y, Version: v})
	}
	if m.Columns.Funksjon == "" {
		m.Columns.Funksjon, m.Columns.Tjeneste = m.Columns.Tjeneste, ""
	}
	if m.Columns.Art == "" {
		m.Columns.Art, m.Columns.Konto = m.Columns.Konto, ""
	}
	if len(m.Amounts) > 0 {
		// Year columns win: beløp and år are then attributes.
		m.Columns.Amount, m.Columns.Year = "", ""
	} else if m.Columns.Amount != "" {
		m.Version = amountVersion
	} else {
		m.Columns.Year = ""
	}
	c := m.Columns
	hasCode := c.Ansvar != "" || c.Funksjon != "" || c.Art != "" || c.Prosjekt != ""
	hasAmount := c.Amount != "" || len(m.Amounts) > 0
	return m, hasCode && hasAmount
}

// plan is a mapping resolved against a header row: column indexes for the
// per-row path.
type plan struct {
	headerRow int
	names     []string // header names by column, "" for unnamed columns
	width     int      // columns up to the last named one
	unnamed   []int    // unnamed columns inside width

	ansvar, funksjon, tjeneste, art, konto, prosjekt int // -1: absent
	year                                             int // per-row year column, -1: none
	amounts                                          []amountCol
	attrs                                            []int
	codeCols                                         []int // every code column, for sum-row detection

	needFunksjon, needArt, needAnsvar, needProsjekt bool
	needAnyOf                                       bool // ansvar or prosjekt
	unit                                            int64
}

// amountCol is an amount column; key.Year is 0 when each row's year
// column gives it.
type amountCol struct {
	idx  int
	name string
	key  budget.Key
	sums *keySums // for a fixed key, so the hot path skips the map
}

// columnIndex finds columns by name as a mapping names them.
type columnIndex map[string]int

func newColumnIndex(names []string) columnIndex {
	ix := make(columnIndex, len(names))
	for i, n := range names {
		if n != "" {
			ix[fold(n)] = i
		}
	}
	return ix
}

func (ix columnIndex) find(name string) int {
	if name == "" {
		return -1
	}
	if i, ok := ix[fold(name)]; ok {
		return i
	}
	return -1
}

// missing lists the columns a mapping names that the header lacks.
func (m *Mapping) missing(ix columnIndex) []string {
	var out []string
	for _, n := range m.named() {
		if ix.find(n) < 0 {
			out = append(out, n)
		}
	}
	return out
}

// named lists every column the mapping names.
func (m *Mapping) named() []string {
	c := m.Columns
	var out []string
	for _, n := range []string{c.Ansvar, c.Funksjon, c.Tjeneste, c.Art, c.Konto, c.Prosjekt, c.Amount, c.Year} {
		if n != "" {
			out = append(out, n)
		}
	}
	for _, a := range m.Amounts {
		out = append(out, a.Column)
	}
	return append(out, m.Attributes...)
}

// resolve turns a mapping into a plan for a header whose names are given;
// every column the mapping names must be present (see missing). year is
// Options.Year, used by a single amount column with no year column.
func (m *Mapping) resolve(names []string, headerRow int, version budget.Version, year int) *plan {
	ix := newColumnIndex(names)
	p := &plan{headerRow: headerRow, names: names, unit: m.Unit}
	if p.unit == 0 {
		p.unit = 1
	}
	for i, n := range names {
		if n != "" {
			p.width = i + 1
		}
	}
	for i := 0; i < p.width; i++ {
		if names[i] == "" {
			p.unnamed = append(p.unnamed, i)
		}
	}
	c := m.Columns
	p.ansvar, p.funksjon, p.tjeneste = ix.find(c.Ansvar), ix.find(c.Funksjon), ix.find(c.Tjeneste)
	p.art, p.konto, p.prosjekt = ix.find(c.Art), ix.find(c.Konto), ix.find(c.Prosjekt)
	p.year = ix.find(c.Year)
	used := map[int]bool{}
	for _, i := range []int{p.ansvar, p.funksjon, p.tjeneste, p.art, p.konto, p.prosjekt} {
		if i >= 0 {
			p.codeCols = append(p.codeCols, i)
			used[i] = true
		}
	}
	if p.year >= 0 {
		used[p.year] = true
	}
	if i := ix.find(c.Amount); i >= 0 {
		v := m.Version
		if v == "" {
			v = version
		}
		y := year
		if p.year >= 0 {
			y = 0
		}
		p.amounts = append(p.amounts, amountCol{idx: i, name: names[i], key: budget.Key{Year: y, Version: v}})
		used[i] = true
	}
	for _, a := range m.Amounts {
		i := ix.find(a.Column)
		v, _ := budget.ParseVersion(string(a.Version))
		p.amounts = append(p.amounts, amountCol{idx: i, name: names[i], key: budget.Key{Year: a.Year, Version: v}})
		used[i] = true
	}
	if len(m.Attributes) > 0 {
		for _, a := range m.Attributes {
			if i := ix.find(a); !used[i] {
				p.attrs = append(p.attrs, i)
				used[i] = true
			}
		}
	} else {
		for i, n := range names {
			if n != "" && !used[i] {
				p.attrs = append(p.attrs, i)
			}
		}
	}
	if len(m.Required) > 0 {
		for _, r := range m.Required {
			switch r {
			case fieldAnsvar:
				p.needAnsvar = true
			case fieldFunksjon:
				p.needFunksjon = true
			case fieldArt:
				p.needArt = true
			case fieldProsjekt:
				p.needProsjekt = true
			}
		}
	} else {
		// The default rule: the KOSTRA codes when the file has them, since
		// a line without them cannot be placed; otherwise the local ones.
		p.needFunksjon = p.funksjon >= 0 || p.tjeneste >= 0
		p.needArt = p.art >= 0 || p.konto >= 0
		p.needAnyOf = !p.needFunksjon && !p.needArt
	}
	return p
}

// columnLetter names column i for messages.
func columnLetter(i int) string { return tabular.ColumnName(i) }
