package sample

import (
	"fmt"
	"regexp"
	"slices"
	"testing"
)

func TestMunicipality(t *testing.T) {
	m := Municipality()
	if m.Name != Name || m.Number != Number || len(m.Bydeler) != 6 {
		t.Fatalf("municipality %q %q with %d bydeler", m.Name, m.Number, len(m.Bydeler))
	}
	bydel := map[string]bool{}
	for i, b := range m.Bydeler {
		if want := fmt.Sprintf("%s%02d", Number, i+1); b.Code != want {
			t.Errorf("bydel %d has code %q, want %s", i, b.Code, want)
		}
		bydel[b.Code] = true
	}
	if n := len(m.Units); n < 24 || n > 30 {
		t.Errorf("%d units, want about 25", n)
	}
	codes := map[string]bool{}
	slugRE := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	perBydel := map[string]int{}
	for _, u := range m.Units {
		if !slugRE.MatchString(u.Code) || codes[u.Code] {
			t.Errorf("unit code %q is not a unique slug", u.Code)
		}
		codes[u.Code] = true
		if u.Name == "" || u.Sector == "" {
			t.Errorf("unit %s lacks name or sector", u.Code)
		}
		if u.Bydel != "" && !bydel[u.Bydel] {
			t.Errorf("unit %s names unknown bydel %q", u.Code, u.Bydel)
		}
		if u.Sector == secBydel {
			perBydel[u.Bydel]++
		}
	}
	for code := range bydel {
		if perBydel[code] != 1 {
			t.Errorf("bydel %s has %d bydel units, want 1", code, perBydel[code])
		}
	}
	// A fresh copy each time.
	m.Units[0].Name = "changed"
	if Municipality().Units[0].Name == "changed" {
		t.Error("Municipality shares its slices")
	}
}

func TestAnsvarRangesDisjoint(t *testing.T) {
	type span struct {
		from, to int
		code     string
	}
	var spans []span
	for _, u := range units {
		from, ok1 := atoi(u.AnsvarFrom)
		to, ok2 := atoi(u.AnsvarTo)
		if !ok1 || !ok2 || len(u.AnsvarFrom) != 4 || len(u.AnsvarTo) != 4 || from > to {
			t.Fatalf("unit %s has range %q-%q", u.Code, u.AnsvarFrom, u.AnsvarTo)
		}
		if last := from + 10*(len(u.acts)-1) + 9; last > to {
			t.Errorf("unit %s: %d activities need ansvar up to %d, beyond %d", u.Code, len(u.acts), last, to)
		}
		spans = append(spans, span{from, to, u.Code})
	}
	slices.SortFunc(spans, func(a, b span) int { return a.from - b.from })
	for i := 1; i < len(spans); i++ {
		if spans[i].from <= spans[i-1].to {
			t.Errorf("ansvar ranges of %s and %s overlap", spans[i-1].code, spans[i].code)
		}
	}
	for _, r := range sampleRows() {
		u, ok := UnitForAnsvar(r.ansvar)
		if !ok || (r.bydel != "" && u.Bydel != r.bydel) {
			t.Errorf("ansvar %s: unit %v, %v; line bydel %q", r.ansvar, u.Code, ok, r.bydel)
		}
	}
	if _, ok := UnitForAnsvar("0999"); ok {
		t.Error("UnitForAnsvar found a unit for 0999")
	}
}
