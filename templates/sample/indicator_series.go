package sample

import (
	"math"
	"strconv"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// Row is one figure of the sample as a file gives it: the area, the period
// as published, the dims in file order, the value (nil when missing, with
// Marker) and the count behind it (nil when not published).
type Row struct {
	Code, Name string
	Period     string
	Dims       []indicators.Dim
	Value      *float64 // rounded to the indicator's decimals
	Marker     string
	Count      *int
}

// group is a value of a dimension and how far its figures lie from the
// whole population's.
type group struct {
	value  string
	offset float64
	share  float64 // of the count
}

// spec describes how one indicator's sample figures are made:
// base + dep·spread + trend·(year − 2015) + noise·jitter, per bydel; the
// kommune is the population-weighted mean of its bydeler; Hele landet and
// Vestland are set at a deprivation of refDep.
type spec struct {
	id                          string
	base, spread, trend, jitter float64
	decimals                    int
	min, max                    float64
	countOf                     float64 // the count is value/100 · population · countOf; 0 for no count
	period                      func(year int) string
	dim                         string // the dimension of groups, if any
	groups                      []group
	bydeler                     bool // published for bydeler
	refs                        bool // published for Hele landet and Vestland
	first                       int  // first year with figures; earlier years are "-"
	markers                     map[string]string
	overrides                   map[string]Row
}

const refDep = 0.45

func year(y int) string { return strconv.Itoa(y) }

func span(n int) func(int) string {
	return func(y int) string { return strconv.Itoa(y-n+1) + "-" + strconv.Itoa(y) }
}

func schoolYear(y int) string { return strconv.Itoa(y-1) + "-" + strconv.Itoa(y%100 + 100)[1:] }

// specs are the sample's indicators, by catalogue id.
var specs = []spec{
	{id: "barn-lavinntekt", base: 5.5, spread: 15, trend: 0.12, jitter: 0.6, decimals: 1, max: 100, countOf: childShare, period: span(3), bydeler: true, refs: true},
	{id: "lavinntekt", base: 5.8, spread: 10, trend: 0.08, jitter: 0.4, decimals: 1, max: 100, countOf: 1, period: span(3), bydeler: true, refs: true},
	{id: "trangboddhet", base: 10, spread: 17, trend: 0.15, jitter: 0.7, decimals: 1, max: 100, period: year, bydeler: true, refs: true,
		dim: "Innvandringsbakgrunn", groups: []group{{"totalt", 0, 1}, {"innvandrere", 13, 0}}},
	{id: "frafall-vgs", base: 9, spread: 13, trend: -0.25, jitter: 1.2, decimals: 1, max: 100, countOf: 0.012, period: year, bydeler: true, refs: true,
		markers: map[string]string{"469902|2017": ".."}},
	{id: "grunnskolepoeng", base: 44.5, spread: -6, trend: 0.1, jitter: 0.5, decimals: 1, min: 0, max: 60, period: year, bydeler: true, refs: true,
		dim: "Foreldrenes utdanningsnivå", groups: []group{{"alle utdanningsnivåer", 0, 1}, {"grunnskole", -6.5, 0.22}, {"videregående skole", -2.5, 0.43}, {"universitet/høyskole", 4, 0.35}}},
	{id: "sysselsetting", base: 83, spread: -14, trend: 0.1, jitter: 0.5, decimals: 1, max: 100, countOf: workingShare, period: year, bydeler: true, refs: true,
		dim: "Kjønn", groups: []group{{"Kjønn samlet", 0, 1}, {"Menn", 2, 0.5}, {"Kvinner", -2, 0.5}}},
	{id: "unge-uforetrygdede", base: 0.8, spread: 2.4, trend: 0.04, jitter: 0.15, decimals: 1, max: 100, countOf: youngShare, period: year, bydeler: true, refs: true},
	{id: "sosialhjelp", base: 1.9, spread: 6.5, trend: -0.05, jitter: 0.3, decimals: 1, max: 100, countOf: 0.78, period: year, bydeler: true, refs: true,
		markers: map[string]string{"469905|2020": ":"}},
	{id: "levealder-utdanning", base: 51.5, spread: -2, trend: 0.1, jitter: 0.2, decimals: 1, min: 30, max: 70, period: span(7), refs: true,
		dim: "Utdanningsnivå", groups: []group{{"alle utdanningsnivåer", 0, 1}, {"grunnskole", -4, 0}, {"videregående skole", -1, 0}, {"universitet/høyskole", 3, 0}}},
	{id: "barnehage-minoritetsspraklige", base: 94, spread: -22, trend: 0.6, jitter: 1.5, decimals: 1, max: 100, countOf: 0.004, period: year, bydeler: true, refs: true,
		overrides: map[string]Row{"469905|2016": {Value: f(80), Count: n(4)}}},
	{id: "trivsel-skole", base: 93, spread: -9, trend: 0.05, jitter: 0.8, decimals: 1, max: 100, countOf: 0.03, period: schoolYear, bydeler: true, refs: true},
	{id: "rekreasjonsareal", base: 96, spread: -24, trend: 0.1, jitter: 0.5, decimals: 1, max: 100, period: year, bydeler: true, refs: true, first: 2018},
}

func f(v float64) *float64 { return &v }
func n(v int) *int         { return &v }

// Indicators returns the ids of the sample's indicators.
func Indicators() []string {
	ids := make([]string, len(specs))
	for i, s := range specs {
		ids[i] = s.id
	}
	return ids
}

// Rows returns the sample figures of one indicator, by area (Hele landet,
// Vestland, the kommune, the bydeler), then year, then group; nil for an
// id the sample does not have.
func Rows(id string) []Row {
	for _, s := range specs {
		if s.id == id {
			return s.rows()
		}
	}
	return nil
}

func (s spec) rows() []Row {
	var out []Row
	areas := Areas()
	for _, a := range areas {
		switch {
		case a.Level == indicators.Bydel && !s.bydeler:
			continue
		case a.Level.Reference() && !s.refs:
			continue
		}
		for y := FirstYear; y <= LastYear; y++ {
			groups := s.groups
			if len(groups) == 0 {
				groups = []group{{share: 1}}
			}
			for _, g := range groups {
				out = append(out, s.row(a, y, g))
			}
		}
	}
	return out
}

func (s spec) row(a indicators.Geo, y int, g group) Row {
	r := Row{Code: a.Code, Name: a.Name, Period: s.period(y)}
	if g.value != "" {
		r.Dims = []indicators.Dim{{Name: s.dim, Value: g.value}}
	}
	key := a.Code + "|" + strconv.Itoa(y)
	if y < s.first {
		r.Marker = "-"
		return r
	}
	if m, ok := s.markers[key]; ok && g.offset == 0 {
		r.Marker = m
		return r
	}
	if o, ok := s.overrides[key]; ok && g.offset == 0 {
		r.Value, r.Count = o.Value, o.Count
		return r
	}
	v := s.value(a, y, g)
	r.Value = &v
	if s.countOf > 0 && a.Population[y] > 0 {
		c := int(math.Round(v / 100 * float64(a.Population[y]) * s.countOf * g.share))
		r.Count = &c
	}
	return r
}

// value is the figure for an area, year and group, rounded.
func (s spec) value(a indicators.Geo, y int, g group) float64 {
	var v float64
	switch a.Level {
	case indicators.Bydel:
		v = s.bydelValue(a.Code, y)
	case indicators.Kommune:
		total := 0
		for _, b := range areaBydeler {
			p := bydelPop(b, y)
			v += s.bydelValue(b.code, y) * float64(p)
			total += p
		}
		v /= float64(total)
	default:
		v = s.base + refDep*s.spread + s.trend*float64(y-FirstYear) + 0.3*s.jitter*noise(s.id, a.Code, year(y))
	}
	v += g.offset * (1 + 0.1*noise(s.id, a.Code, year(y), g.value))
	v = math.Max(s.min, math.Min(s.max, v))
	p := math.Pow(10, float64(s.decimals))
	return math.Round(v*p) / p
}

func (s spec) bydelValue(code string, y int) float64 {
	dep := 0.0
	for _, b := range areaBydeler {
		if b.code == code {
			dep = b.dep
		}
	}
	return s.base + dep*s.spread + s.trend*float64(y-FirstYear) + s.jitter*noise(s.id, code, year(y))
}
