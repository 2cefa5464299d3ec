package indicators_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

func defaultCatalogue(t *testing.T) *indicators.Catalogue {
	t.Helper()
	c, err := indicators.LoadCatalogue(templates.Indicators)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLoadCatalogue_Default(t *testing.T) {
	c := defaultCatalogue(t)
	for _, id := range []string{"barn-lavinntekt", "lavinntekt", "trangboddhet", "frafall-vgs", "grunnskolepoeng",
		"sysselsetting", "unge-uforetrygdede", "sosialhjelp", "levealder-utdanning", "barnehage-minoritetsspraklige",
		"trivsel-skole", "rekreasjonsareal"} {
		if _, ok := c.Get(id); !ok {
			t.Errorf("the default catalogue lacks %s", id)
		}
	}
	if n := c.Len(); n < 18 || n > 26 {
		t.Errorf("%d indicators, want about 20", n)
	}
	dets := map[string]bool{}
	for _, ind := range c.All() {
		dets[ind.Determinant] = true
	}
	for _, d := range indicators.Determinants {
		if !dets[d] {
			t.Errorf("no indicator for determinant %s", d)
		}
	}
	// All is grouped by determinant in the order of Determinants.
	all := c.All()
	rank := map[string]int{}
	for i, d := range indicators.Determinants {
		rank[d] = i
	}
	if !sort.SliceIsSorted(all, func(i, j int) bool {
		if all[i].Determinant != all[j].Determinant {
			return rank[all[i].Determinant] < rank[all[j].Determinant]
		}
		return all[i].ID < all[j].ID
	}) {
		t.Errorf("All is not sorted by determinant then id: %v", c.IDs())
	}
	ind, _ := c.Get("levealder-utdanning")
	if ind.Unit != indicators.Years || ind.Better != indicators.HigherIsBetter || ind.Groups.Dim == "" {
		t.Errorf("levealder-utdanning = %+v", ind)
	}
	if !ind.Trend.Threshold.Equal(decimal.RequireFromString("0.5")) {
		t.Errorf("threshold = %s", ind.Trend.Threshold)
	}
}

const oneIndicator = `indicators:
  - id: eget
    name: Eget mål
    name_nn: Eige mål
    determinant: helse
    definition: Et lokalt mål.
    unit: percent
    better: lower
    source: local
    levels: [kommune, bydel]
    trend: {periods: 2, threshold: 0.5, text: regel, text_nn: regel}
`

func TestLoadCatalogue_Errors(t *testing.T) {
	for name, tc := range map[string]struct{ yaml, want string }{
		"unknown field":  {strings.Replace(oneIndicator, "source:", "kilde:", 1), "kilde"},
		"duplicate id":   {oneIndicator + strings.TrimPrefix(oneIndicator, "indicators:\n"), "twice"},
		"bad unit":       {strings.Replace(oneIndicator, "unit: percent", "unit: prosent", 1), `unit "prosent"`},
		"bad direction":  {strings.Replace(oneIndicator, "better: lower", "better: less", 1), `better "less"`},
		"bad level":      {strings.Replace(oneIndicator, "[kommune, bydel]", "[kommune, by]", 1), `level "by"`},
		"no trend":       {strings.Replace(oneIndicator, "    trend: {periods: 2, threshold: 0.5, text: regel, text_nn: regel}\n", "", 1), "trend.periods"},
		"bad id":         {strings.Replace(oneIndicator, "id: eget", "id: Eget Mål", 1), "lower-case"},
		"empty":          {"", "empty"},
		"no indicators":  {"indicators: []\n", "no indicators"},
		"not a list":     {"indicators: 3\n", "catalogue"},
		"bad threshold":  {strings.Replace(oneIndicator, "threshold: 0.5", "threshold: mye", 1), "catalogue"},
		"negative count": {strings.Replace(oneIndicator, "source: local", "source: local\n    min_count: -1", 1), "min_count"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := indicators.LoadCatalogue([]byte(tc.yaml))
			if err == nil {
				t.Fatal("no error")
			}
			if budget.ErrorCode(err) != budget.EINVALID {
				t.Errorf("code %q, want invalid", budget.ErrorCode(err))
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

func TestCatalogue_Merge(t *testing.T) {
	c := defaultCatalogue(t)
	overrides, err := indicators.ParseIndicators([]byte(oneIndicator + `  - id: trangboddhet
    min_count: 10
    name: Trangbodde (lokal definisjon)
`))
	if err != nil {
		t.Fatal(err)
	}
	m, err := c.Merge(overrides)
	if err != nil {
		t.Fatal(err)
	}
	if m.Len() != c.Len()+1 {
		t.Errorf("merged has %d, want %d", m.Len(), c.Len()+1)
	}
	got, _ := m.Get("trangboddhet")
	orig, _ := c.Get("trangboddhet")
	if got.MinCount != 10 || got.Name != "Trangbodde (lokal definisjon)" || got.NameNN != orig.NameNN || got.Trend.Text != orig.Trend.Text {
		t.Errorf("patched trangboddhet = %+v", got)
	}
	if orig.MinCount == 10 {
		t.Error("Merge changed the original catalogue")
	}
	if _, err := c.Merge([]indicators.Indicator{{ID: "ny", Name: "Ny"}}); err == nil {
		t.Error("an incomplete new indicator was accepted")
	}
	if _, err := c.Lookup("finnes-ikke"); budget.ErrorCode(err) != budget.ENOTFOUND || !strings.Contains(err.Error(), "barn-lavinntekt") {
		t.Errorf("Lookup of an unknown id: %v", err)
	}
}

func TestNorwegianLess(t *testing.T) {
	got := []string{"Åsen", "Øvre by", "aker", "Ærfugl", "Zeta", "Bakken", "Ekeberg", "Élan", "Ås", "ås", "10", "Østre"}
	sort.Slice(got, func(i, j int) bool { return indicators.NorwegianLess(got[i], got[j]) })
	want := []string{"10", "aker", "Bakken", "Ekeberg", "Élan", "Zeta", "Ærfugl", "Østre", "Øvre by", "Ås", "ås", "Åsen"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestCatalogue_Closest(t *testing.T) {
	c, err := indicators.LoadCatalogue(templates.Indicators)
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{"barn-lavinntek": "barn-lavinntekt", "trangbodhet": "trangboddhet", "levealder": "levealder-utdanning"} {
		if got := c.Closest(in, 3); len(got) == 0 || got[0] != want {
			t.Errorf("Closest(%q) = %v, want %s first", in, got, want)
		}
		if _, err := c.Lookup(in); err == nil || !strings.Contains(err.Error(), "did you mean "+want) {
			t.Errorf("Lookup(%q): %v, want a did you mean %s", in, err, want)
		}
	}
}
