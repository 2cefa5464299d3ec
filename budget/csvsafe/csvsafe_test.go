package csvsafe_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/csvsafe"
)

func TestCell(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"Helsestasjon", "Helsestasjon"},
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"-1362250.00", "-1362250.00"},
		{"-5", "-5"},
		{"+5,5", "+5,5"},
		{"-", "'-"},
		{"-.5", "'-.5"},
		{"-5.", "'-5."},
		{"a=b", "a=b"},
		{"-1\u00a0362\u00a0250,00", "-1\u00a0362\u00a0250,00"},
		{"-1 362 250", "-1 362 250"},
		{"- 5", "'- 5"},
		{"-5 ", "'-5 "},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			if got := csvsafe.Cell(c.in); got != c.want {
				t.Errorf("Cell(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestWriter(t *testing.T) {
	var b bytes.Buffer
	w := csvsafe.NewWriter(&b)
	rec := []string{"=1+1", "-12.50", "Bydel"}
	if err := w.WriteAll([][]string{rec}); err != nil {
		t.Fatal(err)
	}
	if rec[0] != "=1+1" {
		t.Errorf("Write changed the caller's record: %q", rec)
	}
	got, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"'=1+1", "-12.50", "Bydel"}
	for i := range want {
		if got[0][i] != want[i] {
			t.Errorf("cell %d = %q, want %q", i, got[0][i], want[i])
		}
	}
}

// FuzzCell: whatever the text, the cell a spreadsheet reads back either
// starts with a character that cannot begin a formula, or is a number, and
// removing the added ' gives the text back.
func FuzzCell(f *testing.F) {
	for _, s := range []string{"", "=1+1", "-5", "-1 362 250,00", "+47 22", "@x", "\tx", "a", "-", "'=x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := csvsafe.Cell(s)
		switch {
		case got == s:
			if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) && !numberLike(s) {
				t.Errorf("Cell(%q) left a formula-like text as it was", s)
			}
		case got == "'"+s:
		default:
			t.Errorf("Cell(%q) = %q: neither the text nor the text with a '", s, got)
		}
	})
}

// numberLike is a loose check that s is a number: a sign and then only
// digits, separators and spaces, with at least one digit.
func numberLike(s string) bool {
	digit := false
	for _, r := range s[1:] {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case r == '.' || r == ',' || r == ' ' || r == '\u00a0' || r == '\u202f':
		default:
			return false
		}
	}
	return digit
}
