package indicators

import (
	"sort"
	"strings"
	"unicode"
)

// nameFolder spells æ/ø/å out and then reduces the spelled-out forms to the
// plain vowel, so names from files that lost their letters ("Sjoesiden",
// "Sjosiden") match "Sjøsiden".
var (
	nameFolder   = strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa", "ä", "ae", "ö", "oe", "ü", "ue", "é", "e")
	nameUnfolder = strings.NewReplacer("aa", "a", "oe", "o", "ae", "a", "ue", "u")
)

// NormName returns the form area names are compared in: lower case, æ/ø/å
// folded, without spaces (also non-breaking), dots, hyphens, underscores and
// apostrophes, and without the words "bydel" in front and "kommune" or
// "bydel" behind. "St.Hanshaugen", "St. Hanshaugen", "ST HANSHAUGEN" and
// "Bydel St. Hanshaugen" all give "sthanshaugen". The area_alias table holds
// names in this form.
func NormName(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.Map(spaceToSpace, s)))
	s = strings.TrimPrefix(s, "bydel ")
	s = strings.TrimSuffix(s, " kommune")
	s = strings.TrimSuffix(s, " bydel")
	s = nameFolder.Replace(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == ' ', r == '.', r == '-', r == '_', r == '\'', r == '’', r == '–':
			return -1
		case unicode.IsSpace(r):
			return -1
		}
		return r
	}, s)
	return nameUnfolder.Replace(s)
}

// spaceToSpace turns the spaces spreadsheets use (NBSP, thin and narrow
// spaces, tabs) into plain spaces.
func spaceToSpace(r rune) rune {
	switch r {
	case '\u00a0', '\u2009', '\u202f', '\u2007', '\t':
		return ' '
	}
	return r
}

// Gazetteer finds areas by code or by name. Codes match exactly or, for
// numeric codes, without their leading zeros, so SSB's "301" and "30101"
// find "0301" and "030101", and "0" finds "00" (Hele landet); a code whose
// zero-stripped form two areas share only matches exactly. Names match in
// the NormName form, through the areas' names and the aliases.
//
// A Gazetteer may stand on a Reference (NewGazetteerWithReference): the
// workspace's own areas come first, and the built-in reference geography
// (every fylke and kommune, with old codes, and the four cities' bydeler)
// answers what they do not. An old code of an area whose borders did not
// change finds today's area ("0805" and "3806" find 4001 Porsgrunn).
//
// A Gazetteer is read-only after it is made and safe for concurrent use.
type Gazetteer struct {
	geos      []Geo
	own       int // geos[:own] are the workspace's, geos[own:] the reference's
	byCode    map[string]int
	byDigits  map[string]int   // zero-stripped numeric code → index, -1 when ambiguous
	byName    map[string][]int // NormName → indexes, own first
	refCode   map[string]int
	refDigit  map[string]int
	sameAs    map[string]string // old code → today's code of the same area
	sameDigit map[string]string // the same, zero-stripped; "" when ambiguous
	since     map[string]int    // Reference.Since
}

// NewGazetteer indexes geos and the aliases (alias → area code; the alias
// in any spelling, it is normalised here). An alias for a code not among
// geos is ignored. A name or alias that stands for two areas (two bydeler
// called Sentrum in different kommuner) matches neither: the code must
// then be given.
func NewGazetteer(geos []Geo, aliases map[string]string) *Gazetteer {
	return NewGazetteerWithReference(geos, aliases, nil)
}

// NewGazetteerWithReference indexes the workspace's geos and aliases as
// NewGazetteer does, and behind them the reference (nil for none). A
// reference area whose code the workspace holds is the workspace's.
func NewGazetteerWithReference(geos []Geo, aliases map[string]string, ref *Reference) *Gazetteer {
	g := &Gazetteer{byCode: map[string]int{}, byDigits: map[string]int{}, byName: map[string][]int{},
		refCode: map[string]int{}, refDigit: map[string]int{}, sameAs: map[string]string{}, sameDigit: map[string]string{}}
	g.geos = append(g.geos, geos...)
	g.own = len(geos)
	for i, a := range geos {
		g.byCode[a.Code] = i
		if isDigits(a.Code) {
			add(g.byDigits, strings.TrimLeft(a.Code, "0"), i)
		}
		g.addName(a.Name, i)
	}
	for alias, code := range aliases {
		if i, ok := g.byCode[code]; ok {
			g.addName(alias, i)
		}
	}
	if ref == nil {
		return g
	}
	for _, a := range ref.Geos {
		if _, ok := g.byCode[a.Code]; ok {
			continue
		}
		i := len(g.geos)
		g.geos = append(g.geos, a)
		g.refCode[a.Code] = i
		if isDigits(a.Code) {
			add(g.refDigit, strings.TrimLeft(a.Code, "0"), i)
		}
		g.addName(a.Name, i)
	}
	for alias, codes := range ref.Aliases {
		for _, code := range codes {
			if i, ok := g.refCode[code]; ok {
				g.addName(alias, i)
			} else if i, ok := g.byCode[code]; ok {
				g.addName(alias, i) // a reference name of an area the workspace holds
			}
		}
	}
	g.since = ref.Since
	for old, cur := range ref.SameAs {
		g.sameAs[old] = cur
		if isDigits(old) {
			k := strings.TrimLeft(old, "0")
			if prev, ok := g.sameDigit[k]; ok && prev != cur {
				cur = ""
			}
			g.sameDigit[k] = cur
		}
	}
	return g
}

func (g *Gazetteer) addName(name string, i int) {
	k := NormName(name)
	if k == "" {
		return
	}
	for _, j := range g.byName[k] {
		if j == i {
			return
		}
	}
	g.byName[k] = append(g.byName[k], i)
}

func add(m map[string]int, k string, i int) {
	if prev, ok := m[k]; ok && prev != i {
		m[k] = -1
		return
	}
	m[k] = i
}

// BordersSince returns the first year of the present borders of the
// reference area with this code (0 when they are older than 1994 or
// unknown): a value of an earlier period, found by the area's name, may be
// in the borders of its time.
func (g *Gazetteer) BordersSince(code string) int { return g.since[code] }

// Len returns the number of the workspace's areas.
func (g *Gazetteer) Len() int { return g.own }

// FromReference reports whether the area with this code is the built-in
// reference's and not yet among the workspace's areas.
func (g *Gazetteer) FromReference(code string) bool {
	_, ok := g.refCode[code]
	return ok
}

// ByCode returns the area with this code (see the type's comment for the
// leading zeros and old codes).
func (g *Gazetteer) ByCode(code string) (Geo, bool) {
	c := g.codeCandidates(code)
	if len(c) == 0 {
		return Geo{}, false
	}
	return c[0], true
}

// codeCandidates returns the workspace's area with this code and, when it
// is another area, the reference's: a levekårssone numbered 40 and
// Telemark (40) both answer "40".
func (g *Gazetteer) codeCandidates(code string) []Geo {
	code = strings.TrimSpace(strings.Map(spaceToSpace, code))
	if len(code) > 2 && (code[0] == 'K' || code[0] == 'F') && code[1] == '-' && isDigits(code[2:]) {
		code = code[2:] // SSB's statbank writes "K-3001" and "F-30" in newer tables
	}
	var out []Geo
	if a, ok := g.ownByCode(code); ok {
		out = append(out, a)
	}
	if a, ok := g.refByCode(code); ok && (len(out) == 0 || out[0].Code != a.Code) {
		out = append(out, a)
	}
	return out
}

func (g *Gazetteer) ownByCode(code string) (Geo, bool) {
	if i, ok := g.byCode[code]; ok {
		return g.geos[i], true
	}
	if isDigits(code) {
		if i, ok := g.byDigits[strings.TrimLeft(code, "0")]; ok && i >= 0 {
			return g.geos[i], true
		}
	}
	return Geo{}, false
}

func (g *Gazetteer) refByCode(code string) (Geo, bool) {
	num := isDigits(code)
	digits := strings.TrimLeft(code, "0")
	cur, ok := g.sameAs[code]
	if !ok && num {
		cur, ok = g.sameDigit[digits]
		ok = ok && cur != ""
	}
	if ok {
		if a, found := g.ownByCode(cur); found {
			return a, true
		}
		code, num = cur, false
	}
	if i, ok := g.refCode[code]; ok {
		return g.geos[i], true
	}
	if i, ok := g.refDigit[digits]; ok && num && i >= 0 {
		return g.geos[i], true
	}
	return Geo{}, false
}

// ByName returns the area with this name or alias, in any spelling
// NormName folds together. A name two areas share matches neither.
func (g *Gazetteer) ByName(name string) (Geo, bool) {
	a, err := g.Find("", name, "")
	return a, err == nil
}

// Lookup finds an area by code, by name, or by "CODE Name" ("0301 Oslo",
// as some exports write it), in that order; see Find.
func (g *Gazetteer) Lookup(s string) (Geo, bool) {
	a, err := g.Find(s, "", "")
	if err != nil {
		a, err = g.Find("", s, "")
	}
	return a, err == nil
}

// Closest returns up to n area names nearest to s by edit distance between
// their NormName forms, nearest first (ties by name), for "did you mean"
// messages.
func (g *Gazetteer) Closest(s string, n int) []string {
	key := NormName(s)
	type cand struct {
		name string
		d    int
	}
	cands := make([]cand, 0, len(g.geos))
	for _, a := range g.geos {
		cands = append(cands, cand{a.Name, EditDistance(key, NormName(a.Name))})
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].d != cands[j].d {
			return cands[i].d < cands[j].d
		}
		return cands[i].name < cands[j].name
	})
	out := make([]string, 0, n)
	for i := 0; i < len(cands) && i < n; i++ {
		out = append(out, cands[i].name)
	}
	return out
}

// NearestName returns the candidate nearest to s by edit distance (ignoring
// case) when it is near enough to be a likely typo, else "". Ties go to
// the candidate that sorts first.
func NearestName(s string, cands []string) string {
	best, bestD := "", 1<<30
	for _, c := range cands {
		d := EditDistance(strings.ToLower(s), strings.ToLower(c))
		if d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	if best == "" || bestD > max(2, len(s)/3) {
		return ""
	}
	return best
}

// EditDistance returns the Levenshtein distance between a and b, counted in
// runes.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
