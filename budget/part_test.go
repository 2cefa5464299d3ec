package budget_test

import (
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

func TestPartEvidence_Infer(t *testing.T) {
	line := func(art string, attrs ...string) *budget.Line {
		l := &budget.Line{Art: art}
		for i := 0; i+1 < len(attrs); i += 2 {
			l.Attributes = append(l.Attributes, budget.Attribute{Name: attrs[i], Value: attrs[i+1]})
		}
		return l
	}
	for _, tc := range []struct {
		name  string
		lines []*budget.Line
		want  budget.Part
		why   string // a part of the reason, "" when nothing is inferred
	}{
		{"no evidence", []*budget.Line{line("010"), line("700")}, "", ""},
		{"skatt and avskrivninger", []*budget.Line{line("010"), line("800"), line("590")}, budget.Drift, "590 avskrivninger, 800 skatt"},
		{"bruk av lån", []*budget.Line{line("020"), line("910")}, budget.Investering, "910 bruk av lån"},
		{"arts of both", []*budget.Line{line("800"), line("910")}, budget.Begge, "and of the investeringsdel only (910"},
		{"kontoklasse 1", []*budget.Line{line("910", "Kontoklasse", "1"), line("010", "Kontoklasse", "1")}, budget.Drift, "Kontoklasse says drift"},
		{"kontoklasse 4 (SSB)", []*budget.Line{line("010", "kontoklasse", "4")}, budget.Investering, "says investering"},
		{"kontoklasse 3 and 0", []*budget.Line{line("010", "kontoklasse", "3"), line("010", "kontoklasse", "0")}, budget.Begge, "marks lines of both"},
		{"a drift/investering column", []*budget.Line{line("010", "Drift/investering", "Investering")}, budget.Investering, "says investering"},
		{"a marker missing on a line: arts decide", []*budget.Line{line("800", "kontoklasse", "1"), line("010", "kontoklasse", "")}, budget.Drift, "800 skatt"},
		{"an unreadable marker and no arts", []*budget.Line{line("010", "kontoklasse", "9")}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var e budget.PartEvidence
			for _, l := range tc.lines {
				e.Add(l)
			}
			got, why, ok := e.Infer()
			if tc.want == "" {
				if ok {
					t.Fatalf("inferred %s (%s), want nothing", got, why)
				}
				return
			}
			if !ok || got != tc.want || !strings.Contains(why, tc.why) {
				t.Errorf("Infer = %s, %q, %v; want %s with %q", got, why, ok, tc.want, tc.why)
			}
		})
	}
}

func TestParsePart(t *testing.T) {
	for in, want := range map[string]budget.Part{"drift": budget.Drift, " Investering ": budget.Investering, "BEGGE": budget.Begge, "båe": budget.Begge} {
		if got, err := budget.ParsePart(in); err != nil || got != want {
			t.Errorf("ParsePart(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	if _, err := budget.ParsePart("balanse"); budget.ErrorCode(err) != budget.EINVALID {
		t.Errorf("ParsePart(balanse) error %v, want EINVALID", err)
	}
}

func TestArtGroupAndSide(t *testing.T) {
	for _, tc := range []struct {
		art   string
		ore   int64
		group string
		side  budget.Side
	}{
		{"010", 1, budget.GroupLonn, budget.Utgift},
		{"099", 1, budget.GroupLonn, budget.Utgift},
		{"120", 1, budget.GroupKjop, budget.Utgift},
		{"370", 1, budget.GroupKjop, budget.Utgift},
		{"470", 1, budget.GroupOverforinger, budget.Utgift},
		{"500", 1, budget.GroupFinans, budget.Utgift},
		{"590", 1, budget.GroupFinans, budget.Utgift},
		{"600", -1, budget.GroupInntekter, budget.Inntekt},
		{"810", -1, budget.GroupInntekter, budget.Inntekt},
		{"910", -1, budget.GroupFinans, budget.Inntekt},
		{"710", 5, budget.GroupInntekter, budget.Inntekt}, // a correction keeps its art's side
		{"", -5, budget.GroupNoArt, budget.Inntekt},
		{"", 5, budget.GroupNoArt, budget.Utgift},
		{"1x0", 5, budget.GroupNoArt, budget.Utgift},
	} {
		if g := budget.ArtGroup(tc.art); g != tc.group {
			t.Errorf("ArtGroup(%q) = %q, want %q", tc.art, g, tc.group)
		}
		if s := budget.SideOf(tc.art, tc.ore); s != tc.side {
			t.Errorf("SideOf(%q, %d) = %s, want %s", tc.art, tc.ore, s, tc.side)
		}
	}
}
