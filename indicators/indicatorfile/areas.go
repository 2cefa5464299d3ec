package indicatorfile

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/internal/cell"
)

// notAreaNames are geographies statistics publish that are no area: the
// unknown and the abroad. Such rows are skipped and counted as "not_area".
var notAreaNames = set("uoppgitt", "ukjent", "utlandet", "uoppgittkommune", "ukjentkommune", "uoppgittbydel", "ukjentbydel",
	"uoppgittfylke", "ukjentfylke", "uoppgittdelbydel", "uoppgittsone", "utenforfastlandet", "ikkeoppgitt", "uspesifisert",
	"uoppgittkommunesvalbard", "bosattiutlandet", "utland", "unknown", "abroad")

// notArea reports a row whose geography is no area: "Uoppgitt", "Ukjent",
// "Utlandet", also with a code before it ("9999 Uoppgitt kommune") or in
// a code column, and SSB's code 9999 for the unknown kommune.
func notArea(code, name string) bool {
	if strings.TrimSpace(code) == "9999" {
		return true // SSB's "Uoppgitt kommune"
	}
	for _, s := range []string{code, name} {
		if _, rest, ok := strings.Cut(strings.TrimSpace(s), " "); ok && isNumber(strings.Fields(s)[0]) {
			s = rest
		}
		if notAreaNames[cell.Fold(s)] {
			return true
		}
	}
	return false
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// aliasKey is the form --area-alias texts are compared in.
func aliasKey(s string) string { return cell.Fold(s) }

// aliased reports whether the row's geography is mapped to an area by an
// --area-alias, so it is not skipped as an aggregate ("I alt=0").
func (l *layout) aliased(code, name string) bool {
	_, ok := l.aliasOf(code, name)
	return ok
}

func (l *layout) aliasOf(code, name string) (string, bool) {
	return aliasFor(l.areaAliases, code, name)
}

func aliasFor(aliases map[string]string, code, name string) (string, bool) {
	if len(aliases) == 0 {
		return "", false
	}
	for _, s := range []string{strings.TrimSpace(code + " " + name), name, code} {
		if s == "" {
			continue
		}
		if to, ok := aliases[aliasKey(s)]; ok {
			return to, true
		}
	}
	return "", false
}

// geoLevel is the level the geography column's header names ("Bydel",
// "Delbydel", "Kommunenummer"), "" when it names none ("Geografi").
func (l *layout) geoLevel() indicators.Level {
	for _, i := range []int{l.geoName, l.geoCode} {
		if i < 0 {
			continue
		}
		switch h := cell.Fold(l.headerOf(i)); {
		case strings.HasPrefix(h, "delbydel"):
			return indicators.Delbydel
		case strings.HasPrefix(h, "bydel"):
			return indicators.Bydel
		case strings.HasPrefix(h, "kommune"):
			return indicators.Kommune
		case strings.HasPrefix(h, "fylke"):
			return indicators.Fylke
		case strings.HasPrefix(h, "levekarssone"), h == "sone", h == "sonenavn", h == "sonekode", h == "grunnkrets":
			return indicators.Sone
		}
	}
	return ""
}

// normAliases folds the keys of --area-alias and checks that every target
// is a known area.
func normAliases(aliases map[string]string, areas *indicators.Gazetteer, where string) (map[string]string, error) {
	out := map[string]string{}
	keys := make([]string, 0, len(aliases))
	for k := range aliases {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		to := aliases[k]
		g, err := areas.Find(to, "", "")
		if err != nil {
			if g, err = areas.Find("", to, ""); err != nil {
				return nil, budget.Errorf(budget.EINVALID, "%s: --area-alias %s=%s: %v", where, k, to, err)
			}
		}
		out[aliasKey(k)] = g.Code
	}
	return out, nil
}

// resolveExclude finds the column of each --exclude.
func resolveExclude(l *layout, excludes []Where, where string) ([]filter, error) {
	fs, err := resolveWhere(l, excludes, where)
	if err != nil {
		return nil, errors.New(strings.Replace(err.Error(), "--where", "--exclude", 1))
	}
	for i := range fs {
		fs[i].exclude = true
	}
	return fs, nil
}

// useArea notes an area of the built-in reference that the file's values
// land on, and the reference areas above it (its county, the country), so
// the import stores them in the workspace with the values and every
// stored area's parent is stored too.
func (c *checker) useArea(g indicators.Geo) {
	if c.newAreas == nil {
		c.newAreas = map[string]bool{}
	}
	for i := 0; i < 8 && c.opts.Areas.FromReference(g.Code) && !c.newAreas[g.Code]; i++ {
		c.newAreas[g.Code] = true
		c.res.NewAreas = append(c.res.NewAreas, g)
		p, ok := c.opts.Areas.ByCode(g.Parent)
		if g.Parent == "" || !ok || p.Code != g.Parent {
			return
		}
		g = p
	}
}

// areaMessage says why a geography did not match, with the closest names
// when none fits.
func (c *checker) areaMessage(err error, text string) string {
	var ae *indicators.AreaError
	if !errors.As(err, &ae) || !ae.NotFound() {
		return err.Error()
	}
	return fmt.Sprintf("geography not found among the workspace areas and Norway's fylker, kommuner and bydeler; the closest are: %s. "+
		"Import the municipality's own areas (helsebudsjett import areas), map it with --area-alias %q, or drop such rows with --exclude",
		strings.Join(c.opts.Areas.Closest(text, 3), ", "), text+"=CODE")
}

func mapExclude(m map[string][]string) []Where {
	var out []Where
	cols := make([]string, 0, len(m))
	for k := range m {
		cols = append(cols, k)
	}
	sort.Strings(cols)
	for _, k := range cols {
		for _, v := range m[k] {
			out = append(out, Where{Column: k, Value: v})
		}
	}
	return out
}

// excludeMap is the mapping's form of the excludes, nil when none.
func excludeMap(ws []Where) map[string][]string {
	if len(ws) == 0 {
		return nil
	}
	m := map[string][]string{}
	for _, w := range ws {
		m[w.Column] = append(m[w.Column], w.Value)
	}
	return m
}

// mergeAliases joins the mapping's area aliases with the options'; the
// options win. Nil when there are none.
func mergeAliases(a, b map[string]string) map[string]string {
	if len(a)+len(b) == 0 {
		return nil
	}
	m := map[string]string{}
	for k, v := range a {
		m[k] = v
	}
	for k, v := range b {
		m[k] = v
	}
	return m
}

// bordersNote warns, once per area, when a value found by the area's name
// alone is for a period before the area's present borders (Holmestrand
// before Sande joined in 2020): it is taken as today's area, as FHI
// publishes its series in today's borders, which is a guess the user is
// told of. A code says which area it is and needs no note; nor does a
// county, whose series are always published in today's borders.
func (c *checker) bordersNote(r record, g indicators.Geo, p indicators.Period) {
	since := c.opts.Areas.BordersSince(g.Code)
	if r.geoCode != "" || since == 0 || p.Start >= since || p.Start == 0 || g.Level != indicators.Kommune {
		return
	}
	if _, _, ok := strings.Cut(strings.TrimSpace(r.geoName), " "); ok && isNumber(strings.Fields(r.geoName)[0]) {
		return
	}
	key := "borders\x00" + g.Code
	if c.reported[key] {
		return
	}
	c.reported[key] = true
	c.res.warn(fmt.Sprintf("%s: %q is taken as today's %s (%s) also for %s and other years before its present borders of %d: "+
		"right for FHI's and Udir's series, which are in today's borders; if the file gives each year's own borders, use a file with kommune codes",
		c.where, r.geoName, g.Name, g.Code, p.Label, since))
}
