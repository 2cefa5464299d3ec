package budget_test

import (
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// FuzzParseSelector checks that the parser never panics, that whatever it
// accepts prints in a canonical form it reads back to the same selector,
// and that matching never panics.
func FuzzParseSelector(f *testing.F) {
	for _, s := range []string{"funksjon=232;ansvar=31*|prosjekt=P1407", "art=010-099", "bydel=*", "tjeneste=20000-29999;Bydel=Nord*",
		"a=b|c=d;e=f", "funksjon=", "=", "|", ";", "x=1-2-3", "x=*-*", "x= 1 - 2 ", "ansvar=ø*", "\xff=1"} {
		f.Add(s)
	}
	l := &budget.Line{Ansvar: "3120", Funksjon: "232", Tjeneste: "23200", Art: "010", Konto: "01000", Prosjekt: "P1407",
		Attributes: []budget.Attribute{{Name: "Bydel", Value: "Nordbyen"}}}
	f.Fuzz(func(t *testing.T, s string) {
		sel, err := budget.ParseSelector(s)
		if err != nil {
			if budget.ErrorCode(err) != budget.EINVALID {
				t.Fatalf("%q: error %v is not EINVALID", s, err)
			}
			return
		}
		canon := sel.String()
		again, err := budget.ParseSelector(canon)
		if err != nil {
			t.Fatalf("%q printed as %q, which does not parse: %v", s, canon, err)
		}
		if again.String() != canon {
			t.Fatalf("%q: canonical %q reads back as %q", s, canon, again.String())
		}
		if sel.Match(l) != again.Match(l) {
			t.Fatalf("%q and its canonical form %q match differently", s, canon)
		}
	})
}
