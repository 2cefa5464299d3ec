package indicators

import (
	"fmt"
	"regexp"
	"strings"
)

// yearsSuffix parts the name of an old area from the years it was valid:
// "Holmestrand (2018-2019)", "Hof (-2017)".
var yearsSuffix = regexp.MustCompile(`^(.*?)\s*\((\d{4})?-\d{4}\)$`)

// Reference is the built-in reference geography: the country, every fylke
// and kommune with the codes they have had, and the bydeler of the four
// cities that have them. Geos holds today's areas and the old areas whose
// borders differ from any of today's (a kommune before a merger); SameAs
// maps an old code of an area whose borders did not change to today's
// code; Aliases maps other names (Sami and Kven names, old names) to
// codes.
type Reference struct {
	Geos    []Geo
	Aliases map[string][]string // a name two areas share lists both
	SameAs  map[string]string
	// Since is, for an area of today whose borders a merger or split
	// after 1994 set, the first year of those borders (3903 Holmestrand:
	// 2020, when Sande joined).
	Since map[string]int
}

// AreaError is why a geography did not match an area: not found, two
// areas that fit it, or a code and a name that name different areas.
// Candidates are the areas concerned.
type AreaError struct {
	Text       string // the geography as the file gave it
	Reason     string
	Candidates []Geo
}

func (e *AreaError) Error() string { return e.Reason }

// NotFound reports whether no area fits (rather than two, or a conflict).
func (e *AreaError) NotFound() bool { return len(e.Candidates) == 0 }

// Describe names an area with its code and level: "Frogner (bydel 030105)".
func Describe(g Geo) string { return fmt.Sprintf("%s (%s %s)", g.Name, g.Level, g.Code) }

// Find returns the area a geography stands for, given its code and its
// name as a file gives them (either may be empty) and the level the
// file's column says (from a header such as Bydel or Delbydel; "" when it
// says none).
//
//   - A code alone finds its area (old codes of unchanged areas find
//     today's).
//   - A name alone finds the area with that name or alias. When it fits
//     areas of different levels, level chooses; otherwise it is an error
//     listing them with their levels. Of areas of one level, the
//     workspace's own area is preferred over the reference's.
//   - A name that starts with a number ("4001 Porsgrunn", "11
//     Kiellandmyrå") is a code and a name when the whole text is no
//     area's name: the two must fit the same area. A code of another
//     area of that level is an error showing both; a number that is no
//     code of the name's (or level's) level is part of the name.
//   - A code and a name given apart must fit the same area too.
func (g *Gazetteer) Find(code, name string, level Level) (Geo, error) {
	code = strings.TrimSpace(strings.Map(spaceToSpace, code))
	name = strings.TrimSpace(strings.Map(spaceToSpace, name))
	switch {
	case code == "" && name == "":
		return Geo{}, &AreaError{Reason: "the row has no geography"}
	case code == "":
		if a, err, ok := g.byNameLevel(name, level); ok {
			return a, err
		}
		if num, rest, ok := leadingNumber(name); ok {
			return g.pair(num, rest, name, level, true)
		}
		if isDigits(name) { // a code in the name column
			return g.Find(name, "", level)
		}
		return Geo{}, g.notFound(name)
	case name == "":
		if c := g.codeCandidates(code); len(c) > 0 {
			return g.byCodeLevel(code, c, level)
		}
		if num, rest, ok := leadingNumber(code); ok {
			return g.pair(num, rest, code, level, true)
		}
		return Geo{}, g.notFound(code)
	}
	return g.pair(code, name, code+" "+name, level, false)
}

// pair matches a code with a name; combined says they came in one cell.
func (g *Gazetteer) pair(code, name, text string, level Level, combined bool) (Geo, error) {
	cands := g.codeCandidates(code)
	for _, a := range cands {
		if g.fits(a, name) {
			return a, nil
		}
	}
	var a Geo
	okCode := len(cands) > 0
	if okCode {
		a = cands[0]
	}
	b, berr, okName := g.byNameLevel(name, level)
	if okName && berr != nil {
		return Geo{}, berr
	}
	if okCode && (!combined || (level == "" || a.Level == level) && (!okName || b.Level == a.Level)) {
		if okName {
			return Geo{}, &AreaError{Text: text, Candidates: []Geo{a, b}, Reason: fmt.Sprintf(
				"code %s is %s, but the name %q is %s: correct the code or the name", code, Describe(a), name, Describe(b))}
		}
		return Geo{}, &AreaError{Text: text, Candidates: []Geo{a}, Reason: fmt.Sprintf(
			"code %s is %s, but %q is not one of its names: correct the code or the name", code, Describe(a), name)}
	}
	if okName {
		return b, nil // the number is no code of this level: part of the name
	}
	return Geo{}, g.notFound(text)
}

// byCodeLevel chooses between the areas a code alone fits: the only one,
// or the one of the level the column names (a sone's local number below a
// Levekårssone header; the county or kommune below Kommunenummer).
func (g *Gazetteer) byCodeLevel(code string, cands []Geo, level Level) (Geo, error) {
	if len(cands) == 1 {
		return cands[0], nil
	}
	var pick []Geo
	for _, a := range cands {
		if level != "" && (a.Level == level || !sub(level) && !sub(a.Level)) {
			pick = append(pick, a)
		}
	}
	if len(pick) == 1 {
		return pick[0], nil
	}
	names := make([]string, len(cands))
	for i, a := range cands {
		names[i] = Describe(a)
	}
	return Geo{}, &AreaError{Text: code, Candidates: cands, Reason: fmt.Sprintf("code %s fits %s: give the name beside it, or name the level in the column header (Kommunenummer, Levekårssone)",
		code, strings.Join(names, " and "))}
}

// fits reports whether name is a's name or one of its aliases, also with
// "fylke" or "fylkeskommune" behind.
func (g *Gazetteer) fits(a Geo, name string) bool {
	k := NormName(name)
	if m := yearsSuffix.FindStringSubmatch(a.Name); m != nil && NormName(m[1]) == k {
		return true // "Holmestrand" is the name of 0715 Holmestrand (2018-2019)
	}
	for _, key := range []string{k, strings.TrimSuffix(k, "fylkeskommune"), strings.TrimSuffix(k, "fylke")} {
		for _, i := range g.byName[key] {
			if g.geos[i].Code == a.Code {
				return true
			}
		}
	}
	return false
}

// byNameLevel finds the areas called name; ok is false when there is
// none, err non-nil when more than one fits (see Find).
func (g *Gazetteer) byNameLevel(name string, level Level) (Geo, error, bool) {
	k := NormName(name)
	idx := g.byName[k]
	for _, suffix := range []string{"fylkeskommune", "fylke"} {
		if len(idx) == 0 && strings.HasSuffix(k, suffix) {
			idx = g.byName[strings.TrimSuffix(k, suffix)]
		}
	}
	if len(idx) == 0 {
		return Geo{}, nil, false
	}
	cands := make([]int, 0, len(idx))
	cands = append(cands, idx...)
	if level != "" {
		var same []int
		for _, i := range cands {
			if g.geos[i].Level == level {
				same = append(same, i)
			}
		}
		if len(same) > 0 {
			cands = same
		} else if sub(level) {
			var others []string
			var geos []Geo
			for _, i := range cands {
				if sub(g.geos[i].Level) {
					others, geos = append(others, Describe(g.geos[i])), append(geos, g.geos[i])
				}
			}
			if len(others) > 0 { // a levekårssone named like another city's bydel is not that bydel
				return Geo{}, &AreaError{Text: name, Candidates: geos, Reason: fmt.Sprintf("%q is no %s known to the workspace; the column says %s, and %s is a %s: import the municipality's own areas (import areas) or map it with --area-alias",
					name, level, level, strings.Join(others, ", "), geos[0].Level)}, true
			}
		}
	}
	cands = g.dropCountyOfKommune(cands)
	if len(cands) > 1 && sameLevel(g, cands) {
		var own []int
		for _, i := range cands {
			if i < g.own {
				own = append(own, i)
			}
		}
		if len(own) == 1 {
			cands = own
		}
	}
	if len(cands) == 1 {
		return g.geos[cands[0]], nil, true
	}
	geos := make([]Geo, len(cands))
	names := make([]string, len(cands))
	for k, i := range cands {
		geos[k], names[k] = g.geos[i], Describe(g.geos[i])
	}
	hint := "give the code"
	if !sameLevel(g, cands) {
		hint = "name the level in the column header (Bydel, Delbydel, Kommune) or give the code"
	}
	return Geo{}, &AreaError{Text: name, Candidates: geos, Reason: fmt.Sprintf("%q fits %d areas: %s; %s", name, len(cands), strings.Join(names, ", "), hint)}, true
}

// sub reports a level below kommune.
func sub(l Level) bool { return l == Bydel || l == Delbydel || l == Sone }

// dropCountyOfKommune leaves out a fylke that is also a kommune of the
// same name (Oslo): the name is the kommune's.
func (g *Gazetteer) dropCountyOfKommune(cands []int) []int {
	if len(cands) < 2 {
		return cands
	}
	kommuneParent := map[string]bool{}
	for _, i := range cands {
		if g.geos[i].Level == Kommune {
			kommuneParent[g.geos[i].Parent] = true
			kommuneParent[g.geos[i].Code[:min(2, len(g.geos[i].Code))]] = true
		}
	}
	out := cands[:0:0]
	for _, i := range cands {
		if g.geos[i].Level == Fylke && kommuneParent[g.geos[i].Code] {
			continue
		}
		out = append(out, i)
	}
	return out
}

func sameLevel(g *Gazetteer, idx []int) bool {
	for _, i := range idx[1:] {
		if g.geos[i].Level != g.geos[idx[0]].Level {
			return false
		}
	}
	return true
}

func (g *Gazetteer) notFound(text string) error {
	return &AreaError{Text: text, Reason: fmt.Sprintf("%q is no known area", text)}
}

// leadingNumber splits "4001 Porsgrunn" into its number and the rest.
func leadingNumber(s string) (num, rest string, ok bool) {
	num, rest, ok = strings.Cut(s, " ")
	rest = strings.TrimSpace(rest)
	if !ok || !isDigits(num) || rest == "" {
		return "", "", false
	}
	return num, rest, true
}
