package wording_test

import (
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/reports/internal/wording"
)

func matches(fs []wording.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Match)
	}
	return out
}

func TestChecks(t *testing.T) {
	cases := []struct {
		name  string
		check func(string) []wording.Finding
		text  string
		want  []string // the matches, in order; nil for a clean text
	}{
		{"software word", wording.SoftwareWords, "Kommunen har ikke budsjett i arbeidsområdet.", []string{"arbeidsområdet"}},
		{"software word any case", wording.SoftwareWords, "Se Katalogen og Workspace", []string{"Katalogen", "Workspace"}},
		{"software phrase", wording.SoftwareWords, "beløp = linje × andel fra arket Finansiering", []string{"linje × andel", "arket Finansiering"}},
		{"flag", wording.SoftwareWords, "skriv ut med --public (eller --lang nn)", []string{"--public", "--lang"}},
		{"go renderings", wording.SoftwareWords, "verdi nil og NaN og map[a:1] og %!d(string=x)", []string{"nil", "NaN", "map[", "%!"}},
		{"import", wording.SoftwareWords, "siste import 3. mai", []string{"import"}},
		{"clean nb", wording.SoftwareWords, "Nil elva og nilsen; tankestrek – og minus −5", nil},

		{"bokmål in nn", wording.BokmalInNynorsk, "Eininga er ikke i rute, men betre enn fra i fjor.", []string{"ikke", "fra"}},
		{"clean nn", wording.BokmalInNynorsk, "Eininga er ikkje i rute. Ho manglar 3,1 prosentpoeng frå målbanen, òg i år.", nil},

		{"hyphen ranges", wording.HyphenRanges, "barn 15-29 år i 2023-2025 og 0,5-1,5", []string{"15-29", "2023-2025", "0,5-1,5"}},
		{"not ranges", wording.HyphenRanges, "dato 2026-12-31, kode K-123, 4699-K, minus -5, tlf 22-33-44, 15–29 år, 1.2-3", nil},
		{"range at sentence end", wording.HyphenRanges, "Planen gjelder 2027-2030.", []string{"2027-2030"}},

		{"prosent for points", wording.PercentForPoints, "Enheten mangler 3,1 prosent. Den er 1,2 % bedre enn målbanen.", []string{"mangler 3,1 prosent", "1,2 % bedre enn"}},
		{"prosentpoeng ok", wording.PercentForPoints, "Enheten mangler 3,1 prosentpoeng. Andelen er 12,5 %. Budsjettet økte med 5 prosent.", nil},

		{"mixed minus", wording.MixedMinus, "avvik −5 og -7", []string{"-7"}},
		{"one minus", wording.MixedMinus, "avvik −5 og −7, uke 3-4", nil},

		{"singular", wording.SingularPlural, "1 av 1 indikatorer er ikke i rute; 1 enheter", []string{"1 av 1 indikatorer", "1 enheter"}},
		{"plural ok", wording.SingularPlural, "1 av 3 indikatorer, 21 enheter, 2 001 kroner, 1 indikator, 1 av 12 enheter", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := matches(c.check(c.text))
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

type recorder struct{ errs []string }

func (r *recorder) Helper()                        {}
func (r *recorder) Errorf(format string, a ...any) { r.errs = append(r.errs, format) }

func TestAssert(t *testing.T) {
	t.Run("nn text gets the bokmål check", func(t *testing.T) {
		var r recorder
		wording.Assert(&r, "brev", "Eininga er ikke i rute i 2023-2025.", "nn")
		if len(r.errs) != 2 {
			t.Errorf("errors = %d, want 2 (bokmål word and range)", len(r.errs))
		}
	})
	t.Run("nb text does not", func(t *testing.T) {
		var r recorder
		wording.Assert(&r, "brev", "Enheten er ikke i rute i 2023–2025.", "nb")
		if len(r.errs) != 0 {
			t.Errorf("errors = %d, want 0", len(r.errs))
		}
	})
}
