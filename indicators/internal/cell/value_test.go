package cell_test

import (
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/indicators/internal/cell"
	"github.com/shopspring/decimal"
)

func TestParseValue(t *testing.T) {
	for _, c := range []struct{ in, want, marker string }{
		{"10", "10", ""}, {"10,3", "10.3", ""}, {"10.3", "10.3", ""}, {" 10,30 ", "10.3", ""},
		{"1 234,5", "1234.5", ""}, {"1\u00a0234,5", "1234.5", ""}, {"1.234,5", "1234.5", ""}, {"1,234.5", "1234.5", ""},
		{"8.3000000000000007", "8.3", ""}, {"0.103350755704193", "0.103350755704193", ""}, {"1.2E-3", "0.0012", ""},
		{"12,5 %", "12.5", ""}, {"-0,5", "-0.5", ""}, {"\u22120,5", "-0.5", ""}, {",5", "0.5", ""},
		{"", "", ""}, {"-", "", "-"}, {":", "", ":"}, {"..", "", ".."}, {".", "", "."}, {"*", "", "*"}, {" .. ", "", ".."},
	} {
		v, m, err := cell.ParseValue(c.in)
		if err != nil {
			t.Errorf("ParseValue(%q): %v", c.in, err)
			continue
		}
		got := ""
		if v != nil {
			got = v.String()
		}
		if got != c.want || m != c.marker {
			t.Errorf("ParseValue(%q) = %q %q, want %q %q", c.in, got, m, c.want, c.marker)
		}
	}
	for _, in := range []string{"ti", "1,2,3", "12 34", "1.2.3,4,5", "1e99", "1,5e3", "--1", "1-2", strings.Repeat("9", 100)} {
		if v, m, err := cell.ParseValue(in); err == nil {
			t.Errorf("ParseValue(%q) = %v %q, want an error", in, v, m)
		}
	}
}

// FuzzParseValue checks that ParseValue never panics, that a value it
// accepts prints back to a number it reads the same, and that a missing
// value is never zero.
func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"10,3", "1 234,5", "8.3000000000000007", "1.2E-3", "..", ":", "-", "", "12,5 %", "1.234.567", "\u22120,5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, m, err := cell.ParseValue(s)
		if err != nil {
			return
		}
		if v == nil {
			return // missing, with m as the marker
		}
		if m != "" {
			t.Fatalf("ParseValue(%q) gave a value and a marker %q", s, m)
		}
		again, _, err := cell.ParseValue(v.String())
		if err != nil || again == nil || !again.Equal(*v) {
			t.Fatalf("ParseValue(%q) = %s, which reads back as %v, %v", s, v, again, err)
		}
		if v.Abs().GreaterThan(decimal.New(1, 80)) {
			t.Fatalf("ParseValue(%q) = %s: larger than any figure", s, v)
		}
	})
}
