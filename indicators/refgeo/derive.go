package refgeo

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// Source names the data the table is derived from; Derive writes it in the
// table's header.
type Source struct {
	Kommuner string // the SSB kommune history workbook (classification 131, grouped by the 2024 kommune)
	Bydeler  string // SSB's KLASS bydel code list
	Date     string // when the sources were taken
}

// county is a fylke with the years its code was valid (0 = from before
// 1994, or still valid) and, for one whose borders equal a county of
// 2024, that county's code.
type county struct {
	code, name string
	from, to   int
	sameAs     string
}

// counties are SSB's county codes 1994-2024 (classification 104). Only
// the pairs whose borders did not change are marked as the same area:
// Østfold (01 → 31), Telemark (08 → 40) and Finnmark (20 → 56). Akershus,
// Buskerud, Vestfold and Troms gained or lost kommuner in 2020 (Jevnaker,
// Lunner, Svelvik, Tjeldsund), so their codes before 2020 are areas of
// their own.
var counties = []county{
	{"03", "Oslo", 0, 0, ""}, {"11", "Rogaland", 0, 0, ""}, {"15", "Møre og Romsdal", 0, 0, ""},
	{"18", "Nordland - Nordlánnda", 0, 0, ""}, {"31", "Østfold", 2024, 0, ""}, {"32", "Akershus", 2024, 0, ""},
	{"33", "Buskerud", 2024, 0, ""}, {"34", "Innlandet", 2020, 0, ""}, {"39", "Vestfold", 2024, 0, ""},
	{"40", "Telemark", 2024, 0, ""}, {"42", "Agder", 2020, 0, ""}, {"46", "Vestland", 2020, 0, ""},
	{"50", "Trøndelag - Trööndelage", 2018, 0, ""}, {"55", "Troms - Romsa - Tromssa", 2024, 0, ""},
	{"56", "Finnmark - Finnmárku - Finmarkku", 2024, 0, ""},
	{"30", "Viken", 2020, 2023, ""}, {"38", "Vestfold og Telemark", 2020, 2023, ""},
	{"54", "Troms og Finnmark - Romsa ja Finnmárku - Tromssa ja Finmarkku", 2020, 2023, ""},
	{"01", "Østfold", 0, 2019, "31"}, {"02", "Akershus", 0, 2019, ""}, {"04", "Hedmark", 0, 2019, ""},
	{"05", "Oppland", 0, 2019, ""}, {"06", "Buskerud", 0, 2019, ""}, {"07", "Vestfold", 0, 2019, ""},
	{"08", "Telemark", 0, 2019, "40"}, {"09", "Aust-Agder", 0, 2019, ""}, {"10", "Vest-Agder", 0, 2019, ""},
	{"12", "Hordaland", 0, 2019, ""}, {"14", "Sogn og Fjordane", 0, 2019, ""}, {"16", "Sør-Trøndelag", 0, 2017, ""},
	{"17", "Nord-Trøndelag", 0, 2017, ""}, {"19", "Troms - Romsa", 0, 2019, ""}, {"20", "Finnmark - Finnmárku", 0, 2019, "56"},
}

// hiddenSplit is a kommune that was part of another between two of its
// own codes, which the grouping by 2024 kommune cannot show.
type hiddenSplit struct {
	heldBy string // the code whose territory held it
	from   int    // the year its own code of today began
}

// hiddenSplits: Haram was part of Ålesund (1507) in 2020-2023 and became a
// kommune again in 2024 (1580). The code that held the territory is then
// an area of its own, not the same as the 2024 kommune of its group.
var hiddenSplits = map[string]hiddenSplit{"K.1580": {heldBy: "1507", from: 2024}}

// landAliases are the names statistics give the whole country.
var landAliases = []string{"Landet", "Norge", "Heile landet", "Noreg", "Landet i alt"}

// row is one code of the kommune history.
type row struct {
	group, code, name, text string
	from, to                int // years valid; 0 = unknown start or still valid
}

var qualifiedRe = regexp.MustCompile(`^(.+?)\s*\([^)0-9]+\)$`)

var yearsRe = regexp.MustCompile(`^(.*?)\s*\((\d{4})?-(\d{4})\)$`)

// parseRow reads TEKST: "Halden", "Halden (2020-2023)", "Halden (-2019)".
func parseRow(group, code, text string) row {
	r := row{group: group, code: code, name: text, text: text}
	if m := yearsRe.FindStringSubmatch(text); m != nil {
		r.name = m[1]
		r.from, _ = strconv.Atoi(m[2])
		r.to, _ = strconv.Atoi(m[3])
	}
	return r
}

func overlap(a, b row) bool {
	aTo, bTo := a.to, b.to
	if aTo == 0 {
		aTo = 9999
	}
	if bTo == 0 {
		bTo = 9999
	}
	return a.from <= bTo && b.from <= aTo
}

// entry is one line of the table.
type entry struct {
	code, name      string
	level           indicators.Level
	parent          string
	from, to        int
	sameAs, aliases string
	since           int // today's area: the first year of its present borders (0: before 1994)
}

// Derive builds the reference table from the kommune history (rows of
// GRUPPEKODE, GRUPPETEKST, KODE, TEKST without the header) and the KLASS
// bydel list (rows of kommuneCode, bydelCode, parentCode, level, name,
// shortName, … without the header). See the package comment for the
// rules; the result is the table's bytes, deterministic.
func Derive(kommuner, bydeler [][]string, src Source) ([]byte, error) {
	groups := map[string][]row{}
	var order []string
	for _, c := range kommuner {
		if len(c) < 4 {
			return nil, fmt.Errorf("kommune history: short row %q", c)
		}
		g := strings.TrimSpace(c[0])
		if g == "K.21-22" || g == "K.23" {
			continue // Svalbard, Jan Mayen and the continental shelf are not kommuner
		}
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], parseRow(g, strings.TrimSpace(c[2]), strings.TrimSpace(c[3])))
	}
	var out []entry
	out = append(out, entry{code: "0", name: "Hele landet", level: indicators.Land, aliases: strings.Join(landAliases, "|")})
	for _, f := range counties {
		e := entry{code: f.code, name: f.name, level: indicators.Fylke, parent: "0", from: f.from, to: f.to, sameAs: f.sameAs, since: f.from}
		for _, o := range counties {
			if o.sameAs == f.code {
				e.since = 0 // its borders are older than its code
			}
		}
		if f.to != 0 && f.sameAs == "" {
			e.name = fmt.Sprintf("%s (%s)", f.name, years(f.from, f.to))
		}
		out = append(out, e)
	}
	kom, err := deriveKommuner(groups, order)
	if err != nil {
		return nil, err
	}
	out = append(out, kom...)
	by, err := deriveBydeler(bydeler)
	if err != nil {
		return nil, err
	}
	out = append(out, by...)
	nameAliases(out)
	return write(out, src), nil
}

func years(from, to int) string {
	if from == 0 {
		return fmt.Sprintf("-%d", to)
	}
	return fmt.Sprintf("%d-%d", from, to)
}

// deriveKommuner applies the rule of the package comment to each group.
func deriveKommuner(groups map[string][]row, order []string) ([]entry, error) {
	var out []entry
	for _, g := range order {
		rows := groups[g]
		if g == "K.Rest" {
			for _, r := range rows {
				if r.code == "9999" {
					continue // "Uoppgitt kommune": not an area
				}
				out = append(out, entry{code: r.code, name: r.text, level: indicators.Kommune, parent: countyOf(r.code), from: r.from, to: r.to})
			}
			continue
		}
		cur := strings.TrimPrefix(g, "K.")
		var current *row
		for i := range rows {
			if rows[i].code == cur {
				current = &rows[i]
			}
		}
		if current == nil || current.to != 0 {
			return nil, fmt.Errorf("kommune history: group %s has no code %s valid today", g, cur)
		}
		// Today's code was valid at the latest from its county's first year:
		// an old code valid at the same time was a part, not the whole.
		current.from = countyStart(cur[:2])
		if h, ok := hiddenSplits[g]; ok {
			current.from = h.from
		}
		today := len(out)
		out = append(out, entry{code: cur, name: current.text, level: indicators.Kommune, parent: cur[:2], from: current.from})
		for _, r := range rows {
			if r.code == cur {
				continue
			}
			e := entry{code: r.code, name: r.text, level: indicators.Kommune, parent: countyOf(r.code), from: r.from, to: r.to}
			if alone(r, rows) && !heldHidden(r.code) {
				e.sameAs, e.name = cur, r.name
			} else if r.to+1 > out[today].since {
				out[today].since = r.to + 1 // a part merged in, or a whole that held more: today's borders begin after it
			}
			out = append(out, e)
		}
	}
	return out, nil
}

// countyOf is the county area of a kommune code: its first two digits,
// or the county of today they stand for (01 Østfold is 31).
func countyOf(code string) string {
	for _, c := range counties {
		if c.code == code[:2] && c.sameAs != "" {
			return c.sameAs
		}
	}
	return code[:2]
}

// countyStart is the first year of the county with this code (0 for one
// older than 1994).
func countyStart(code string) int {
	for _, c := range counties {
		if c.code == code {
			return c.from
		}
	}
	return 0
}

// alone reports whether r was the only code of its group while it was
// valid (today's code counted from its first possible year): its territory
// was then the whole of the 2024 kommune.
func alone(r row, rows []row) bool {
	for _, o := range rows {
		if o.code != r.code && overlap(r, o) {
			return false
		}
	}
	return true
}

func heldHidden(code string) bool {
	for _, h := range hiddenSplits {
		if h.heldBy == code {
			return true
		}
	}
	return false
}

// deriveBydeler reads the KLASS bydel list; codes got back their leading
// zero, the "Uoppgitt" rows are left out.
func deriveBydeler(rows [][]string) ([]entry, error) {
	var out []entry
	for _, c := range rows {
		if len(c) < 6 {
			return nil, fmt.Errorf("bydel list: short row %q", c)
		}
		code, kommune, name := zero(strings.TrimSpace(c[1])), zero(strings.TrimSpace(c[0])), strings.TrimSpace(c[4])
		if strings.HasSuffix(code, "99") && indicators.NormName(name) == "uoppgitt" {
			continue
		}
		if len(code) != 6 || !strings.HasPrefix(code, kommune) {
			return nil, fmt.Errorf("bydel list: code %s is not a bydel of %s", code, kommune)
		}
		e := entry{code: code, name: name, level: indicators.Bydel, parent: kommune}
		if s := strings.TrimSpace(c[5]); s != "" && indicators.NormName(s) != indicators.NormName(name) {
			e.aliases = s
		}
		out = append(out, e)
	}
	return out, nil
}

func zero(code string) string {
	if len(code)%2 == 1 {
		return "0" + code
	}
	return code
}

// nameAliases gives each area the other names it is found by: the parts
// of a name in several languages ("Trondheim - Tråante": Trondheim,
// Tråante), and, for an old code, its name without the years when no area
// of today has that name (a renamed kommune's old name finds today's
// kommune; "Hof" finds the old Hof).
func nameAliases(es []entry) {
	current := map[string]bool{}
	for _, e := range es {
		if e.to == 0 {
			current[indicators.NormName(e.name)] = true
			for _, p := range strings.Split(e.name, " - ") {
				current[indicators.NormName(p)] = true
			}
		}
	}
	oldNames := map[string]int{}
	for _, e := range es {
		if e.to != 0 {
			oldNames[indicators.NormName(baseName(e.name))]++
		}
	}
	for i := range es {
		e := &es[i]
		set := map[string]bool{}
		var list []string
		addAlias := func(a string) {
			a = strings.TrimSpace(a)
			if a != "" && indicators.NormName(a) != indicators.NormName(e.name) && !set[indicators.NormName(a)] {
				set[indicators.NormName(a)] = true
				list = append(list, a)
			}
		}
		if e.aliases != "" {
			for _, a := range strings.Split(e.aliases, "|") {
				addAlias(a)
			}
		}
		parts := strings.Split(baseName(e.name), " - ")
		if len(parts) > 1 && (e.to == 0 || e.sameAs != "") {
			for _, p := range parts {
				addAlias(p)
			}
		}
		if m := qualifiedRe.FindStringSubmatch(baseName(e.name)); m != nil {
			addAlias(m[1]) // "Våler (Østfold)" is also "Våler": two Våler then ask for the code
		}
		if e.to != 0 && e.sameAs == "" {
			b := baseName(e.name)
			if !current[indicators.NormName(b)] && oldNames[indicators.NormName(b)] == 1 {
				addAlias(b)
			}
		}
		e.aliases = strings.Join(list, "|")
	}
}

func baseName(s string) string {
	if m := yearsRe.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return s
}

// write renders the table: a commented header naming the sources, then
// one line per code, sorted by level and code.
func write(es []entry, src Source) []byte {
	rank := map[indicators.Level]int{indicators.Land: 0, indicators.Fylke: 1, indicators.Kommune: 2, indicators.Bydel: 3}
	sort.SliceStable(es, func(i, j int) bool {
		if rank[es[i].level] != rank[es[j].level] {
			return rank[es[i].level] < rank[es[j].level]
		}
		return es[i].code < es[j].code
	})
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Norway's reference geography: the country, every fylke and kommune with SSB's codes 1994-2024\n")
	fmt.Fprintf(&b, "# (with the reforms of 2018, 2020 and 2024), and the bydeler of Oslo, Stavanger, Bergen and Trondheim.\n")
	fmt.Fprintf(&b, "# Generated by 'go run ./indicators/refgeo/gen' on %s from:\n", src.Date)
	fmt.Fprintf(&b, "#   %s\n#   %s\n", src.Kommuner, src.Bydeler)
	fmt.Fprintf(&b, "# Codes and names: Statistics Norway (SSB), classifications 104, 131 and 103 (CC BY 4.0 / NLOD). Do not edit by hand.\n")
	fmt.Fprintf(&b, "# valid_from/valid_to: the years the code was valid (empty: before 1994 / still valid).\n")
	fmt.Fprintf(&b, "# same_as: the code of today's area with the same borders, when there is one; the code then finds that area.\n")
	fmt.Fprintf(&b, "# borders_since: for an area of today, the first year of its present borders, when a merger or split after 1994 set them.\n")
	b.WriteString("code;name;level;parent;valid_from;valid_to;same_as;aliases;borders_since\n")
	for _, e := range es {
		fmt.Fprintf(&b, "%s;%s;%s;%s;%s;%s;%s;%s;%s\n", e.code, e.name, e.level, e.parent, yearText(e.from), yearText(e.to), e.sameAs, e.aliases, yearText(e.since))
	}
	return b.Bytes()
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}
