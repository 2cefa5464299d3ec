package budget_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

func TestGrossBase_Classify(t *testing.T) {
	g := budget.KOSTRAGross()
	for _, c := range []struct {
		art  string
		want budget.ArtClass
	}{
		{"010", budget.ArtIncluded}, {"090", budget.ArtIncluded}, {"480", budget.ArtIncluded},
		{"481", budget.ArtOutside}, {"500", budget.ArtOutside}, {"510", budget.ArtOutside}, {"589", budget.ArtOutside},
		{"590", budget.ArtIncluded}, {"599", budget.ArtOutside}, {"600", budget.ArtOutside},
		{"690", budget.ArtDeducted}, {"700", budget.ArtOutside}, {"710", budget.ArtDeducted},
		{"729", budget.ArtDeducted}, {"728", budget.ArtOutside}, {"870", budget.ArtOutside},
		{"005", budget.ArtOutside}, {"10100", budget.ArtIncluded}, {"59000", budget.ArtIncluded},
		{"", budget.ArtUnknown}, {"12", budget.ArtUnknown}, {"A10", budget.ArtUnknown}, {"lønn", budget.ArtUnknown},
	} {
		t.Run(c.art, func(t *testing.T) {
			if got := g.Classify(c.art); got != c.want {
				t.Errorf("Classify(%q) = %d, want %d", c.art, got, c.want)
			}
		})
	}
}

// TestGrossSum shows the definition on a small operating budget: the
// financial arts and the other income do not count, the deducted income
// arts lower the base with their (negative) amounts.
func TestGrossSum(t *testing.T) {
	lines := []struct {
		art string
		ore int64
	}{
		{"010", 1_000_00}, // fastlønn
		{"270", 200_00},   // kjøp av tjenester
		{"500", 300_00},   // renteutgifter: financial, outside
		{"510", 400_00},   // avdrag: financial, outside
		{"590", 50_00},    // avskrivninger
		{"690", -20_00},   // fordelte utgifter
		{"710", -30_00},   // sykelønnsrefusjon
		{"729", -40_00},   // momskompensasjon
		{"810", -900_00},  // rammetilskudd: income, outside
		{"xyz", 7_00},     // not an art
	}
	s := budget.GrossSum{Base: budget.KOSTRAGross()}
	for _, l := range lines {
		s.Add(l.art, l.ore)
	}
	want := int64(1_000_00 + 200_00 + 50_00 - 20_00 - 30_00 - 40_00)
	if s.Gross != want {
		t.Errorf("Gross = %d, want %d", s.Gross, want)
	}
	if s.UnknownLines != 1 || s.UnknownOre != 7_00 {
		t.Errorf("unknown = %d lines, %d øre; want 1, 700", s.UnknownLines, s.UnknownOre)
	}
	// The old base (010-599) would have counted interest and instalments.
	old, err := budget.ParseGrossBase("010-599")
	if err != nil {
		t.Fatal(err)
	}
	o := budget.GrossSum{Base: old}
	for _, l := range lines {
		o.Add(l.art, l.ore)
	}
	if o.Gross == s.Gross {
		t.Errorf("a base of 010-599 gives the same gross %d as KOSTRA's", o.Gross)
	}
}

func TestParseGrossBase(t *testing.T) {
	t.Run("KOSTRA round-trips", func(t *testing.T) {
		k := budget.KOSTRAGross()
		if got := k.String(); got != "010-480,590 minus 690,710,729" {
			t.Errorf("String = %q", got)
		}
		g, err := budget.ParseGrossBase(k.String())
		if err != nil {
			t.Fatal(err)
		}
		if !g.Equal(k) || !g.IsKOSTRA() {
			t.Errorf("parsed %v, want %v", g, k)
		}
	})
	t.Run("spaces, en dash and semicolons", func(t *testing.T) {
		g, err := budget.ParseGrossBase(" 010–480; 590  minus 690 710 729 ")
		if err != nil {
			t.Fatal(err)
		}
		if !g.IsKOSTRA() {
			t.Errorf("got %v", g)
		}
	})
	t.Run("own base", func(t *testing.T) {
		g, err := budget.ParseGrossBase("010-599")
		if err != nil {
			t.Fatal(err)
		}
		if g.IsKOSTRA() || len(g.Deduct) != 0 || g.Classify("550") != budget.ArtIncluded {
			t.Errorf("got %v", g)
		}
	})
	for _, bad := range []string{"", "minus 690", "010-480 minus", "10-480", "480-010", "010-480,abc", "010-480 minus 400", "0100"} {
		t.Run("bad "+bad, func(t *testing.T) {
			_, err := budget.ParseGrossBase(bad)
			var e *budget.Error
			if !errors.As(err, &e) || e.Code != budget.EINVALID {
				t.Errorf("ParseGrossBase(%q) = %v, want EINVALID", bad, err)
			}
		})
	}
}

func TestGrossBase_Label(t *testing.T) {
	k := budget.KOSTRAGross()
	if got, want := k.Label(false), "brutto driftsutgifter etter KOSTRA (art 010–480 og 590 minus 690, 710 og 729)"; got != want {
		t.Errorf("Label = %q, want %q", got, want)
	}
	if got := k.Label(true); got != k.Label(false) {
		t.Errorf("nn KOSTRA label %q differs", got)
	}
	own, _ := budget.ParseGrossBase("010-599")
	for _, nn := range []bool{false, true} {
		l := own.Label(nn)
		if !strings.Contains(l, "art 010–599") || strings.Contains(l, "KOSTRA") || !strings.Contains(l, "kommune") {
			t.Errorf("own base label %q", l)
		}
	}
}

func FuzzParseGrossBase(f *testing.F) {
	for _, s := range []string{"010-480,590 minus 690,710,729", "010-599", "minus", "1-2", "010–480", "999-000", "000-999 minus 500"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, err := budget.ParseGrossBase(s)
		if err != nil {
			return
		}
		again, err := budget.ParseGrossBase(g.String())
		if err != nil {
			t.Fatalf("%q parsed to %q, which does not parse: %v", s, g.String(), err)
		}
		if !again.Equal(g) {
			t.Fatalf("%q: %v then %v", s, g, again)
		}
		for _, r := range g.Deduct {
			if c := g.Classify(r.String()[:3]); c != budget.ArtDeducted {
				t.Fatalf("%q: deducted art %s classified %d", s, r, c)
			}
		}
	})
}
