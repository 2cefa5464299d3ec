package budgetfile_test

import (
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
)

func TestParseAmount(t *testing.T) {
	const (
		unknown = budgetfile.StyleUnknown
		comma   = budgetfile.StyleComma
		dot     = budgetfile.StyleDot
	)
	tests := []struct {
		in        string
		style     budgetfile.Style
		ore       int64
		evidence  budgetfile.Style
		ambiguous bool
	}{
		{"1234567", unknown, 123456700, unknown, false},
		{"0", unknown, 0, unknown, false},
		{"007", unknown, 700, unknown, false},
		{"1 234 567", unknown, 123456700, unknown, false},
		{"1 234 567,89", unknown, 123456789, comma, false},
		{"-1 362 250", unknown, -136225000, unknown, false},
		{" -1 362 250 ", unknown, -136225000, unknown, false},
		{"-105 000 000 ", unknown, -10500000000, unknown, false},
		{"1\u00a0234\u00a0567", unknown, 123456700, unknown, false},
		{"1\u202f234", unknown, 123400, unknown, false},
		{"1\u2009234,5", unknown, 123450, comma, false},
		{"(1 234)", unknown, -123400, unknown, false},
		{"( 1 234,50 )", unknown, -123450, comma, false},
		{"1.234.567,89", unknown, 123456789, comma, false},
		{"1.234.567", unknown, 123456700, comma, false},
		{"1,234,567.89", unknown, 123456789, dot, false},
		{"1,234,567", unknown, 123456700, dot, false},
		{"kr 1 234", unknown, 123400, unknown, false},
		{"Kr. 1 234", unknown, 123400, unknown, false},
		{"1 234 kr", unknown, 123400, unknown, false},
		{"NOK -1 234", unknown, -123400, unknown, false},
		{"-kr 1 234", unknown, -123400, unknown, false},
		{"1 234,-", unknown, 123400, unknown, false},
		{"kr 1 234,-", unknown, 123400, unknown, false},
		{"1234.5", unknown, 123450, dot, false},
		{"1.2345E+6", unknown, 123450000, dot, false},
		{"1E3", unknown, 100000, unknown, false},
		{"-0.06", unknown, -6, dot, false},
		{"0.30000000000000004", unknown, 30, dot, false},
		{"-1.7763568394002505E-15", unknown, 0, dot, false},
		{"0.005", unknown, 1, dot, false},   // half an øre rounds away from zero
		{"-0.005", unknown, -1, dot, false}, // and so does a negative half
		{"0.0049", unknown, 0, dot, false},
		{"12,345", comma, 1235, comma, false},
		{"\u22121 234", unknown, -123400, unknown, false},
		{"+1 234", unknown, 123400, unknown, false},
		{"-", unknown, 0, unknown, false},     // accounting format zero
		{" -   ", unknown, 0, unknown, false}, // as Bergen writes it
		{"32337,12", unknown, 3233712, comma, false},
		{"-0,06", unknown, -6, comma, false},
		{"1234,567", unknown, 123457, comma, false}, // four integer digits: not a grouping
		{"0,345", unknown, 35, comma, false},        // a group cannot start with 0
		{",5", unknown, 50, comma, false},
		{"1 234.5", unknown, 123450, dot, false},
		{"12.345", unknown, 1235, dot, true},
		{"1,234", unknown, 123, comma, true},
		{"12.345", dot, 1235, dot, false},
		{"1,234", comma, 123, comma, false},
	}
	for _, tt := range tests {
		p, err := budgetfile.ParseAmount(tt.in, tt.style)
		if err != nil {
			t.Errorf("ParseAmount(%q, %s): %v", tt.in, tt.style, err)
			continue
		}
		if p.Empty || p.Ore != tt.ore || p.Evidence != tt.evidence || p.Ambiguous != tt.ambiguous {
			t.Errorf("ParseAmount(%q, %s) = %+v, want ore %d evidence %s ambiguous %v", tt.in, tt.style, p, tt.ore, tt.evidence, tt.ambiguous)
		}
	}
	for _, in := range []string{"", "   ", "\u00a0"} {
		if p, err := budgetfile.ParseAmount(in, budgetfile.StyleUnknown); err != nil || !p.Empty {
			t.Errorf("ParseAmount(%q) = %+v, %v: want empty", in, p, err)
		}
	}
}

func TestParseAmountErrors(t *testing.T) {
	for _, tt := range []struct {
		in    string
		style budgetfile.Style
	}{
		{"1,2,3", budgetfile.StyleUnknown},
		{"1.2.3", budgetfile.StyleUnknown},
		{"12.345", budgetfile.StyleComma}, // a dot grouping or a decimal point?
		{"1,234", budgetfile.StyleDot},    // a comma grouping or a decimal comma?
		{"12 34", budgetfile.StyleUnknown},
		{"1234 567", budgetfile.StyleUnknown},
		{"1 234.567,8", budgetfile.StyleUnknown},
		{"1.234,567.8", budgetfile.StyleUnknown},
		{"1,234 567", budgetfile.StyleUnknown},
		{"1..5", budgetfile.StyleUnknown},
		{"1.", budgetfile.StyleUnknown},
		{"abc", budgetfile.StyleUnknown},
		{"12a", budgetfile.StyleUnknown},
		{"1 234 %", budgetfile.StyleUnknown},
		{"--5", budgetfile.StyleUnknown},
		{"-(5)", budgetfile.StyleUnknown},
		{"(-5)", budgetfile.StyleUnknown},
		{"(5", budgetfile.StyleUnknown},
		{"+", budgetfile.StyleUnknown},
		{"kr", budgetfile.StyleUnknown},
		{"1E", budgetfile.StyleUnknown},
		{"1E5000", budgetfile.StyleUnknown},
		{"1,5E3", budgetfile.StyleUnknown},
		{"9E30", budgetfile.StyleUnknown},
		{"99999999999999999999", budgetfile.StyleUnknown}, // too large in øre
		{strings.Repeat("1", 100), budgetfile.StyleUnknown},
		{"1 234-", budgetfile.StyleUnknown},
	} {
		if p, err := budgetfile.ParseAmount(tt.in, tt.style); err == nil {
			t.Errorf("ParseAmount(%q, %s) = %+v, want an error", tt.in, tt.style, p)
		}
	}
}

// TestParseAmountLong checks numbers past the fast path's 18 digits.
func TestParseAmountLong(t *testing.T) {
	p, err := budgetfile.ParseAmount("0000000000000000000001234,5678", budgetfile.StyleUnknown)
	if err != nil || p.Ore != 123457 {
		t.Errorf("leading zeros: %+v %v", p, err)
	}
	p, err = budgetfile.ParseAmount("1.23456789012345678901234E+10", budgetfile.StyleUnknown)
	if err != nil || p.Ore != 1234567890123 {
		t.Errorf("long mantissa: %+v %v", p, err)
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"1 234 567,89", "-1 362 250", "(1 234)", "1.234.567,89", "kr 1 234", "1.2345E+6",
		"-0.06", "0.30000000000000004", "12.345", "1,234", "1,2,3", "\u22121\u00a0234", "-", "0.005", "9223372036854775807"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
		f.Add(s, uint8(2))
	}
	f.Fuzz(func(t *testing.T, s string, st uint8) {
		style := budgetfile.Style(st % 3)
		p, err := budgetfile.ParseAmount(s, style)
		if err != nil || p.Empty {
			return
		}
		// The fast integer path agrees with shopspring/decimal.
		ref, err := budgetfile.ParseAmountDecimal(s, style)
		if err != nil {
			t.Fatalf("ParseAmount(%q) = %d but the decimal reference fails: %v", s, p.Ore, err)
		}
		abs := p.Ore
		if abs < 0 {
			abs = -abs
		}
		if abs != ref && -abs != ref {
			t.Fatalf("ParseAmount(%q) = %d, decimal reference %d", s, p.Ore, ref)
		}
		// Formatting the øre and parsing again gives the same øre, in
		// both styles.
		dotted := budget.FormatOre(p.Ore)
		q, err := budgetfile.ParseAmount(dotted, budgetfile.StyleDot)
		if err != nil || q.Ore != p.Ore {
			t.Fatalf("ParseAmount(%q) = %d; reparse of %q = %+v, %v", s, p.Ore, dotted, q, err)
		}
		comma := strings.Replace(dotted, ".", ",", 1)
		q, err = budgetfile.ParseAmount(comma, budgetfile.StyleComma)
		if err != nil || q.Ore != p.Ore {
			t.Fatalf("ParseAmount(%q) = %d; reparse of %q = %+v, %v", s, p.Ore, comma, q, err)
		}
	})
}
