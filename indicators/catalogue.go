package indicators

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// Determinants are the påvirkningsfaktorer of NIBR-rapport 2019:6 in the
// order catalogues list them. A municipality may use others; they sort
// after these.
var Determinants = []string{"inntekt", "arbeid", "utdanning", "oppvekst", "bolig", "nærmiljø", "sosial deltakelse", "helse"}

// Catalogue is a validated set of indicators, unique by id. It is
// immutable: Merge returns a new one, so a Catalogue may be shared between
// goroutines.
type Catalogue struct {
	byID map[string]Indicator
	all  []Indicator // sorted as All returns them
}

// catalogueFile is the YAML layout of a catalogue or an overrides file.
type catalogueFile struct {
	Indicators []Indicator `yaml:"indicators"`
}

// LoadCatalogue reads a complete catalogue from YAML of the form
//
//	indicators:
//	  - id: barn-lavinntekt
//	    name: …
//
// decoded strictly (an unknown field is an error, so a misspelt field is
// never silently ignored), and validates every indicator (see Validate)
// and that no id appears twice. Errors are EINVALID *budget.Error values
// naming the indicator and field.
func LoadCatalogue(yamlData []byte) (*Catalogue, error) {
	inds, err := ParseIndicators(yamlData)
	if err != nil {
		return nil, err
	}
	return NewCatalogue(inds)
}

// NewCatalogue validates inds and makes a catalogue of them. A duplicate
// id or an invalid indicator is an EINVALID *budget.Error.
func NewCatalogue(inds []Indicator) (*Catalogue, error) {
	c := &Catalogue{byID: make(map[string]Indicator, len(inds))}
	var errs []string
	for _, ind := range inds {
		if _, dup := c.byID[ind.ID]; dup {
			errs = append(errs, fmt.Sprintf("indicator %q appears twice", ind.ID))
			continue
		}
		if err := ind.Validate(); err != nil {
			errs = append(errs, err.Error())
			continue
		}
		c.byID[ind.ID] = ind
	}
	if len(errs) > 0 {
		return nil, budget.Errorf(budget.EINVALID, "%s", strings.Join(errs, "; "))
	}
	c.sort()
	return c, nil
}

// ParseIndicators decodes YAML in the catalogue layout strictly, without
// checking that each indicator is complete: an overrides file may give only
// the fields it changes (see Merge). An empty file is an error.
func ParseIndicators(yamlData []byte) ([]Indicator, error) {
	dec := yaml.NewDecoder(bytes.NewReader(yamlData))
	dec.KnownFields(true)
	var f catalogueFile
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, budget.Errorf(budget.EINVALID, "the catalogue is empty: it needs a list 'indicators:'")
		}
		return nil, budget.Errorf(budget.EINVALID, "catalogue: %v", err)
	}
	if len(f.Indicators) == 0 {
		return nil, budget.Errorf(budget.EINVALID, "the catalogue has no indicators: it needs a list 'indicators:'")
	}
	for i := range f.Indicators {
		f.Indicators[i].ID = strings.TrimSpace(f.Indicators[i].ID)
	}
	return f.Indicators, nil
}

// Merge returns a new catalogue with overrides applied by id. An override
// with a new id adds an indicator and must be complete. An override of an
// existing id replaces the fields it gives and keeps the others: a zero
// field (empty text, no levels, min_count 0, a trend rule with no periods
// and no text) means "as in the catalogue", so a municipality can change one
// threshold without restating the rest. The trend rule is replaced whole
// when given. The result is validated as NewCatalogue does; c is unchanged.
func (c *Catalogue) Merge(overrides []Indicator) (*Catalogue, error) {
	merged := make(map[string]Indicator, len(c.byID)+len(overrides))
	for id, ind := range c.byID {
		merged[id] = ind
	}
	seen := map[string]bool{}
	var errs []string
	for _, o := range overrides {
		if seen[o.ID] {
			errs = append(errs, fmt.Sprintf("indicator %q appears twice among the overrides", o.ID))
			continue
		}
		seen[o.ID] = true
		if base, ok := merged[o.ID]; ok {
			o = patch(base, o)
		}
		merged[o.ID] = o
	}
	if len(errs) > 0 {
		return nil, budget.Errorf(budget.EINVALID, "%s", strings.Join(errs, "; "))
	}
	all := make([]Indicator, 0, len(merged))
	for _, ind := range merged {
		all = append(all, ind)
	}
	return NewCatalogue(all)
}

// patch lays the non-zero fields of o over base.
func patch(base, o Indicator) Indicator {
	str := func(dst *string, v string) {
		if strings.TrimSpace(v) != "" {
			*dst = v
		}
	}
	str(&base.Name, o.Name)
	str(&base.NameNN, o.NameNN)
	str(&base.Determinant, o.Determinant)
	str(&base.Definition, o.Definition)
	str(&base.DefinitionNN, o.DefinitionNN)
	str(&base.Source, o.Source)
	if o.Unit != "" {
		base.Unit = o.Unit
	}
	if o.Better != "" {
		base.Better = o.Better
	}
	if len(o.Levels) > 0 {
		base.Levels = o.Levels
	}
	if o.MinCount != 0 {
		base.MinCount = o.MinCount
	}
	if o.Trend.Periods != 0 || o.Trend.Text != "" || o.Trend.TextNN != "" {
		base.Trend = o.Trend
	}
	if o.Groups != (GroupPair{}) {
		base.Groups = o.Groups
	}
	return base
}

// Get returns the indicator with the id, and false when there is none.
func (c *Catalogue) Get(id string) (Indicator, bool) {
	ind, ok := c.byID[id]
	return ind, ok
}

// Lookup returns the indicator with the id, or an ENOTFOUND *budget.Error
// that lists the ids there are.
func (c *Catalogue) Lookup(id string) (Indicator, error) {
	if ind, ok := c.byID[id]; ok {
		return ind, nil
	}
	return Indicator{}, budget.Errorf(budget.ENOTFOUND, "unknown indicator %q: did you mean %s? The ids are %s "+
		"(helsebudsjett indicators list shows them all)", id, strings.Join(c.Closest(id, 3), " or "), strings.Join(c.IDs(), ", "))
}

// Closest returns up to n ids nearest to id, nearest first (ties by id),
// for "did you mean" messages: an id that contains id or is contained in
// it ("lavinntekt" for "barn-lavinntekt") comes first, then by edit
// distance.
func (c *Catalogue) Closest(id string, n int) []string {
	key := strings.ToLower(strings.TrimSpace(id))
	type cand struct {
		id string
		d  int
	}
	cands := make([]cand, 0, len(c.all))
	for _, ind := range c.all {
		d := EditDistance(key, ind.ID)
		if key != "" && (strings.Contains(ind.ID, key) || strings.Contains(key, ind.ID)) {
			d = min(d, 1)
		}
		cands = append(cands, cand{ind.ID, d})
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].d != cands[j].d {
			return cands[i].d < cands[j].d
		}
		return cands[i].id < cands[j].id
	})
	out := make([]string, 0, n)
	for i := 0; i < len(cands) && i < n; i++ {
		out = append(out, cands[i].id)
	}
	return out
}

// All returns the indicators sorted by determinant (in the order of
// Determinants, others after them in Norwegian order) and then by id. The
// slice is a fresh copy.
func (c *Catalogue) All() []Indicator { return append([]Indicator(nil), c.all...) }

// IDs returns the ids in the order of All.
func (c *Catalogue) IDs() []string {
	ids := make([]string, len(c.all))
	for i, ind := range c.all {
		ids[i] = ind.ID
	}
	return ids
}

// Len returns the number of indicators.
func (c *Catalogue) Len() int { return len(c.all) }

func (c *Catalogue) sort() {
	c.all = make([]Indicator, 0, len(c.byID))
	for _, ind := range c.byID {
		c.all = append(c.all, ind)
	}
	sort.Slice(c.all, func(i, j int) bool {
		a, b := c.all[i], c.all[j]
		if ra, rb := determinantRank(a.Determinant), determinantRank(b.Determinant); ra != rb {
			return ra < rb
		}
		if a.Determinant != b.Determinant {
			return NorwegianLess(a.Determinant, b.Determinant)
		}
		return a.ID < b.ID
	})
}

func determinantRank(d string) int {
	for i, x := range Determinants {
		if x == d {
			return i
		}
	}
	return len(Determinants)
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Validate checks that the indicator is complete and consistent: an id of
// lower-case ASCII letters, digits and single hyphens; names in bokmål and
// nynorsk; a determinant, definition and source; a known unit and
// direction; at least one level, each known; min_count not negative; and a
// trend rule over at least 2 periods with a threshold not negative and its
// text in both languages. The error, an EINVALID *budget.Error, names the
// indicator and every field that is wrong.
func (ind Indicator) Validate() error {
	var bad []string
	need := func(field, v string) {
		if strings.TrimSpace(v) == "" {
			bad = append(bad, field+" is missing")
		}
	}
	if !idPattern.MatchString(ind.ID) {
		bad = append(bad, fmt.Sprintf("id %q must be lower-case letters a-z, digits and hyphens, such as barn-lavinntekt", ind.ID))
	}
	need("name", ind.Name)
	need("name_nn", ind.NameNN)
	need("determinant", ind.Determinant)
	need("definition", ind.Definition)
	need("source", ind.Source)
	if !ind.Unit.Known() {
		bad = append(bad, fmt.Sprintf("unit %q is not one of percent, per1000, years, points, count, kr", ind.Unit))
	}
	if ind.Better != LowerIsBetter && ind.Better != HigherIsBetter {
		bad = append(bad, fmt.Sprintf("better %q is not lower or higher", ind.Better))
	}
	if len(ind.Levels) == 0 {
		bad = append(bad, "levels is missing")
	}
	for _, l := range ind.Levels {
		if !l.Known() {
			bad = append(bad, fmt.Sprintf("level %q is not one of land, fylke, kommune, bydel, delbydel, sone", l))
		}
	}
	if ind.MinCount < 0 {
		bad = append(bad, "min_count is negative")
	}
	if ind.Trend.Periods < 2 {
		bad = append(bad, "trend.periods must be 2 or more")
	}
	if ind.Trend.Threshold.IsNegative() {
		bad = append(bad, "trend.threshold is negative")
	}
	need("trend.text", ind.Trend.Text)
	need("trend.text_nn", ind.Trend.TextNN)
	if g := ind.Groups; g != (GroupPair{}) && (g.Dim == "" || g.A == "" || g.B == "" || g.A == g.B) {
		bad = append(bad, "groups needs dim and two different values a and b")
	}
	if len(bad) == 0 {
		return nil
	}
	id := ind.ID
	if id == "" {
		id = "(no id)"
	}
	return budget.Errorf(budget.EINVALID, "indicator %s: %s", id, strings.Join(bad, ", "))
}

// Known reports whether u is one of the units.
func (u Unit) Known() bool {
	switch u {
	case Percent, Per1000, Years, Points, Count, Kroner:
		return true
	}
	return false
}

// Known reports whether l is one of the levels.
func (l Level) Known() bool {
	switch l {
	case Land, Fylke, Kommune, Bydel, Delbydel, Sone:
		return true
	}
	return false
}
